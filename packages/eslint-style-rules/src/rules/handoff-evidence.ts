import { clip, type Handoff, type MarkdownDocument } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';
import {
  changeTypeOf,
  quoteValue as quote,
  evidenceUnits,
  judge,
  KIND_TITLES,
  kindsIn,
  MINIMUM,
  type ChangeType,
  type EvidenceUnit,
} from '../utils/evidence.js';
import { fieldLines, fieldText, handoffName, handoffSources, valueLocation, type FieldLine, type HandoffSource } from '../utils/handoff.js';

type MessageIds = 'noCommand' | 'noResult' | 'omittedNoReason' | 'noEvidence' | 'missingForType';

/** Check lines written as fields of their own in a paragraph handoff (`Lint: pass (pnpm lint)`). */
const CHECK_LABEL = /^(?:lint|linting|tests?|unit tests|integration tests|e2e|build|typecheck|type check|types|ci|migrations?|migration checks|render|screenshots?)$/iu;

function evidenceUnitsOf(source: HandoffSource): EvidenceUnit[] {
  const evidence = source.handoff.fields.evidence!;
  const units = evidenceUnits(fieldLines(source, evidence));
  for (const field of source.handoff.otherFields) {
    if (field.position.line <= evidence.position.line || !CHECK_LABEL.test(field.label)) continue;
    const lines: FieldLine[] = fieldLines(source, field);
    const value = lines.map((l) => l.text).join('\n');
    units.push({ line: field.position.line, column: field.position.column, text: `${field.label}: ${value}`, fenced: /```|~~~/u.test(value) });
  }
  return units;
}

function checkHandoff(
  source: HandoffSource,
  doc: MarkdownDocument,
  single: boolean,
  report: (loc: { line: number; column: number }, messageId: MessageIds, data: Record<string, string>) => void,
): void {
  const handoff: Handoff = source.handoff;
  const evidence = handoff.fields.evidence;
  // A missing evidence field is handoff-fields' to report.
  if (!evidence) return;
  const name = handoffName(handoff);
  const units = evidenceUnitsOf(source);
  const judged = units.map((unit) => ({ unit, verdict: judge(unit) }));
  let reported = false;
  for (const { unit, verdict } of judged) {
    if (verdict === 'noCommand' || verdict === 'noResult' || verdict === 'omittedNoReason') {
      report({ line: unit.line, column: unit.column }, verdict, { name, text: quote(unit.text) });
      reported = true;
    }
  }
  const real = judged.filter((j) => j.verdict !== 'placeholder');
  const proven = real.some((j) => j.verdict === 'proven' || j.verdict === 'omittedWithReason');
  // Nothing but template text (or nothing at all) is handoff-fields' to report.
  if (!reported && !proven && real.length > 0) {
    report(valueLocation(source, evidence), 'noEvidence', { name, text: quote(real.map((j) => j.unit.text).join(' ')) });
  }
  if (real.length === 0) return;
  // A blocked lane cannot build what is blocked: its evidence is the blocker's, which blocked-escalation checks.
  const status = handoff.fields.goalStatus;
  if (status && /^[\s\p{Extended_Pictographic}\uFE0F*_`]*blocked\b/iu.test(status.value)) return;
  const change = changeTypeOf(source, doc, single);
  if (!change) return;
  const present = kindsIn(real.map((j) => j.unit));
  const needed = MINIMUM[change.type];
  const missing = needed.kinds.filter((kind) => !present.has(kind));
  if (missing.length === 0) return;
  report({ line: evidence.position.line, column: evidence.position.column }, 'missingForType', {
    name,
    type: needed.title,
    why: change.why,
    missing: missing.map((kind) => KIND_TITLES[kind]).join(' or '),
    minimum: needed.minimum,
  });
}

export default createDocumentRule<[], MessageIds>('handoff-evidence', {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Handoff evidence names each command and its result (or why a check was omitted), with at least the checks the change type calls for',
      recommended: true,
    },
    messages: {
      noCommand:
        'Evidence "{{text}}" of handoff {{name}} names no command; write what ran and what it gave, e.g. "tests: pass (`pnpm test`)", so the next lane does not redo it.',
      noResult: 'Evidence "{{text}}" of handoff {{name}} names a command but not its result; add pass or fail (and counts) next to it.',
      omittedNoReason:
        'Evidence "{{text}}" of handoff {{name}} skips a check without saying why; add the reason, e.g. "build: skipped — docs-only change".',
      noEvidence:
        'Evidence of handoff {{name}} ("{{text}}") shows no command with a result; add lint/tests/build results with their commands, a CI link with its result, or the reason they were omitted.',
      missingForType:
        'Handoff {{name}} is a change of type {{type}} ({{why}}), which needs at least {{minimum}} as evidence; add {{missing}} with the command and its result.',
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
          checkHandoff(source, doc, handoffs.length === 1, (loc, messageId, data) => context.report({ loc, messageId, data }));
        }
      },
    };
  },
});
