import type { Root } from 'mdast';
import type { Diagnostic, MarkdownDocument } from '../model/types.js';
import { MARK_SHORTCODES } from '../text/state-words.js';

export type { MarkdownDocument };

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

/**
 * GitHub's extensions to Markdown, in remark-gfm's order, each with a test its source must pass for
 * the extension to make any difference. GFM costs about half of remark's speed, most of it in
 * autolink literals (every word is tried as the start of an e-mail address), so each document gets
 * only the extensions its text can use: the tree is the one remark-gfm would give, at the cost of a
 * plain parse for a document without URLs, tables, checkboxes, tildes or footnotes.
 */
const GFM_TRIGGERS = [
  // A literal `@`, `www.` or `://`, or a backslash escape or character reference that decodes to one
  // (autolink literals are also found in decoded text).
  { name: 'autolinkLiteral', test: /@|&(?:#|[a-z])|www\\?\.|:\\?\/\\?\//i },
  { name: 'footnote', test: /\[\^/ },
  { name: 'strikethrough', test: /~/ },
  { name: 'table', test: /\|/ },
  // After `[`: a space, tab or line ending (micromark reads a CRLF as one), or an x.
  { name: 'taskListItem', test: /\[(?:\r\n|[\t\n\r xX])\]/ },
] as const;

/** Which of GFM's extensions can change the tree of `text`, as a bit set in GFM_TRIGGERS' order. */
export function gfmExtensionsFor(text: string): number {
  let set = 0;
  GFM_TRIGGERS.forEach(({ test }, index) => {
    if (test.test(text)) set |= 1 << index;
  });
  return set;
}

/**
 * remark's time grows steeply with nesting depth. A document indented past these limits is
 * pathological (no real one nests 32 levels), and is then flattened to a depth remark handles fast.
 */
const PATHOLOGICAL_INDENT = 64;
const PATHOLOGICAL_QUOTES = 32;
const MAX_INDENT = 16;
const MAX_QUOTES = 8;
/**
 * A container opener at the start of a line: a quote marker, or a list marker and its spacing.
 * Each alternative starts with a different character and ends before the next one's, so a line is
 * matched in one linear pass.
 */
const CONTAINER = /(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)/y;
const CONTAINER_RUN = `(?:>[ \\t]*|(?:[-*+]|\\d{1,9}[.)])[ \\t]+)`;
/** Many levels on one line (`- - - - … x`, `> > > …`) cost remark as much as many indented lines. */
const TOO_DEEP = new RegExp(`^(?:[ \\t]{${PATHOLOGICAL_INDENT + 1}}|[ \\t]*${CONTAINER_RUN}{${PATHOLOGICAL_QUOTES + 1}})`, 'm');

/** The quote and list markers that open a line, each with its spacing. */
function leadingContainers(rest: string): string[] {
  const items: string[] = [];
  CONTAINER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CONTAINER.exec(rest)) !== null) items.push(match[0]);
  return items;
}

/**
 * Clamps pathological nesting (thousands of list or quote levels) so parsing stays fast; line
 * numbers are unchanged. A document that nests less than the limits is returned as it is.
 */
export function tameNesting(text: string): { text: string; line?: number } {
  const match = TOO_DEEP.exec(text);
  if (!match) return { text };
  let firstLine: number | undefined;
  // A fenced block is text, not structure: a diagram indented sixty columns nests nothing. Its lines
  // that open list or quote markers are still held to the limits, in case the fence was not one
  // (inside an HTML block, say) and remark reads them as containers after all.
  let fence: { char: string; length: number } | undefined;
  // Lines and the breaks between them (CR, LF or CRLF, kept as they are): even indices are lines.
  const parts = text.split(/(\r\n|\r|\n)/);
  const lines = parts.map((line, part) => {
    if (part % 2 === 1) return line;
    const index = part / 2;
    const marker = fenceMarker(line);
    const indent = /^[ \t]*/.exec(line)![0];
    let rest = line.slice(indent.length);
    const containers = leadingContainers(rest);
    if (fence) {
      if (marker && marker.char === fence.char && marker.length >= fence.length && marker.bare) fence = undefined;
      if (containers.length === 0) return line;
    } else if (marker) {
      fence = marker;
      return line;
    }
    const width = indent.replace(/\t/g, '    ').length;
    if (width <= MAX_INDENT && containers.length <= MAX_QUOTES) return line;
    firstLine ??= index + 1;
    if (containers.length > MAX_QUOTES) {
      const prefixLength = containers.reduce((n, item) => n + item.length, 0);
      rest = containers.slice(0, MAX_QUOTES).join('') + rest.slice(prefixLength);
    }
    return ' '.repeat(Math.min(width, MAX_INDENT)) + rest;
  });
  return firstLine === undefined ? { text } : { text: lines.join(''), line: firstLine };
}

/**
 * The fence a line opens or closes (up to three spaces, then three or more backticks or tildes), read
 * without a pattern; `bare` when nothing but spaces follows it, as a closing fence must be.
 */
function fenceMarker(line: string): { char: string; length: number; bare: boolean } | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const char = line[i];
  if (char !== '`' && char !== '~') return undefined;
  let end = i;
  while (line[end] === char) end++;
  if (end - i < 3) return undefined;
  const after = line.slice(end);
  // A backtick fence's info string holds no backtick.
  if (char === '`' && after.includes('`')) return undefined;
  return { char, length: end - i, bare: after.trim() === '' };
}

/**
 * A task line an editing command left a caret before (`^- [X] T001 …`: a `sed` replacement that wrote the `^` it
 * meant as the start of the line), which Markdown reads as a paragraph. The caret becomes a space, so the line is
 * the list item its writer meant and every offset stays where it was.
 */
const CARET_TASK = /^\^(?=[-*+] \[[ xX]\])/gm;

/** `text` with each caret before a task line replaced by a space (see CARET_TASK); the same text when there is none. */
export function dropTaskCarets(text: string): string {
  return text.includes('^-') || text.includes('^*') || text.includes('^+') ? text.replace(CARET_TASK, ' ') : text;
}

/** `:name:`, a shortcode as GitHub writes emoji. */
const SHORTCODE = /:([a-z_]{1,30}):/g;

/**
 * `text` with each shortcode of a state mark (`:white_check_mark:`, `:construction:`) written as its mark, padded with
 * spaces to the shortcode's length so that every offset stays where it was; the same text when there is none.
 */
export function markShortcodes(text: string): string {
  SHORTCODE.lastIndex = 0;
  if (!SHORTCODE.test(text)) return text;
  return text.replace(SHORTCODE, (whole, name: string) => {
    const mark = MARK_SHORTCODES.get(name);
    return mark === undefined ? whole : mark + ' '.repeat(whole.length - mark.length);
  });
}

/**
 * `text` with the opening line of a ```` ```markdown ```` fence that is never closed blanked out (spaces, so every offset
 * stays where it was); the same text when there is none. Such a fence runs to the end of the document, so Markdown would
 * read all after it as code, but it is the wrapper of a file pasted from a chat (a line naming the file, then the
 * file's Markdown in a fence whose end was left out): what it holds is the document. A closed fence is an example.
 */
export function openUnclosedMarkdownFence(text: string): string {
  if (!/^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:markdown|md)[ \t]*$/imu.test(text)) return text;
  let open: { char: string; length: number; start: number; end: number; markdown: boolean } | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(start, end);
    const marker = fenceMarker(line);
    if (open) {
      if (marker && marker.char === open.char && marker.length >= open.length && marker.bare) open = undefined;
    } else if (marker) {
      const info = line.trim().slice(marker.length).trim().toLowerCase();
      open = { ...marker, start, end, markdown: info === 'markdown' || info === 'md' };
    }
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  if (!open?.markdown) return text;
  return text.slice(0, open.start) + ' '.repeat(open.end - open.start) + text.slice(open.end);
}

/**
 * Whether parsing this text can give a diagnostic of its own: only front matter (a `---` fence on the
 * first line) and pathological nesting do. Lets a caller skip parsing a document nothing else reads.
 */
export function mayHaveParseDiagnostics(text: string): boolean {
  return /^---[ \t]*[\r\n]/.test(text) || TOO_DEEP.test(text);
}

async function createParser(): Promise<MarkdownParser> {
  const [
    { unified },
    { default: remarkParse },
    { default: remarkFrontmatter },
    { default: YAML },
    autolinkLiteral,
    autolinkLiteralTree,
    footnote,
    footnoteTree,
    strikethrough,
    strikethroughTree,
    table,
    tableTree,
    taskListItem,
    taskListItemTree,
  ] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-frontmatter'),
    import('yaml'),
    import('micromark-extension-gfm-autolink-literal'),
    import('mdast-util-gfm-autolink-literal'),
    import('micromark-extension-gfm-footnote'),
    import('mdast-util-gfm-footnote'),
    import('micromark-extension-gfm-strikethrough'),
    import('mdast-util-gfm-strikethrough'),
    import('micromark-extension-gfm-table'),
    import('mdast-util-gfm-table'),
    import('micromark-extension-gfm-task-list-item'),
    import('mdast-util-gfm-task-list-item'),
  ]);
  // In GFM_TRIGGERS' order, with remark-gfm's default options.
  const extensions = [
    [autolinkLiteral.gfmAutolinkLiteral(), autolinkLiteralTree.gfmAutolinkLiteralFromMarkdown()],
    [footnote.gfmFootnote(), footnoteTree.gfmFootnoteFromMarkdown()],
    [strikethrough.gfmStrikethrough(), strikethroughTree.gfmStrikethroughFromMarkdown()],
    [table.gfmTable(), tableTree.gfmTableFromMarkdown()],
    [taskListItem.gfmTaskListItem(), taskListItemTree.gfmTaskListItemFromMarkdown()],
  ] as const;
  const base = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  const processors = new Map<number, typeof base>();
  const processorFor = (set: number): typeof base => {
    let processor = processors.get(set);
    if (!processor) {
      const chosen = extensions.filter((_, index) => set & (1 << index));
      processor = base()
        .use(function gfmParts() {
          const data = this.data();
          (data.micromarkExtensions ??= []).push(...chosen.map(([syntax]) => syntax));
          (data.fromMarkdownExtensions ??= []).push(...chosen.map(([, tree]) => tree));
        })
        .freeze();
      processors.set(set, processor);
    }
    return processor;
  };

  return {
    parse(file, text) {
      const diagnostics: Diagnostic[] = [];
      const processor = processorFor(gfmExtensionsFor(text));
      const tamed = tameNesting(text);
      if (tamed.line !== undefined) {
        diagnostics.push({
          ruleId: 'govern/parse',
          severity: 'warning',
          message: `Nesting deeper than ${PATHOLOGICAL_QUOTES} levels: lines indented past ${MAX_INDENT} columns or opening more than ${MAX_QUOTES} quotes or lists (from this line on) were flattened before parsing.`,
          file,
          line: tamed.line,
          column: 1,
        });
      }
      let tree: Root;
      try {
        tree = processor.parse(openUnclosedMarkdownFence(dropTaskCarets(markShortcodes(tamed.text))));
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
          // YAML ends lines at LF only; a file with lone CR line endings has them in its front matter too.
          const data: unknown = YAML.parse(first.value.includes('\r') ? first.value.replace(/\r\n?/g, '\n') : first.value);
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
