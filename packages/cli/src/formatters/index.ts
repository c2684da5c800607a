import type { Formatter } from './types.js';

export type { Formatter, FormatterContext } from './types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Formatters load on demand: a clean run in a hook should not pay for SARIF. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    default:
      return undefined;
  }
}
