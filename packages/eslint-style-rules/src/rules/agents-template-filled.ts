import type { Node, Parent } from 'mdast';
import type { RuleFixer } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';

type MessageIds = 'placeholder' | 'joinedCommands';

/**
 * The placeholders of Spec Kit's agent-file template (the AGENTS.md / CLAUDE.md its plan step
 * writes), with what each asks for. The template's update script fills them in; what it leaves is
 * a line nobody wrote.
 */
const PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  ['[PROJECT NAME]', "the project's name"],
  ['[DATE]', 'the date'],
  ['[EXTRACTED FROM ALL PLAN.MD FILES]', 'the technologies the plans use'],
  ['[ACTUAL STRUCTURE FROM PLANS]', "the project's folders"],
  ['[ONLY COMMANDS FOR ACTIVE TECHNOLOGIES]', 'the commands of the technologies in use'],
  ['[LANGUAGE-SPECIFIC, ONLY FOR LANGUAGES IN USE]', 'the code style of each language in use'],
  ['[LAST 3 FEATURES AND WHAT THEY ADDED]', 'the last features and what they added'],
]);

/** Too common to be the template's outside a file it generated. */
const GENERIC: ReadonlySet<string> = new Set(['[PROJECT NAME]', '[DATE]']);

/** The line the template's generated file starts with. */
const SIGNATURE = 'Auto-generated from all feature plans';

/**
 * The update script fills the commands placeholder with a sed replacement, where `&` means "the
 * matched text": each `&` of `cargo test && cargo clippy` comes out as the placeholder again.
 */
const COMMANDS = '[ONLY COMMANDS FOR ACTIVE TECHNOLOGIES]';

const LONGEST = Math.max(...[...PLACEHOLDERS.keys()].map((p) => p.length));

/** Offsets of code spans and HTML comments: what is written there is quoted, not left over. */
function quotedRanges(root: Node): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'inlineCode' || node.type === 'html') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
      continue;
    }
    const children = (node as Parent).children;
    if (Array.isArray(children)) for (const child of children) stack.push(child);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function within(ranges: ReadonlyArray<[number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) high = mid - 1;
    else if (offset >= end) low = mid + 1;
    else return true;
  }
  return false;
}

interface Found {
  placeholder: string;
  start: number;
  end: number;
}

export default createDocumentRule<[], MessageIds>('agents-template-filled', {
  meta: {
    type: 'problem',
    docs: {
      description: "AGENTS.md and CLAUDE.md hold no placeholder of Spec Kit's agent-file template",
      recommended: true,
    },
    messages: {
      placeholder:
        "{{placeholder}} is a placeholder of Spec Kit's agent-file template that was never filled in{{times}}; write {{hint}} in its place, or delete the line, so agents read real guidance.",
      joinedCommands:
        "{{placeholder}} stands where \"&\" was ({{count}} times on this line): Spec Kit's update script filled the commands with a sed replacement, in which \"&\" means the matched placeholder; put \"&\" back.",
    },
    schema: [],
    fixable: 'code',
    govern: { scope: 'document', kinds: ['agents', 'claude'] },
  },
  create(context) {
    return {
      root(root) {
        const text = context.sourceCode.text;
        if (!text.includes('[')) return;
        const generated = text.includes(SIGNATURE);
        const quoted = quotedRanges(root);
        const byLine = new Map<number, Found[]>();
        const starts = [0];
        for (let i = 0; i < text.length; i++) {
          const ch = text.charCodeAt(i);
          if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
        }
        let line = 0;
        for (let open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
          // A bounded look for the closing bracket: the longest placeholder is known.
          let close = -1;
          for (let i = open + 1; i < text.length && i <= open + LONGEST; i++) {
            if (text[i] === ']') {
              close = i;
              break;
            }
          }
          if (close < 0) continue;
          const placeholder = text.slice(open, close + 1);
          if (!PLACEHOLDERS.has(placeholder) || (GENERIC.has(placeholder) && !generated) || within(quoted, open)) continue;
          while (line + 1 < starts.length && starts[line + 1]! <= open) line++;
          const list = byLine.get(line) ?? [];
          list.push({ placeholder, start: open, end: close + 1 });
          byLine.set(line, list);
        }
        for (const [index, found] of byLine) {
          const first = found[0]!;
          const lineStart = starts[index]!;
          const lineEnd = index + 1 < starts.length ? starts[index + 1]! : text.length;
          const lineText = text.slice(lineStart, lineEnd);
          const loc = {
            start: { line: index + 1, column: first.start - lineStart + 1 },
            end: { line: index + 1, column: found[found.length - 1]!.end - lineStart + 1 },
          };
          const commands = found.filter((f) => f.placeholder === COMMANDS);
          // Commands around the placeholder: the script's `&` came out as the placeholder.
          let rest = lineText;
          for (const f of commands) rest = rest.replace(f.placeholder, '');
          if (commands.length === found.length && rest.trim() !== '') {
            context.report({
              loc,
              messageId: 'joinedCommands',
              data: { placeholder: COMMANDS, count: commands.length },
              fix: (fixer: RuleFixer) => commands.map((f) => fixer.replaceTextRange([f.start, f.end], '&')),
            });
            continue;
          }
          context.report({
            loc,
            messageId: 'placeholder',
            data: { placeholder: first.placeholder, times: found.length > 1 ? ` (${found.length} placeholders on this line)` : '', hint: PLACEHOLDERS.get(first.placeholder)! },
          });
        }
      },
    };
  },
});

