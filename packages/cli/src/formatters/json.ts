import type { Formatter } from './types.js';

/** ESLint's `json` format: the LintResult array. */
export const json: Formatter = (results) => `${JSON.stringify(results)}\n`;
