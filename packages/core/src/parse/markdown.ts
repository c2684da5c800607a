import type { Root, Yaml } from 'mdast';
import type { Diagnostic } from '../model/types.js';

/** A parsed Markdown document: the input of every document parser. */
export interface MarkdownDocument {
  /** Repository-relative path with `/` separators. */
  file: string;
  /** The text as read (BOM removed, line endings kept). */
  text: string;
  tree: Root;
  /** Front matter data when the document starts with a YAML block that parses to a mapping. */
  frontmatter?: Record<string, unknown>;
  /** The front matter node, when there is one (valid or not). */
  frontmatterNode?: Yaml;
}

export interface MarkdownParser {
  parse(file: string, text: string): { document: MarkdownDocument; diagnostics: Diagnostic[] };
}

let parserPromise: Promise<MarkdownParser> | undefined;

/**
 * Loads the remark stack on first use only: importing it costs more than Node's own start,
 * and a command that reads no Markdown should not pay for it.
 */
export function loadMarkdownParser(): Promise<MarkdownParser> {
  parserPromise ??= createParser();
  return parserPromise;
}

/** GFM costs about half of remark's speed; only tables and task checkboxes matter to govern. */
const NEEDS_GFM = /\|[^\n]*\||\[[ xX]\]/;

async function createParser(): Promise<MarkdownParser> {
  const [{ unified }, { default: remarkParse }, { default: remarkFrontmatter }, { default: remarkGfm }, YAML] =
    await Promise.all([
      import('unified'),
      import('remark-parse'),
      import('remark-frontmatter'),
      import('remark-gfm'),
      import('yaml'),
    ]);
  const plain = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  const gfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

  return {
    parse(file, text) {
      const diagnostics: Diagnostic[] = [];
      const processor = NEEDS_GFM.test(text) ? gfm : plain;
      let tree: Root;
      try {
        tree = processor.parse(text);
      } catch (error) {
        // remark is tolerant, but pathological nesting can exhaust the stack; the document is then read as empty.
        diagnostics.push({
          ruleId: 'govern/parse',
          severity: 'error',
          message: `Markdown could not be parsed (${error instanceof RangeError ? 'nesting too deep' : 'parser error'}); the document was skipped.`,
          file,
          line: 1,
          column: 1,
        });
        tree = { type: 'root', children: [] };
      }
      const document: MarkdownDocument = { file, text, tree };
      const first = tree.children[0];
      if (first?.type === 'yaml') {
        document.frontmatterNode = first;
        try {
          const data: unknown = YAML.parse(first.value);
          if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
            document.frontmatter = data as Record<string, unknown>;
          } else if (data !== null && data !== undefined) {
            diagnostics.push({
              ruleId: 'govern/frontmatter',
              severity: 'warning',
              message: 'Front matter is not a mapping of keys to values; it was ignored.',
              file,
              line: first.position?.start.line ?? 1,
              column: 1,
            });
          }
        } catch (error) {
          const linePos = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
          // The YAML parser counts from the first line inside the `---` fence.
          const line = (first.position?.start.line ?? 1) + (linePos?.line ?? 0);
          const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid YAML';
          diagnostics.push({
            ruleId: 'govern/frontmatter',
            severity: 'warning',
            message: `Front matter is not valid YAML (${reason}); it was ignored.`,
            file,
            line,
            column: linePos?.col ?? 1,
          });
        }
      }
      return { document, diagnostics };
    },
  };
}

/** Parses one Markdown text: for tests and tools that hold a document in memory. */
export async function parseMarkdown(file: string, text: string): Promise<{ document: MarkdownDocument; diagnostics: Diagnostic[] }> {
  const parser = await loadMarkdownParser();
  return parser.parse(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
