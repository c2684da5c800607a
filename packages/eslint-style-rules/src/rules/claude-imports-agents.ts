import path from 'node:path';
import type { ClaudeFile, FixFunction, Project, RuleFiles } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { agentsPath, isFile, loadImportGraph, MAX_IMPORT_HOPS, memoryDir } from '../utils/claude-imports.js';

type MessageIds = 'missing' | 'onlyInCode' | 'tooDeep';

/** `CLAUDE.md` before `.claude/CLAUDE.md`: the file people open first gets the report and the fix. */
function primary(files: ClaudeFile[]): ClaudeFile {
  return [...files].sort((a, b) => a.file.split('/').length - b.file.split('/').length || (a.file < b.file ? -1 : 1))[0]!;
}

/**
 * Where a file that is a symbolic link checked out as text points: git writes a link as a file
 * holding only its target path where links are off (Windows checkouts, some archive tools). One
 * relative path, no line break, no space, a Markdown file; undefined for anything else.
 */
function linkStoredAsText(text: string | undefined, file: string): string | undefined {
  if (text === undefined || text.length === 0 || text.length > 255 || /[\s@]/.test(text) || !/\.md$/i.test(text)) return undefined;
  if (text.startsWith('/') || text.includes('\\')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), text));
}

function sameFile(files: RuleFiles, root: string, a: string, b: string): boolean {
  const x = files.realPath(path.join(root, a));
  return x !== undefined && x === files.realPath(path.join(root, b));
}

/** Where `@AGENTS.md` goes: the first line, or the line after the front matter. */
function insertion(project: Project, file: string, text: string): { at: number; text: string } {
  const node = project.tree(file)?.frontmatterNode;
  let at = 0;
  if (node?.position?.end.offset !== undefined) {
    at = node.position.end.offset;
    const lineBreak = /^(?:\r\n?|\n)/.exec(text.slice(at));
    if (!lineBreak) return { at, text: '\n@AGENTS.md\n' };
    at += lineBreak[0].length;
  }
  const rest = text.slice(at);
  if (rest === '' || /^[ \t]*(?:[\r\n]|$)/.test(rest)) return { at, text: '@AGENTS.md\n' };
  return { at, text: '@AGENTS.md\n\n' };
}

/** A line where the text spells the import inside code or a comment, which Claude Code does not read. */
function mentionLine(text: string, importPath: string): number | undefined {
  const escaped = importPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`@(?:\\./)?${escaped}`).exec(text);
  if (!match) return undefined;
  // CR, LF and CRLF each end a line.
  return text.slice(0, match.index).split(/\r\n|\r|\n/).length;
}

const DEFERS_TO_CLAUDE = /(?:\bread|\bsee|\bfollow|\brefer to|full context|full instructions|canonical)[:\s]{1,3}[`*[@]{0,3}(?:\.\/)?CLAUDE\.md/iu;

/** CLAUDE.md sending its reader to AGENTS.md in words: `Extends AGENTS.md — read that first`, `Read AGENTS.md first`. */
const DEFERS_TO_AGENTS = /(?:\bread|\bsee|\bfollow|\brefer to|\bextends|\bin addition to)[:\s]{1,3}[`*[@]{0,3}(?:\.\/)?AGENTS\.md/iu;

/** An item of a reading list that names CLAUDE.md, in any language: `` 2. `CLAUDE.md` (safety rules) ``, `- [CLAUDE.md](CLAUDE.md)`. */
const LISTS_CLAUDE = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+[`*[]{0,3}(?:\.\/)?CLAUDE\.md\b/mu;

/** Whether an AGENTS.md sends its reader to CLAUDE.md for the project's context, in words or in a list of what to read. */
function defersToClaude(text: string | undefined): boolean {
  return text !== undefined && (DEFERS_TO_CLAUDE.test(text) || LISTS_CLAUDE.test(text));
}

/** Whether an import's path, as written, ends with the AGENTS.md it should name (`@src/AGENTS.md` for `src/AGENTS.md`). */
function aimsAt(written: string, agents: string): boolean {
  const target = written.replace(/^\.?\//u, '');
  return target === agents || agents.endsWith(`/${target}`) || target.endsWith(`/${agents}`);
}

/** A file that an opening sentence sends its reader to first: `**Read \`CONVENTIONS.md\` first**`. */
const READ_FIRST = /\bread\b[ \t*_`[(]{1,6}(?:\.\/)?([\w-]{1,60}(?:\/[\w-]{1,60}){0,4}\.md)\b/giu;

/** The files named by `Read X.md` in the first lines of a text. */
function readFirst(text: string | undefined): Set<string> {
  const opening = (text ?? '').slice(0, 600);
  return new Set([...opening.matchAll(READ_FIRST)].map((match) => match[1]!.toLowerCase()).filter((file) => file !== 'agents.md' && file !== 'claude.md'));
}

/** Whether CLAUDE.md and AGENTS.md both open by sending their reader to the same third file. */
function sharedOpening(claude: string | undefined, agents: string | undefined): boolean {
  const first = readFirst(claude);
  return first.size > 0 && [...readFirst(agents)].some((file) => first.has(file));
}

/** The nested AGENTS.md files whose text, line endings and edge spaces aside, is that of another one. */
function copiedStubs(files: readonly string[], read: (file: string) => string | undefined): Set<string> {
  const byText = new Map<string, string[]>();
  for (const file of files) {
    const text = read(file)?.replace(/\r\n?/gu, '\n').trim();
    if (!text) continue;
    const same = byText.get(text);
    if (same) same.push(file);
    else byText.set(text, [file]);
  }
  return new Set([...byText.values()].filter((same) => same.length > 1).flat());
}

export default createProjectRule<[], MessageIds>('claude-imports-agents', {
  meta: {
    type: 'problem',
    docs: {
      description: 'CLAUDE.md imports the AGENTS.md next to it, directly or through imported files, so Claude Code reads the shared conventions',
      recommended: true,
    },
    messages: {
      missing:
        '{{file}} does not import {{agents}}, so Claude Code does not load the shared conventions there when a session starts (a sentence telling it to read the file is not an import); add "@{{import}}" on a line of its own (before the Claude-only notes).',
      onlyInCode:
        '{{file}} mentions "@{{import}}" only inside code or a comment (line {{line}}), where Claude Code reads no imports; add "@{{import}}" on a line of its own outside code.',
      tooDeep:
        '{{file}} reaches {{agents}} only {{hops}} imports deep, and Claude Code stops after {{max}}; import "@{{import}}" directly from {{file}}.',
    },
    schema: [],
    fixable: 'code',
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      async project() {
        const { project } = context;
        if (project.claude.length === 0) return;

        const groups = new Map<string, ClaudeFile[]>();
        for (const claude of project.claude) {
          const dir = memoryDir(claude.file);
          groups.set(dir, [...(groups.get(dir) ?? []), claude]);
        }

        const graph = await loadImportGraph(project, project.claude.map((c) => c.file), context.files);
        // Each AGENTS.md is read once, for the stub comparison and for what it says of CLAUDE.md.
        const agentsTexts = new Map<string, string | undefined>();
        const readAgents = (agents: string): string | undefined => {
          if (!agentsTexts.has(agents)) agentsTexts.set(agents, project.text(agents)?.text ?? context.files.readText(path.join(project.root, agents), 64 * 1024));
          return agentsTexts.get(agents);
        };
        const stubs = copiedStubs([...groups.keys()].filter((dir) => dir !== '.').map(agentsPath), readAgents);
        for (const [dir, files] of groups) {
          const agents = agentsPath(dir);
          // Nothing to import without an AGENTS.md; below the root, only one in the same directory counts.
          if (!isFile(context.files, project.root, agents)) continue;
          // The same AGENTS.md text in several folders is a stub a tool wrote into each: it holds nothing of the folder's own.
          if (stubs.has(agents)) continue;

          // Claude Code loads CLAUDE.md and .claude/CLAUDE.md together: one import between them is enough.
          let deepest: number | undefined;
          let satisfied = false;
          // A link stored as text either way round (CLAUDE.md holding "AGENTS.md", or the reverse) is the same file too.
          const agentsLink = linkStoredAsText(context.files.readText(path.join(project.root, agents), 256), agents);
          for (const claude of files) {
            if (
              claude.symlinkTarget === agents ||
              sameFile(context.files, project.root, claude.file, agents) ||
              linkStoredAsText(project.text(claude.file)?.text, claude.file) === agents ||
              agentsLink === claude.file
            ) {
              satisfied = true;
              break;
            }
            const walk = graph.follow(claude.file);
            if (walk.reached.has(agents)) {
              satisfied = true;
              break;
            }
            const far = walk.tooDeep.find((t) => t.file === agents);
            if (far) deepest = Math.min(deepest ?? far.hops, far.hops);
          }
          // Claude Code loads the CLAUDE.md files above the working folder too: a root CLAUDE.md that imports
          // `@frontend/AGENTS.md` has already brought it in for frontend/CLAUDE.md.
          if (!satisfied && dir !== '.') {
            satisfied = [...groups].some(([above, claudes]) => (above === '.' || dir.startsWith(`${above}/`)) && claudes.some((claude) => graph.follow(claude.file).reached.has(agents)));
          }
          // An AGENTS.md that sends its reader to CLAUDE.md (`1. Read CLAUDE.md.`, `Full context: [CLAUDE.md](CLAUDE.md)`)
          // makes CLAUDE.md the canonical file: importing AGENTS.md back would only repeat it.
          // Unless CLAUDE.md itself sends Claude to AGENTS.md first (`Extends AGENTS.md — read that first`): then AGENTS.md
          // is the canonical file, its pointer back is to Claude's own notes, and only an import loads it.
          if (!satisfied && defersToClaude(readAgents(agents)) && !files.some((claude) => DEFERS_TO_AGENTS.test(project.text(claude.file)?.text ?? ''))) satisfied = true;
          // AGENTS.md and CLAUDE.md that both open by sending their reader to one third file (`Read CONVENTIONS.md first`)
          // keep the shared rules there; each holds its own agent's notes, which Claude should not take on.
          if (!satisfied && files.some((claude) => sharedOpening(project.text(claude.file)?.text, readAgents(agents)))) satisfied = true;
          if (satisfied) continue;
          // `@src/AGENTS.md` in src/CLAUDE.md meant this AGENTS.md but names a file that is not there: one cause,
          // which claude-imports-resolve reports at the import itself.
          if (files.some((claude) => claude.imports.some((imported) => aimsAt(imported.path, agents) && !isFile(context.files, project.root, imported.resolved ?? '')))) continue;

          const target = primary(files);
          const importPath = path.posix.relative(path.posix.dirname(target.file), agents);
          const text = project.text(target.file)?.text;
          const data = { file: target.file, agents, import: importPath };
          const position = { file: target.file, line: 1, column: 1 };
          // A symbolic link is edited through its target; a fix there would change another file.
          let fix: FixFunction | undefined;
          if (text !== undefined && target.symlinkTarget === undefined) {
            const insert = insertion(project, target.file, text);
            const line = insert.text.replace('@AGENTS.md', `@${importPath}`);
            fix = (fixer) => fixer.insertTextBeforeRange([insert.at, insert.at], line);
          }

          if (deepest !== undefined) {
            context.report({ position, messageId: 'tooDeep', data: { ...data, hops: deepest, max: MAX_IMPORT_HOPS }, ...(fix ? { fix } : {}) });
            continue;
          }
          const mention = text !== undefined ? mentionLine(text, importPath) : undefined;
          if (mention !== undefined) {
            context.report({ position, messageId: 'onlyInCode', data: { ...data, line: mention }, ...(fix ? { fix } : {}) });
          } else {
            context.report({ position, messageId: 'missing', data, ...(fix ? { fix } : {}) });
          }
        }
      },
    };
  },
});
