import { clip, normaliseStateWord, plainText, type HandoffField, type StateEntry } from '@govern/core';
import type { Heading, Nodes, Table } from 'mdast';
import { createDocumentRule } from '../utils/create-rule.js';
import { fieldText, handoffName, handoffSources, hasContent, meaningful, onlyPlaceholders, valueLocation, type HandoffSource } from '../utils/handoff.js';
import { sourceLines } from '../utils/lines.js';
import { FALLBACK_LABEL, FALLBACK_WORDS, hasTimebox, namesOwner, trackedDependency } from '../utils/handoff-words.js';

type MessageIds = 'noBlocker' | 'noOwner' | 'noFallback' | 'noTimebox' | 'notEscalated';
type Options = [{ fallback?: 'handoffs' | 'all'; timebox?: 'handoffs' | 'all' }?];

const ESCALATION_LABEL = /^(?:escalated to|escalated|escalation|escalate to)$/iu;
/** The block says it went to a person: `escalated to @dana`, `escalate to human`, `needs a human decision`; not `not escalated`. */
const ESCALATION_WORDS = /(?<!\bnot |\bno |\bnever |\bwithout )\b(?:escalat(?:ed|ing|e)\s+(?:to|with)\b|needs? (?:a )?(?:human|person)\b|handed (?:up|over) to\b)/iu;

/** A lane as compared: markup dropped, case folded, spaces collapsed. */
function laneKey(lane: string): string {
  return lane.replace(/[*_`]/gu, '').replace(/\s+/gu, ' ').trim().toLowerCase();
}

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


/** Words that name a legend or a scale, in the languages backlogs are written in. */
const LEGEND_WORDS: readonly string[] = ['legend', 'key', 'scale', 'severity', 'legende', 'skala', 'schweregrad', 'légende', 'échelle', 'leyenda', 'escala', 'legenda', 'легенда', 'шкала', '凡例', '图例', '圖例', '범례'];

const pictograph = /\p{Extended_Pictographic}/u;

/**
 * Whether a line is a legend or a scale rather than one item's state: it names two different states
 * (`✅ done · 🚧 in progress · ⛔ blocked`), lists three or more different marks (`🛑 Show-stopper / 🔴
 * High / 🟡 Medium`), or its label says so (`Severity scale:`).
 */
function isLegend(line: string, label: string): boolean {
  const folded = label.toLowerCase();
  if (LEGEND_WORDS.some((word) => folded.includes(word))) return true;
  let firstState: string | undefined;
  const marks = new Set<string>();
  for (const ch of line) {
    if (ch.charCodeAt(0) < 0x2000 || !pictograph.test(ch)) continue;
    marks.add(ch);
    if (marks.size >= 3) return true;
    const state = normaliseStateWord(ch);
    if (state === undefined) continue;
    if (firstState === undefined) firstState = state;
    else if (state !== firstState) return true;
  }
  return false;
}

const DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u;

/**
 * The lines of a dated log's older sections: a status file kept as `## 2025-09-14 update`,
 * `## 2025-09-02 update`, … holds its current state in the newest dated section; a blocker in an older
 * one was current then and is history now. Undefined when the file has fewer than two dated sections.
 */
function historyLines(headings: readonly Heading[], lastLine: number): ((line: number) => boolean) | undefined {
  const dated = headings
    .map((heading) => ({ heading, date: DATE.exec(plainText(heading))?.slice(1, 4).join('-') }))
    .filter((h): h is { heading: Heading; date: string } => h.date !== undefined);
  if (dated.length < 2) return undefined;
  // The log's own level: the shallowest at which two dated headings stand.
  const depths = dated.map((d) => d.heading.depth).sort((a, b) => a - b);
  const depth = depths.find((d, i) => depths[i + 1] === d);
  if (depth === undefined) return undefined;
  const sections = dated.filter((d) => d.heading.depth === depth);
  const newest = sections.reduce((a, b) => (b.date > a.date ? b : a)).date;
  const ranges: Array<[number, number]> = [];
  for (const { heading, date } of sections) {
    if (date === newest) continue;
    const start = heading.position?.start.line ?? 0;
    const next = headings.find((h) => (h.position?.start.line ?? 0) > start && h.depth <= depth);
    ranges.push([start, next ? (next.position?.start.line ?? lastLine) - 1 : lastLine]);
  }
  return (line) => ranges.some(([from, to]) => line >= from && line <= to);
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
      noTimebox:
        '{{what}} is blocked with no timebox: "{{due}}" names no date or time; give the next check-in one (e.g. "Next check-in: 2025-06-06 10:00"), so the block is looked at again even if nothing happens.',
      notEscalated:
        '{{what}} is blocked for a second cycle in a row (the handoff at line {{previousLine}} was blocked too) and records no escalation; escalate it to a person (write "Escalated to <name>: <why>") or change the plan.',
    },
    schema: [
      {
        type: 'object',
        properties: { fallback: { enum: ['handoffs', 'all'], default: 'handoffs' }, timebox: { enum: ['handoffs', 'all'], default: 'handoffs' } },
        additionalProperties: false,
      },
    ],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    const fallbackForEntries = context.options[0]?.fallback === 'all';
    const timeboxForEntries = context.options[0]?.timebox === 'all';
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
        let history: ((line: number) => boolean) | undefined | null = null;
        const past = (line: number): boolean => {
          if (history === null) history = historyLines(index.headings, lines.length);
          return history !== undefined && history(line);
        };

        // The last handoff of each lane so far, to tell a second blocked cycle in a row.
        const lastOfLane = new Map<string, { source: HandoffSource; blocked: boolean }>();
        for (const source of handoffSources(doc, state.handoffs)) {
          const { handoff } = source;
          const status = handoff.fields.goalStatus;
          const lane = laneKey(handoff.from);
          const previous = lastOfLane.get(lane);
          const isBlocked = status !== undefined && /^[\s\p{Extended_Pictographic}\uFE0F*_`]*blocked\b/iu.test(status.value);
          lastOfLane.set(lane, { source, blocked: isBlocked });
          if (!status || !isBlocked || past(handoff.position.line)) continue;
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
          // A missing or template due date is handoff-fields' to report.
          const due = handoff.fields.nextActionDue;
          if (due && contentOf(due, source) && !hasTimebox(fieldText(source, due))) {
            context.report({ loc: valueLocation(source, due), messageId: 'noTimebox', data: { what, due: clip(meaningful(fieldText(source, due)).replace(/\s+/gu, ' ').trim(), 60) } });
          }
          if (previous?.blocked && !escalated(source, previous.source, blockText)) {
            context.report({ loc, messageId: 'notEscalated', data: { what, previousLine: String(previous.source.handoff.position.line) } });
          }
        }

        const seen = new Set<number>();
        for (const entry of state.entries) {
          const { mark } = entry;
          if (mark.state !== 'blocked' || !BLOCKED_RAW.test(mark.raw) || /^attempts?\b/iu.test(entry.reference)) continue;
          if (seen.has(mark.position.line) || past(mark.position.line) || isLegend(lines[mark.position.line - 1] ?? '', entry.reference)) continue;
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
          if (timeboxForEntries && !dependency && !hasTimebox(meaningful(text))) context.report({ loc, messageId: 'noTimebox', data: { what, due: clip(meaningful(scope.split('\n')[0] ?? '').trim(), 60) } });
        }
      },
    };
  },
});

/**
 * Whether a second blocked handoff in a row records an escalation: an `Escalated to:` field, words that
 * say it went to a person, or a next owner other than the previous blocked handoff's (it was handed on).
 */
function escalated(source: HandoffSource, previous: HandoffSource, blockText: string): boolean {
  const { handoff } = source;
  if (handoff.otherFields.some((f) => ESCALATION_LABEL.test(f.label) && hasContent(fieldText(source, f)))) return true;
  if (ESCALATION_WORDS.test(meaningful(blockText))) return true;
  const owner = handoff.fields.nextOwner;
  const before = previous.handoff.fields.nextOwner;
  if (!owner || !before) return false;
  return laneKey(meaningful(fieldText(source, owner))) !== laneKey(meaningful(fieldText(previous, before)));
}

/** A line up to its first colon (the label of `Blocker: …`). */
function beforeColon(line: string): string {
  const colon = line.search(/[:：]/u);
  return colon < 0 ? line : line.slice(0, colon);
}
