import type { LintResult, RuleMeta } from '@govern/core';
import type { Colors } from '../output/colors.js';

export interface FormatterContext {
  /** The repository root: paths are shown relative to it. */
  cwd: string;
  colors: Colors;
  /** Each rule's meta, by id, for formats that describe rules (SARIF). */
  rulesMeta: Record<string, RuleMeta>;
  version: string;
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string;
