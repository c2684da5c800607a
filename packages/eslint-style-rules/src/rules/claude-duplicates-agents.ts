import path from 'node:path';
import { parseAgents, type AgentCommandKind, type Project, type SourcePosition } from '@govern/core';
import { agentsPath, memoryDir } from '../utils/claude-imports.js';
import { createProjectRule } from '../utils/create-rule.js';

type MessageIds = 'section' | 'lines' | 'copies' | 'commands';

/** A copied part of CLAUDE.md: a section or a block of lines, with where its first line is in AGENTS.md. */
interface Copy {
  from: number;
  to: number;
  report: { messageId: 'section' | 'lines'; data: Record<string, string | number> };
}

const PLACES_SHOWN = 6;

/** How much repetition is a copy, never a single line: a section's share, a block's length, a count of commands. */
const SECTION_SHARE = 0.8;
const MIN_SECTION_LINES = 2;
const MIN_BLOCK_LINES = 3;
const MIN_COMMANDS = 3;
/** Lines shorter than this say too little to be a copy (`- Lint`, `Notes:`). */
const MIN_LINE_LENGTH = 12;
const SHARED_KINDS: ReadonlySet<AgentCommandKind> = new Set(['install', 'build', 'test', 'lint', 'typecheck', 'format']);

interface ContentLine {
  line: number;
  text: string;
}

interface Section {
  title: string;
  key: string;
  line: number;
  body: ContentLine[];
}

interface Reading {
  /** Every content line, normalised, in order. */
  lines: ContentLine[];
  sections: Section[];
}

const HEADING = /^ {0,3}(#{1,6})[ \t](.*)$/u;
const FENCE = /^ {0,3}(?:```|~~~)/u;
/**
 * The lines that open and close a block a tool writes and keeps up in both files (`<!-- SPECKIT START -->` …
 * `<!-- SPECKIT END -->`): the tool's text, the same in each by design, not guidance copied by hand.
 */
const TOOL_BLOCK_START = /^\s*<!--\s*[A-Z][\w-]{0,40}\s+(?:START|BEGIN)\b[^>]{0,80}-->\s*$/u;
const TOOL_BLOCK_END = /^\s*<!--\s*[A-Z][\w-]{0,40}\s+END\b[^>]{0,80}-->\s*$/u;

/** A heading's text without the closing `#`s ATX allows (`## Build ##`), trimmed. */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trim();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  // `#` closes a heading only after a space (`## C#` keeps it).
  return end < trimmed.length && (end === 0 || /\s/u.test(trimmed[end - 1]!)) ? trimmed.slice(0, end).trim() : trimmed;
}

/** A line as compared: list markers, numbering, checkboxes, quotes, emphasis and code markup removed, spaces collapsed, case folded. */
function normalise(line: string): string {
  return line
    .replace(/^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?/u, '')
    .replace(/[*_`~]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** A list item that is one file name in code, with at most a short note after it: `` 2. `docs/PLAN.md` (if it applies) ``. */
const FILE_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+`[^`\s]{1,200}\.[a-z]{1,8}`[^`\r\n]{0,40}$/iu;

/** The content lines and sections of a Markdown text; headings, blank lines, fences, imports, a tool's blocks and short lines are not content. */
function read(text: string): Reading {
  const lines: ContentLine[] = [];
  const sections: Section[] = [];
  let current: Section | undefined;
  let fenced = false;
  let toolBlock = false;
  text.split(/\r\n|\r|\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (!fenced && (toolBlock ? TOOL_BLOCK_END : TOOL_BLOCK_START).test(raw)) {
      toolBlock = !toolBlock;
      return;
    }
    if (toolBlock) return;
    if (FENCE.test(raw)) {
      fenced = !fenced;
      return;
    }
    const heading = fenced ? null : HEADING.exec(raw);
    if (heading) {
      const title = withoutClosingHashes(heading[2] ?? '');
      current = { title: title.replace(/[*_`]/gu, ''), key: normalise(title), line, body: [] };
      sections.push(current);
      return;
    }
    // An import line, or a table's rule (`| --- | :-: |`).
    if (/^\s*@\S+\s*$/u.test(raw) || (raw.includes('-') && /^[\s:|-]+$/u.test(raw))) return;
    // An item naming only a file, as a reading list has them (`3. \`.ai/DECISIONS.md\``): a pointer to read, not a convention.
    if (FILE_ITEM.test(raw)) return;
    const textOf = normalise(raw);
    if (textOf.length < MIN_LINE_LENGTH) return;
    const content = { line, text: textOf };
    lines.push(content);
    current?.body.push(content);
  });
  return { lines, sections };
}

/** A command as compared: whitespace collapsed. */
function commandKey(command: string): string {
  return command.replace(/\s+/gu, ' ').trim();
}

/** The commands a document names, by the same reading as AGENTS.md's. */
function commandsOf(project: Project, file: string): Array<{ command: string; kind: AgentCommandKind; position: SourcePosition }> {
  const tree = project.tree(file);
  return tree ? parseAgents(tree).value.commands : [];
}

export default createProjectRule<[], MessageIds>('claude-duplicates-agents', {
  meta: {
    type: 'suggestion',
    docs: {
      description: "CLAUDE.md imports AGENTS.md's shared context rather than repeating its sections, text or commands",
      recommended: true,
    },
    messages: {
      section:
        'The "{{title}}" section of {{file}} repeats the one in {{agents}} (line {{agentsLine}}); keep it in {{agents}} only — "@{{import}}" brings it in — so the two cannot drift apart.',
      lines:
        'Lines {{from}}-{{to}} of {{file}} repeat {{agents}} (lines {{agentsFrom}}-{{agentsTo}}); keep that text in {{agents}} only and let "@{{import}}" bring it in; {{file}} keeps what is only for Claude.',
      copies:
        '{{file}} repeats {{agents}} in {{count}} places ({{places}}); keep that text in {{agents}} only — "@{{import}}" brings it in — and keep in {{file}} what is only for Claude, so the two cannot drift apart.',
      commands:
        '{{file}} repeats {{count}} commands of {{agents}} ({{commands}}); keep the commands in {{agents}} only — "@{{import}}" gives them to Claude Code — so a changed command is not left stale here.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        for (const claude of project.claude) {
          const agents = agentsPath(memoryDir(claude.file));
          const agentsFile = project.agents.find((a) => a.file === agents);
          if (!agentsFile || claude.symlinkTarget !== undefined) continue;
          // A CLAUDE.md that is AGENTS.md (a link) repeats nothing.
          const real = context.files.realPath(path.join(project.root, claude.file));
          if (real !== undefined && real === context.files.realPath(path.join(project.root, agents))) continue;
          const claudeText = project.text(claude.file)?.text;
          const agentsText = project.text(agents)?.text;
          if (claudeText === undefined || agentsText === undefined) continue;
          const mine = read(claudeText);
          const theirs = read(agentsText);
          const theirLines = new Map<string, number>();
          for (const l of theirs.lines) if (!theirLines.has(l.text)) theirLines.set(l.text, l.line);
          const data = { file: claude.file, agents, import: path.posix.relative(path.posix.dirname(claude.file), agents) };
          const covered = new Set<number>();
          const copies: Copy[] = [];

          // 1. A section of the same title whose body is mostly AGENTS.md's.
          for (const section of mine.sections) {
            if (section.body.length < MIN_SECTION_LINES) continue;
            const same = theirs.sections.find((s) => s.key === section.key);
            if (!same) continue;
            const their = new Set(same.body.map((l) => l.text));
            const shared = section.body.filter((l) => their.has(l.text)).length;
            if (shared < SECTION_SHARE * section.body.length) continue;
            for (const l of section.body) covered.add(l.line);
            copies.push({ from: section.line, to: section.body.at(-1)!.line, report: { messageId: 'section', data: { ...data, title: section.title, agentsLine: same.line } } });
          }

          // 2. A block of consecutive content lines (blank lines between them allowed) all found in AGENTS.md.
          const sectionStarts = new Set(mine.sections.map((s) => s.line));
          let block: ContentLine[] = [];
          const flush = () => {
            if (block.length >= MIN_BLOCK_LINES) {
              for (const l of block) covered.add(l.line);
              const at = block.map((l) => theirLines.get(l.text)!);
              copies.push({
                from: block[0]!.line,
                to: block.at(-1)!.line,
                report: { messageId: 'lines', data: { ...data, from: block[0]!.line, to: block.at(-1)!.line, agentsFrom: Math.min(...at), agentsTo: Math.max(...at) } },
              });
            }
            block = [];
          };
          let previous = 0;
          for (const l of mine.lines) {
            // A heading between two lines ends a block.
            const headingBetween = [...sectionStarts].some((h) => h > previous && h < l.line);
            if (headingBetween) flush();
            previous = l.line;
            if (covered.has(l.line) || !theirLines.has(l.text)) {
              flush();
              continue;
            }
            block.push(l);
          }
          flush();

          // One cause, one report: a CLAUDE.md that copies AGENTS.md in several places is told so once, at the first.
          copies.sort((a, b) => a.from - b.from);
          const [first, ...more] = copies;
          if (first && more.length === 0) context.report({ position: { file: claude.file, line: first.from, column: 1 }, ...first.report });
          else if (first) {
            const places = copies.slice(0, PLACES_SHOWN).map((c) => `${c.from}-${c.to}`);
            const rest = copies.length > PLACES_SHOWN ? `, and ${copies.length - PLACES_SHOWN} more` : '';
            context.report({ position: { file: claude.file, line: first.from, column: 1 }, messageId: 'copies', data: { ...data, count: copies.length, places: `lines ${places.join(', ')}${rest}` } });
          }

          // 3. Several of AGENTS.md's shared commands named again, where no copied section or block already says so.
          const shared = new Set(agentsFile.commands.filter((c) => SHARED_KINDS.has(c.kind)).map((c) => commandKey(c.command)));
          // The text says whether enough of them are there at all: CLAUDE.md is parsed again only then.
          if (shared.size < MIN_COMMANDS || [...shared].filter((command) => claudeText.includes(command)).length < MIN_COMMANDS) continue;
          const repeated = commandsOf(project, claude.file).filter((c) => shared.has(commandKey(c.command)) && !covered.has(c.position.line));
          const distinct = [...new Set(repeated.map((c) => commandKey(c.command)))];
          // Commands named in passing in one sentence (`Use make fmt / make ci for full-tree checks`) are a mention, not a copied list.
          if (distinct.length < MIN_COMMANDS || new Set(repeated.map((c) => c.position.line)).size < 2) continue;
          const earliest = repeated[0]!;
          context.report({
            position: { file: claude.file, line: earliest.position.line, column: earliest.position.column },
            messageId: 'commands',
            data: { ...data, count: distinct.length, commands: distinct.join(', ') },
          });
        }
      },
    };
  },
});
