import { clip, plainText, type HandoffField, type StateEntry } from '@govern/core';
import type { Heading, Nodes, Table } from 'mdast';
import { createDocumentRule } from '../utils/create-rule.js';
import { fieldText, handoffName, handoffSources, hasContent, meaningful, onlyPlaceholders, sourceLines, type HandoffSource } from '../utils/handoff.js';
import { FALLBACK_LABEL, FALLBACK_WORDS, namesOwner, trackedDependency } from '../utils/handoff-words.js';

type MessageIds = 'noBlocker' | 'noOwner' | 'noFallback';
type Options = [{ fallback?: 'handoffs' | 'all' }?];

/**
 * Only words that say the work is stuck. `paused`, `on hold` and `parked` are choices, not blockers, and
 * `failed` is mostly an attempt's or a check's outcome.
 */
const BLOCKED_RAW = /block|stuck|⛔|🛑|🚫|阻塞|受阻|ブロック/iu;
const BLOCKER_LABEL = /^(?:blocker|blockers|blocked by|blocked on|blocking|reason|why|cause|waiting on|waiting for|depends on)$/iu;
const OWNER_LABEL = /^(?:escalated to|escalation|owner|next owner|assignee|assigned to|dri|decision by|who|needs decision from)$/iu;
const BLOCKER_WORDS = /\b(?:because|waiting|blocked (?:by|on)|needs?|requires?|until|depends? on|pending|due to|missing|no (?:access|answer|decision|rule|spec|data)|can(?:no|')t)\b/iu;
const STATUS_LINE = /^\s*(?:[-*+]\s+)?[*_]*(?:status|state|progress)[*_]*\s*[:：]/iu;
/** Lines that say who or what next, not why: they are not the reason. */
const NOT_REASON_LINE = /^\s*(?:[-*+]\s+)?[*_]*(?:status|state|progress|owner|next owner|assignee|assigned to|dri|fallback|workaround|due|next action|next check-?in|updated)[*_]*\s*[:：]/iu;
const SEPARATOR = /\s[—–-]\s|[:：(;|]\s*|\s—|—\s/u;

function describe(reference: string): string {
  return clip(reference, 50);
}

function contentOf(field: HandoffField | undefined, source: HandoffSource): boolean {
  if (!field) return false;
  const text = fieldText(source, field);
  return hasContent(text) && !onlyPlaceholders(text);
}

interface BlockIndex {
  items: Map<number, Nodes>;
  tables: Table[];
  headings: Heading[];
  paragraphs: Nodes[];
}


const within = (node: Nodes, line: number): boolean => (node.position?.start.line ?? 0) <= line && (node.position?.end.line ?? 0) >= line;

/** The text that speaks for one blocked entry: its list item, table row, or the section a `Status:` line or heading is in. */
function entryScope(index: BlockIndex, lines: string[], line: number): string {
  const slice = (node: Nodes): string => lines.slice((node.position?.start.line ?? line) - 1, node.position?.end.line ?? line).join('\n');
  const section = (from: Heading | undefined): string => {
    if (!from) return lines[line - 1] ?? '';
    const a = from.position!.start.line;
    const next = index.headings.find((h) => (h.position?.start.line ?? 0) > a && h.depth <= from.depth);
    const b = next ? next.position!.start.line - 1 : lines.length;
    return lines.slice(a - 1, b).join('\n');
  };
  const enclosingHeading = (): Heading | undefined => index.headings.filter((h) => (h.position?.start.line ?? 0) <= line).at(-1);
  const table = index.tables.find((t) => within(t, line));
  const rowIndex = table ? table.children.findIndex((r) => r.position?.start.line === line) : -1;
  if (table && rowIndex > 0) {
    const header = table.children[0]!.children.map((cell) => plainText(cell).trim());
    return table.children[rowIndex]!.children.map((cell, i) => `${header[i] || 'Column'}: ${plainText(cell).trim()}`).join('\n');
  }
  const statusLine = STATUS_LINE.test(lines[line - 1] ?? '');
  const item = index.items.get(line);
  if (item) return statusLine ? section(enclosingHeading()) : slice(item);
  const heading = index.headings.find((h) => h.position?.start.line === line);
  if (heading) return section(heading);
  const paragraph = index.paragraphs.find((p) => within(p, line));
  if (paragraph) return statusLine ? section(enclosingHeading()) : slice(paragraph);
  return lines[line - 1] ?? '';
}

/** Whether the entry says what blocks it: words after its name and state, nested lines, or a `Reason:` line. */
function statesBlocker(entry: StateEntry, scope: string): boolean {
  if (entry.mark.reason && hasContent(entry.mark.reason)) return true;
  const scopeLines = scope.split('\n');
  const rest = scopeLines.slice(1).filter((l) => !NOT_REASON_LINE.test(l) && !/^\s*#/u.test(l));
  if (rest.some((l) => BLOCKER_LABEL.test(beforeColon(l).replace(/^[\s*+-]*|[*_]/gu, '').trim()) || hasContent(l))) return true;
  let first = (scopeLines[0] ?? '').replace(/^\s*(?:[-*+]|\d{1,3}[.)]|#{1,6})\s+(?:\[[ xX/~-]\]\s+)?/u, '');
  if (NOT_REASON_LINE.test(first)) first = '';
  const at = first.indexOf(entry.reference);
  if (at >= 0) first = first.slice(at + entry.reference.length);
  if (BLOCKER_WORDS.test(first)) return true;
  const cut = first.replace(/[*_`~]/gu, '').replace(/\b(?:blocked|stuck)\b|[⛔🛑🚫]/giu, ' ');
  const separator = SEPARATOR.exec(cut);
  if (!separator) return false;
  return /[\p{L}\p{N}]{2,}/u.test(cut.slice(separator.index + separator[0].length).replace(/[()[\]]/gu, ' '));
}

export default createDocumentRule<Options, MessageIds>('blocked-escalation', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Blocked work says what blocks it, who must act, and (for a blocked handoff) the fallback path',
      recommended: true,
    },
    messages: {
      noBlocker:
        '{{what}} is blocked but does not say what blocks it; attach the blocker evidence (the failing check, the missing decision or access) so someone can act on it.',
      noOwner:
        '{{what}} is blocked but names nobody who must act; name the person or role that can unblock it (e.g. "escalated to @dana", "Owner: payments team").',
      noFallback:
        '{{what}} is blocked with no fallback path; propose one (e.g. "Fallback: ship without volume units") so the lane is not stuck waiting.',
    },
    schema: [
      {
        type: 'object',
        properties: { fallback: { enum: ['handoffs', 'all'], default: 'handoffs' } },
        additionalProperties: false,
      },
    ],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    const fallbackForEntries = context.options[0]?.fallback === 'all';
    // The blocks a blocked entry may be written in, gathered as the walk passes them.
    const index: BlockIndex = { items: new Map(), tables: [], headings: [], paragraphs: [] };
    return {
      listItem(node) {
        const start = node.position?.start.line ?? 0;
        if (!index.items.has(start)) index.items.set(start, node);
      },
      table(node) {
        index.tables.push(node);
      },
      heading(node) {
        index.headings.push(node);
      },
      paragraph(node) {
        index.paragraphs.push(node);
      },
      'root:exit'() {
        const doc = context.document;
        const state = context.models.state;
        if (!state) return;
        const lines = sourceLines(doc.text);

        for (const source of handoffSources(doc, state.handoffs)) {
          const { handoff } = source;
          const status = handoff.fields.goalStatus;
          if (!status || !/^[\s\p{Extended_Pictographic}\uFE0F*_`]*blocked\b/iu.test(status.value)) continue;
          const what = `Handoff ${handoffName(handoff)}`;
          const loc = { line: status.position.line, column: status.position.column };
          const others = handoff.otherFields;
          const blockText = lines.slice(handoff.position.line - 1, source.endLine).join('\n');
          const reasonInStatus = hasContent(status.value.replace(/^[^\p{L}]*blocked\b/iu, ''));
          const blocker = reasonInStatus || contentOf(handoff.fields.evidence, source) || others.some((f) => BLOCKER_LABEL.test(f.label) && contentOf(f, source));
          // Whether the named owner is a real name is handoff-owner's to check.
          const owner = contentOf(handoff.fields.nextOwner, source) || others.some((f) => OWNER_LABEL.test(f.label) && contentOf(f, source));
          const fallback = others.some((f) => FALLBACK_LABEL.test(f.label) && contentOf(f, source)) || FALLBACK_WORDS.test(meaningful(blockText));
          if (!blocker) context.report({ loc, messageId: 'noBlocker', data: { what } });
          if (!owner) context.report({ loc, messageId: 'noOwner', data: { what } });
          if (!fallback) context.report({ loc, messageId: 'noFallback', data: { what } });
        }

        const seen = new Set<number>();
        for (const entry of state.entries) {
          const { mark } = entry;
          if (mark.state !== 'blocked' || !BLOCKED_RAW.test(mark.raw) || /^attempts?\b/iu.test(entry.reference)) continue;
          if (seen.has(mark.position.line)) continue;
          seen.add(mark.position.line);
          const scope = entryScope(index, lines, mark.position.line);
          const what = describe(entry.reference);
          const loc = { line: mark.position.line, column: mark.position.column };
          const text = `${scope}\n${mark.reason ?? ''}`;
          // Waiting on other tracked work (`#88`, `PAN-15`, "has to land first"): that work has its own owner.
          const dependency = trackedDependency(text, entry.reference);
          if (!statesBlocker(entry, scope)) context.report({ loc, messageId: 'noBlocker', data: { what } });
          if (!dependency && !namesOwner(text)) context.report({ loc, messageId: 'noOwner', data: { what } });
          if (fallbackForEntries && !dependency && !FALLBACK_WORDS.test(meaningful(text))) context.report({ loc, messageId: 'noFallback', data: { what } });
        }
      },
    };
  },
});

/** A line up to its first colon (the label of `Blocker: …`). */
function beforeColon(line: string): string {
  const colon = line.search(/[:：]/u);
  return colon < 0 ? line : line.slice(0, colon);
}
