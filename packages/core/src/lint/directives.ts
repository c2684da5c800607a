import type { Nodes, Root } from 'mdast';
import { lineStarts, locate } from '../text/lines.js';
import type { LintMessage } from './types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** An inline `<!-- govern-… -->` comment. */
export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  rules: string[];
  /** The text after ` -- `. */
  justification: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const DIRECTIVE = /^\s*govern-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

/**
 * `raw.matchAll(/<!--([\s\S]*?)-->/g)` by `indexOf`: the expression scans to the end of the text from
 * every `<!--` that has no `-->` after it, while here the first such opening ends the search.
 */
function* htmlComments(raw: string): Generator<RegExpExecArray> {
  for (let open = raw.indexOf('<!--'); open !== -1; ) {
    const close = raw.indexOf('-->', open + 4);
    if (close === -1) return;
    const match = Object.assign([raw.slice(open, close + 3), raw.slice(open + 4, close)], { index: open, input: raw }) as unknown as RegExpExecArray;
    yield match;
    open = raw.indexOf('<!--', close + 3);
  }
}

/**
 * Reads directives from the tree's `html` nodes, so comments shown inside code (fences, inline code)
 * are never taken as directives. Iterative: lists can nest thousands of levels deep.
 */
export function collectDirectives(tree: Root, text: string): Directive[] {
  const directives: Directive[] = [];
  const starts = lineStarts(text);
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'html') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const raw = text.slice(start, end);
      for (const match of htmlComments(raw)) {
        const parsed = DIRECTIVE.exec(match[1]!);
        if (!parsed) continue;
        const [body = '', justification = ''] = splitOnce(parsed[2]!, /\s--\s|\s--$/);
        const from = locate(starts, start + match.index);
        const to = locate(starts, start + match.index + match[0].length);
        directives.push({
          kind: parsed[1] as DirectiveKind,
          rules: body.split(/[\s,]+/).filter(Boolean),
          justification: justification.trim(),
          line: from.line,
          column: from.column,
          endLine: to.line,
          endColumn: to.column,
        });
      }
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return directives.sort((a, b) => a.line - b.line || a.column - b.column);
}

function splitOnce(text: string, separator: RegExp): [string, string] {
  const match = separator.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}


export interface DirectiveOutcome {
  messages: LintMessage[];
  suppressed: LintMessage[];
  /** `govern/unused-disable-directive` problems, when asked for. */
  unused: LintMessage[];
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
  a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * Splits messages into reported and suppressed, as ESLint applies its disable directives.
 * `matches(directiveRule, messageRule)` lets `govern/x` and `x` name the same rule.
 */
export function applyDirectives(
  messages: readonly LintMessage[],
  directives: readonly Directive[],
  options: { reportUnused?: 1 | 2; matches?: (written: string, ruleId: string) => boolean } = {},
): DirectiveOutcome {
  const matches = options.matches ?? ((written, ruleId) => written === ruleId);
  const used = new Map<Directive, Set<string>>();
  const markUsed = (directive: Directive, written: string) => {
    const set = used.get(directive) ?? new Set<string>();
    set.add(written);
    used.set(directive, set);
  };
  const lineDirectives = directives.filter((d) => d.kind === 'disable-line' || d.kind === 'disable-next-line');
  const blockDirectives = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');

  const result: DirectiveOutcome = { messages: [], suppressed: [], unused: [] };
  for (const message of messages) {
    const ruleId = message.ruleId;
    let by: { directive: Directive; written: string } | undefined;
    if (ruleId !== null && !message.fatal) {
      for (const d of lineDirectives) {
        const target = d.kind === 'disable-line' ? d.line : d.endLine + 1;
        if (target !== message.line) continue;
        const written = d.rules.length === 0 ? '' : d.rules.find((r) => matches(r, ruleId));
        if (written !== undefined) {
          by = { directive: d, written };
          break;
        }
      }
      if (!by) by = blockState(blockDirectives, message, ruleId, matches);
    }
    if (by) {
      markUsed(by.directive, by.written);
      result.suppressed.push({ ...message, suppressions: [{ kind: 'directive', justification: by.directive.justification }] });
    } else result.messages.push(message);
  }

  if (options.reportUnused) {
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const hits = used.get(d);
      const unusedRules = d.rules.length === 0 ? (hits ? [] : ['']) : d.rules.filter((r) => !hits?.has(r));
      for (const rule of unusedRules) {
        result.unused.push({
          ruleId: 'govern/unused-disable-directive',
          severity: options.reportUnused,
          message: rule ? `Unused govern-${d.kind} directive (no problems were reported from '${rule}').` : `Unused govern-${d.kind} directive (no problems were reported).`,
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
        });
      }
    }
  }
  return result;
}

/** Which block directive, if any, has `ruleId` disabled at the message's position. */
function blockState(
  directives: readonly Directive[],
  at: { line: number; column: number },
  ruleId: string,
  matches: (written: string, ruleId: string) => boolean,
): { directive: Directive; written: string } | undefined {
  let all: Directive | undefined;
  let own: { directive: Directive; written: string } | undefined;
  // Re-enabled by name while everything is disabled.
  let excepted = false;
  for (const d of directives) {
    if (!before(d, at)) break;
    const written = d.rules.find((r) => matches(r, ruleId));
    if (d.kind === 'disable') {
      if (d.rules.length === 0) {
        all = d;
        own = undefined;
        excepted = false;
      } else if (written !== undefined) {
        own = { directive: d, written };
        excepted = false;
      }
    } else if (d.rules.length === 0) {
      all = undefined;
      own = undefined;
      excepted = false;
    } else if (written !== undefined) {
      own = undefined;
      if (all) excepted = true;
    }
  }
  if (own) return own;
  if (all && !excepted) return { directive: all, written: '' };
  return undefined;
}
