import type { HandoffField, MarkdownDocument } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';
import { changeTypeOf, MINIMUM } from '../utils/evidence.js';
import { fieldLines, fieldText, handoffName, handoffSources, hasContent, onlyPlaceholders, type HandoffSource } from '../utils/handoff.js';
import { EDGE_LABEL, EDGE_WORDS, ROLLBACK_LABEL, ROLLBACK_WORDS } from '../utils/handoff-words.js';

type MessageIds = 'noRollback' | 'noEdgeCases' | 'placeholderRollback' | 'placeholderRollbackRisky';

/** A field label that is the rollback path itself (`Rollback: …` beside the risk note). */
const ROLLBACK_FIELD = /^(?:rollback|rollback path|rollback plan|roll back|revert|revert plan)$/iu;
/**
 * `rollback path: <value>` inside a line of the risk note, the value running to the next `;` or the end
 * of the line. The label starts the line (after a bullet) or follows a separator.
 */
const ROLLBACK_IN_LINE = /(?:^|[;,(]|\s)[*_]*(?:rollback|roll[ -]?back|revert)(?: path| plan)?[*_]*[ \t]*[:：]([^;\n]*)/iu;

/** Values that say nothing whatever the change: the same as writing no rollback path. */
const NON_ANSWERS = new Set(['tbd', 'tba', 'tbc', 'todo', '?', '??', '???', '-', '--', '—', '–', 'unknown', 'to be decided', 'to be determined', 'later', 'not sure', 'unsure']);
/**
 * Values that are honest for a small change ("none" for a docs fix) and say nothing for a change whose
 * recommended evidence includes a rollback (seed 000: auth/billing/security, migration/data shape).
 */
const NOTHING_TO_UNDO = new Set(['none', 'n/a', 'na', 'no', 'not needed', 'no rollback', 'no rollback needed', 'not applicable', 'nothing', 'none needed', 'not required']);

/** Punctuation ending a value; entered only at a position not preceded by the same, so each run is read once. */
const TRAILING_PUNCTUATION = /(?<![.!,:])[.!,:]+$/u;

/** A rollback value as compared: markup, quotes and trailing punctuation dropped, case folded, spaces collapsed. */
function normalisedValue(value: string): string {
  return value
    .replace(/[*_`"'“”‘’]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(TRAILING_PUNCTUATION, '')
    .trim()
    .toLowerCase();
}

interface RollbackValue {
  value: string;
  line: number;
  column: number;
}

/** The first rollback path the risk note (or a `Rollback:` field beside it) writes, where its value starts. */
function rollbackValue(source: HandoffSource, risk: HandoffField): RollbackValue | undefined {
  const fields = [risk, ...source.handoff.otherFields.filter((f) => ROLLBACK_FIELD.test(f.label))];
  for (const field of fields) {
    const lines = fieldLines(source, field);
    // `Rollback: revert #31` read as the risk note, or a `Rollback:` field: the value is the field's own text.
    if (ROLLBACK_FIELD.test(field.label) && lines[0]) {
      const [first] = lines;
      const value = first.text.split(';')[0] ?? '';
      return { value, line: first.line, column: first.column };
    }
    for (const line of lines) {
      if (!/[:：]/u.test(line.text)) continue;
      const found = ROLLBACK_IN_LINE.exec(line.text);
      if (!found) continue;
      const raw = found[1] ?? '';
      const lead = raw.length - raw.trimStart().length;
      return { value: raw, line: line.line, column: line.column + found.index + found[0].length - raw.length + lead };
    }
  }
  return undefined;
}

/** Fields some teams write beside the risk note: `Rollback: …`, `Edge cases: none`. */
const RISK_LABEL = /^(?:rollback|rollback path|rollback plan|roll back|revert plan|edge cases|unresolved edge cases|known issues|caveats|limitations)$/iu;

/** A rollback path that is a placeholder: for any change (`TBD`, `?`), or for a risky one (`none`). */
function checkRollbackValue(
  source: HandoffSource,
  risk: HandoffField,
  doc: MarkdownDocument,
  single: boolean,
  report: (loc: { line: number; column: number }, messageId: MessageIds, data: Record<string, string>) => void,
): void {
  const found = rollbackValue(source, risk);
  if (!found) return;
  const value = normalisedValue(found.value);
  // Template text (`<short>`) is handoff-fields' to report.
  if (value === '' || /^<[^<>]*>$/u.test(value)) return;
  const loc = { line: found.line, column: found.column };
  const shown = found.value.replace(/[*_`]/gu, '').trim();
  if (NON_ANSWERS.has(value)) {
    const change = changeTypeOf(source, doc, single);
    if (change && (change.type === 'high-risk' || change.type === 'migration')) {
      report(loc, 'placeholderRollbackRisky', { value: shown, changeType: MINIMUM[change.type].title });
    } else report(loc, 'placeholderRollback', { value: shown });
    return;
  }
  if (!NOTHING_TO_UNDO.has(value)) return;
  const change = changeTypeOf(source, doc, single);
  if (change && (change.type === 'high-risk' || change.type === 'migration')) {
    report(loc, 'placeholderRollbackRisky', { value: shown, changeType: MINIMUM[change.type].title });
  }
}

export default createDocumentRule<[], MessageIds>('handoff-rollback', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A handoff risk note gives a rollback path and the unresolved edge cases (or says there are none)',
      recommended: true,
    },
    messages: {
      noRollback:
        'The risk note of handoff {{name}} has no rollback path; add "rollback path: <how to undo it>" (revert commit, feature flag, "nothing merged") before the work moves on.',
      noEdgeCases:
        'The risk note of handoff {{name}} does not list unresolved edge cases; add "unresolved edge cases: <list>", or "unresolved edge cases: none" when there are none.',
      placeholderRollbackRisky:
        'The rollback path of handoff {{name}} is "{{value}}", which says nothing for a change of type {{changeType}}; write how to undo it (e.g. "revert #41, then run migrations/rollback/0042.sql"): the rollback must be realistic for the changed surface.',
      placeholderRollback:
        'The rollback path of handoff {{name}} is "{{value}}", which says nothing; write how to undo the change (revert commit, feature flag, "nothing merged").',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        const doc = context.document;
        const handoffs = context.models.state?.handoffs ?? [];
        for (const source of handoffSources(doc, handoffs)) {
          const { handoff } = source;
          const risk = handoff.fields.riskNote;
          // A missing or empty risk note, or one that is still template text, is handoff-fields' to report.
          if (!risk) continue;
          const own = fieldText(source, risk);
          if (!hasContent(own) || onlyPlaceholders(own)) continue;
          const text = [
            // The label may itself say it: `Rollback: revert #31` is read as the risk note.
            `${risk.label}: ${own}`,
            ...handoff.otherFields.filter((f) => RISK_LABEL.test(f.label)).map((f) => `${f.label}: ${fieldText(source, f)}`),
          ].join('\n');
          const name = handoffName(handoff);
          const loc = { line: risk.position.line, column: risk.position.column };
          // A label with only a placeholder after it is present; the placeholder is handoff-fields' report.
          // `rollback path:` with nothing after it says nothing.
          // Only lines with a colon are labels: text without one skips compiling the pattern.
          const said =
            text.includes(':') || text.includes('：')
              ? text.replace(/^[ \t]*(?:[-*+][ \t]+)?[*_]*[\p{L}/-](?:[\p{L} /-]{0,38}[\p{L}/-])?(?:[ \t]*[*_]+)?[ \t]*[:：][ \t]*(?:[*_]+[ \t]*)?$/gmu, '')
              : text;
          if (!ROLLBACK_LABEL.test(text) && !ROLLBACK_WORDS.test(said)) context.report({ loc, messageId: 'noRollback', data: { name } });
          else checkRollbackValue(source, risk, doc, handoffs.length === 1, (at, messageId, data) => context.report({ loc: at, messageId, data: { name, ...data } }));
          if (!EDGE_LABEL.test(text) && !EDGE_WORDS.test(said)) context.report({ loc, messageId: 'noEdgeCases', data: { name } });
        }
      },
    };
  },
});
