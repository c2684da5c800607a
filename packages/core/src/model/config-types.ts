import type { DocumentKind } from './types.js';

export type RuleLevel = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleSetting = RuleLevel | [RuleLevel, ...unknown[]];

export interface ConfigOverride {
  files: string | string[];
  rules?: Record<string, RuleSetting>;
}

/** The shape of `govern.config.*`, `.governrc*` and `package.json#govern`; see `schema/config.schema.json`. */
export interface GovernConfig {
  $schema?: string;
  /** Globs per document kind; a kind given here replaces its defaults. */
  documents?: Partial<Record<DocumentKind, string[]>>;
  /** Globs never read. */
  ignore?: string[];
  extends?: string[];
  rules?: Record<string, RuleSetting>;
  overrides?: ConfigOverride[];
}
