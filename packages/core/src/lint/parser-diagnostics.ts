import { docsUrl } from '../text/messages.js';
import type { RuleMeta } from './types.js';

/**
 * The problems govern's readers report about the documents themselves (a task id used twice, front
 * matter that is not YAML, a file that is not UTF-8). They are configured like rules — `off`,
 * `warn` or `error`, in `rules` and `overrides`, and named in inline directives — by these ids. Not
 * configured, each keeps the severity its reader gave it. See docs/rules/parser-diagnostics.md.
 */
export const PARSER_DIAGNOSTICS: Readonly<Record<string, string>> = {
  'govern/read': 'A file could not be read as text: not UTF-8, binary, too large or unreadable',
  'govern/parse': 'A Markdown file has a structure govern read another way (nesting flattened past a depth)',
  'govern/frontmatter': 'Front matter that is not valid YAML, or not a mapping',
  'govern/parse-constitution': 'Something in the constitution govern could not read as written (a principle number used twice)',
  'govern/parse-product': 'Something in PRODUCT.md govern could not read as written',
  'govern/parse-sequence': 'Something in a sequence (DEVELOPMENT.md, BACKLOG.md) govern could not read as written',
  'govern/parse-spec': 'Something in a spec govern could not read as written (a Status field that is not one value)',
  'govern/parse-state': 'Something in a state file (status.md) govern could not read as written',
  'govern/parse-tasks': 'Something in a task list govern could not read as written (a task id used twice, a task both done and open)',
  'govern/parse-review': 'A reviewer output govern could not read',
  'govern/unknown-feature': 'A document names a feature govern finds nowhere else',
  'govern/ambiguous-reference': 'A reference that could name more than one feature',
  'govern/duplicate-feature-id': 'Two features with the same id',
  'govern/dependency-cycle': 'Features that depend on each other in a circle',
};


export function isParserDiagnostic(id: string): boolean {
  return Object.hasOwn(PARSER_DIAGNOSTICS, id);
}

/** Their descriptions in a rule's `meta` shape, for formatters that list rules (SARIF). */
export function parserDiagnosticsMeta(): Record<string, RuleMeta> {
  const meta: Record<string, RuleMeta> = {};
  for (const [id, description] of Object.entries(PARSER_DIAGNOSTICS)) {
    meta[id] = { type: 'problem', docs: { description, recommended: true, url: `${docsUrl('rules/parser-diagnostics.md')}#${id.replace('/', '')}` }, messages: {}, schema: [] };
  }
  return meta;
}
