import type { Code, Heading, Node, Parent, PhrasingContent, RootContent, TableRow } from 'mdast';
import type { MarkdownDocument } from './markdown.js';
import type { AgentCommand, AgentCommandKind, AgentsFile, Diagnostic, ParseResult, Section } from '../model/types.js';
import { positionOf } from '../model/positions.js';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';
import { splitLines } from './source-text.js';
import { classifyCommand, classifyLabel, isCommandishLabel, looksLikeCommand, plausibleShellLine } from './agent-commands.js';

const letterOrDigit = asciiFirst(String.raw`[\p{L}\p{N}]`, 'u');

/**
 * Reads an AGENTS.md: its sections and the commands it names, in fenced shell blocks and in inline
 * code spans. See docs/formats/agents.md.
 */
export function parseAgents(doc: MarkdownDocument): ParseResult<AgentsFile> {
  const diagnostics: Diagnostic[] = [];
  const sections: Section[] = [];
  const commands: AgentCommand[] = [];
  let heading = '';

  for (const node of doc.tree.children) {
    if (node.type === 'heading') {
      heading = plainText(node);
      sections.push({ title: heading, depth: (node as Heading).depth, position: positionOf(node, doc.file) });
      continue;
    }
    collectFrom(doc, node, heading, commands);
  }
  return { value: { file: doc.file, sections, commands }, diagnostics };
}

/** Walks one top-level block without recursion, carrying the label each code block or span sits under. */
function collectFrom(doc: MarkdownDocument, block: RootContent, heading: string, commands: AgentCommand[]): void {
  const stack: Array<{ node: Node; intro: string }> = [{ node: block, intro: '' }];
  while (stack.length > 0) {
    const { node, intro } = stack.pop()!;
    if (node.type === 'code') {
      for (const item of commandsInBlock(doc, node as Code, [intro, heading])) commands.push(item);
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'tableCell') {
      for (const item of commandsInSpans(doc, node as Parent, heading)) commands.push(item);
      continue;
    }
    if (node.type === 'tableRow') {
      const row = node as TableRow;
      const rowLabel = plainText(row.children[0]);
      for (let i = row.children.length - 1; i >= 0; i--) {
        const cell = row.children[i];
        if (cell) for (const item of commandsInSpans(doc, cell, heading, rowLabel)) commands.push(item);
      }
      continue;
    }
    const children = (node as Parent).children;
    if (!Array.isArray(children)) continue;
    // A paragraph that ends with a colon ("Run the tests:") introduces the code block after it.
    let lastIntro = intro;
    const queued: Array<{ node: Node; intro: string }> = [];
    for (const child of children as Node[]) {
      queued.push({ node: child, intro: lastIntro });
      if (child.type === 'paragraph') {
        const text = plainText(child);
        lastIntro = /[:：]\s*$/.test(text) ? text : intro;
      }
    }
    for (let i = queued.length - 1; i >= 0; i--) stack.push(queued[i]!);
  }
}

// ---------------------------------------------------------------- fenced blocks

const SHELL_LANGS = new Set([
  'sh', 'bash', 'shell', 'console', 'zsh', 'fish', 'shellsession', 'sh-session', 'terminal',
  'powershell', 'pwsh', 'ps1', 'ps', 'cmd', 'bat', 'batch',
]);
const PLAIN_LANGS = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

/** Lines that set up the shell rather than run the project: not worth reporting on their own. */
const SHELL_SETUP = /^(?:cd|pushd|popd|export|set|unset|source|\.|alias|echo|printf|exit|clear)(?:\s|$)/;

function commandsInBlock(doc: MarkdownDocument, node: Code, labels: string[]): AgentCommand[] {
  const lang = (node.lang ?? '').toLowerCase();
  const shell = SHELL_LANGS.has(lang);
  if (!shell && !PLAIN_LANGS.has(lang)) return [];

  const start = node.position?.start;
  if (!start || start.offset === undefined) return [];
  const source = doc.text.slice(start.offset, node.position?.end.offset);
  const sourceLines = splitLines(source);
  const fenced = /^\s*(?:```|~~~)/.test(sourceLines[0] ?? '');
  // The block's content lines as they stand in the file, so columns are true columns.
  const lines = fenced ? sourceLines.slice(1, closesFence(sourceLines) ? -1 : undefined) : sourceLines;
  const firstLine = start.line + (fenced ? 1 : 0);
  const prompted = lines.some((line) => /^\s*(?:\$|>|PS>|PS [^>]*>)\s/.test(line));
  if (!shell && !prompted && !mostlyCommands(lines)) return [];

  const found: AgentCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const lineNumber = firstLine + i;
    const prompt = /^(\s*)(?:\$|PS>|PS [^>]*>)\s+/.exec(line);
    if (prompted && !prompt) continue;
    const offsetInLine = prompt ? prompt[0].length : /^\s*/.exec(line)?.[0].length ?? 0;
    let text = line.slice(offsetInLine);
    // The first line of an indented block is sliced from the node's start, not from its line's start.
    const column = offsetInLine + 1 + (!fenced && i === 0 ? start.column - 1 : 0);
    // `\` at the end of a line continues the command on the next one.
    while (/\\\s*$/.test(text) && i + 1 < lines.length) {
      i++;
      line = lines[i] ?? '';
      text = `${text.replace(/\\\s*$/, '').trimEnd()} ${line.trim()}`;
    }
    text = stripComment(text).trim();
    if (!text || text.startsWith('#') || text.startsWith('//') || text.startsWith('REM ') || text.startsWith('::')) continue;
    if (SHELL_SETUP.test(text) && !/&&|;|\|\|/.test(text)) continue;
    if (!shell && !prompt && !looksLikeCommand(text, false)) continue;
    if (shell && !prompt && !plausibleShellLine(text)) continue;
    found.push({ ...kindOf(text, labels), command: text, position: { file: doc.file, line: lineNumber, column } });
  }
  return found;
}

/**
 * An untagged block is read as commands only when most of its lines are: a directory tree or a
 * sample output with one line that happens to start with `make` is not a command block.
 */
function mostlyCommands(lines: string[]): boolean {
  const content = lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const commands = content.filter((line) => looksLikeCommand(stripComment(line).trim(), false)).length;
  return commands > 0 && commands * 2 >= content.length;
}

function closesFence(lines: string[]): boolean {
  return lines.length > 1 && /^\s*(?:```|~~~)\s*$/.test(lines[lines.length - 1] ?? '');
}

/** Drops a trailing `# comment`: a `#` after whitespace and outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && i > 0 && /\s/.test(line[i - 1] ?? '')) return line.slice(0, i);
  }
  return line;
}

// ---------------------------------------------------------------- inline code spans

type Piece = { kind: 'text'; value: string } | { kind: 'code'; node: Node & { value: string } };

/** The phrasing content of a paragraph flattened to text and code spans, emphasis and links opened up. */
function pieces(container: Parent): Piece[] {
  const out: Piece[] = [];
  const stack: Node[] = [...(container.children as Node[])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'inlineCode') out.push({ kind: 'code', node: node as Node & { value: string } });
    else if (node.type === 'text') out.push({ kind: 'text', value: (node as PhrasingContent & { value: string }).value });
    else if (node.type === 'break') out.push({ kind: 'text', value: '\n' });
    else if (Array.isArray((node as Parent).children)) {
      const children = (node as Parent).children as Node[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

function commandsInSpans(doc: MarkdownDocument, container: Parent, heading: string, rowLabel = ''): AgentCommand[] {
  const parts = pieces(container);
  if (!parts.some((p) => p.kind === 'code')) return [];
  const found: AgentCommand[] = [];
  parts.forEach((part, i) => {
    if (part.kind !== 'code') return;
    const before = textBetween(parts, i, -1);
    const after = textBetween(parts, i, 1);
    // The words leading up to the span label it ("Run tests: `pnpm test`"); a span that opens its
    // line is labelled by what follows ("`npm run lint`: check the linter").
    const label = letterOrDigit(before).test(before) ? lastClause(before) : firstClause(after);
    const labels = [label, rowLabel, heading];
    const commandish = labels.some((l) => l && isCommandishLabel(l));
    const text = part.node.value.replace(/^\s*\$\s+/, '').trim();
    if (!looksLikeCommand(text, commandish)) return;
    found.push({ ...kindOf(text, labels), command: text, position: positionOf(part.node, doc.file) });
  });
  return found;
}

/** The text from the span at `index` to the next span in `direction` (or the container's edge). */
function textBetween(parts: Piece[], index: number, direction: 1 | -1): string {
  let text = '';
  for (let i = index + direction; i >= 0 && i < parts.length; i += direction) {
    const part = parts[i]!;
    if (part.kind === 'code') break;
    text = direction === 1 ? text + part.value : part.value + text;
  }
  return text;
}

function lastClause(text: string): string {
  const clauses = text.split(/[.;\r\n]\s|[\r\n]/);
  return (clauses[clauses.length - 1] ?? '').trim();
}

function firstClause(text: string): string {
  return (text.split(/[.;\r\n]\s|[\r\n]/)[0] ?? '').replace(/^[\s:：—–-]+/, '').trim();
}

/** A command's kind and what decided it: its own words, else the nearest label that names a kind. */
function kindOf(command: string, labels: string[]): Pick<AgentCommand, 'kind' | 'kindFrom'> {
  const fromCommand = classifyCommand(command);
  if (fromCommand) return { kind: fromCommand, kindFrom: 'command' };
  for (const label of labels) {
    const fromLabel = label ? classifyLabel(label) : undefined;
    if (fromLabel) return { kind: fromLabel, kindFrom: 'label' };
  }
  return { kind: 'other', kindFrom: 'command' };
}
