/**
 * An input govern cannot work with at all (missing root, invalid config, unknown rule).
 * Problems inside documents are never errors: they are diagnostics.
 */
export class GovernError extends Error {
  override readonly name = 'GovernError';
  constructor(
    readonly code: 'usage' | 'config' | 'io',
    message: string,
  ) {
    super(message);
  }
}

export function isGovernError(error: unknown): error is GovernError {
  return error instanceof GovernError;
}
