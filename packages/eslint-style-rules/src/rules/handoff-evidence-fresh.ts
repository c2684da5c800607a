import type { Handoff, MarkdownDocument } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { covers, scopeEntries } from '../utils/diff-scope.js';
import { evidenceUnits, type EvidenceUnit } from '../utils/evidence.js';
import { fieldLines, handoffName, handoffSources } from '../utils/handoff.js';

type MessageIds = 'stale';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A full date (a year is required: `05/02` could be either month): `2025-05-02`, `2025-05-02T10:00`, `2 May 2025`, `May 2, 2025`. */
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?(?!\d)/u;
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})\s+${MONTH}\.?\s+(\d{4})\b`, 'iu');
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2}),?\s+(\d{4})\b`, 'iu');

/** A claim's date as `YYYY-MM-DD`, with `THH:MM` when the claim gives a time. */
function claimDate(text: string): string | undefined {
  const pad = (n: string) => n.padStart(2, '0');
  const iso = ISO_DATE.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}${iso[4] ? `T${iso[4]}:${iso[5]}` : ''}`;
  const monthOf = (name: string) => String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1);
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return `${dmy[3]}-${pad(monthOf(dmy[2]!))}-${pad(dmy[1]!)}`;
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return `${mdy[3]}-${pad(monthOf(mdy[1]!))}-${pad(mdy[2]!)}`;
  return undefined;
}

/** Whether `evidence` is before `change`: by minute when both give a time, else by day. */
function before(evidence: string, change: string): boolean {
  if (evidence.length > 10 && change.length > 10) return evidence < change;
  return evidence.slice(0, 10) < change.slice(0, 10);
}

/** The label of a claim (`lint`, `tests`), or its first words. */
function claimLabel(unit: EvidenceUnit): string {
  const text = unit.text.replace(/[*_`]/gu, '').trim();
  const colon = text.search(/[:：]/u);
  return (colon > 0 && colon <= 30 ? text.slice(0, colon) : text.split(/\s+/u).slice(0, 2).join(' ')).trim();
}

/** The dated claims of a handoff's evidence. */
function datedClaims(doc: MarkdownDocument, handoff: Handoff): Array<{ unit: EvidenceUnit; date: string }> {
  const evidence = handoff.fields.evidence;
  if (!evidence) return [];
  const source = handoffSources(doc, [handoff])[0]!;
  return evidenceUnits(fieldLines(source, evidence)).flatMap((unit) => {
    const date = claimDate(unit.text);
    return date ? [{ unit, date }] : [];
  });
}

/** Today in the run's time zone, as `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export default createProjectRule<[], MessageIds>('handoff-evidence-fresh', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Dated evidence of the last handoff is not older than the last change (in git) to the code its diff scope names',
      recommended: true,
    },
    messages: {
      stale:
        'Evidence in handoff {{name}} is dated {{evidenceDate}} ({{claims}}), but {{path}} changed after that ({{changeDate}}, {{commit}}); run the checks again on the changed code and record those results.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      async project() {
        const { project } = context;
        // Only the last handoff of each state file: earlier ones vouched for earlier changes.
        const candidates = project.states.flatMap((state) => {
          const handoff = state.handoffs.at(-1);
          const evidence = handoff?.fields.evidence;
          // The model's text says whether any claim is dated: the document is parsed again only then.
          if (!evidence || ![evidence.value, ...evidence.items.map((item) => item.value)].some((text) => claimDate(text) !== undefined)) return [];
          const doc = project.tree(state.file);
          if (!handoff || !doc) return [];
          const claims = datedClaims(doc, handoff);
          if (claims.length === 0) return [];
          const paths = scopeEntries(doc, handoff).filter((entry) => !entry.glob);
          // A scope in words only says nothing git can compare.
          return paths.length > 0 ? [{ file: state.file, handoff, claims, paths }] : [];
        });
        // Most repositories date nothing: git is asked only when there is something to compare.
        if (candidates.length === 0 || (await context.git.status()) !== 'ok') return;
        for (const { file, handoff, claims, paths } of candidates) {
          const written = await context.git.blameLine(file, handoff.position.line);
          if (written === undefined) continue;
          let change: { date: string; path: string; commit: string } | undefined;
          if (written === 'uncommitted') {
            // The handoff is being written now: uncommitted work in its scope changed today.
            const pending = (await context.git.changedFiles('HEAD')).find((changed) => paths.some((entry) => covers(entry, changed)));
            if (pending) change = { date: today(), path: pending, commit: 'uncommitted' };
          }
          if (!change) {
            // Later commits to the same paths are later work, which this handoff does not vouch for.
            const last = await context.git.lastCommit(
              paths.map((entry) => entry.path),
              written === 'uncommitted' ? 'HEAD' : written.commit,
            );
            if (!last) continue;
            change = { date: last.date.slice(0, 16), path: last.files[0] ?? paths[0]!.path, commit: `commit ${last.commit.slice(0, 7)}` };
          }
          const stale = claims.filter((claim) => before(claim.date, change.date));
          if (stale.length === 0) continue;
          const earliest = stale.reduce((a, b) => (b.date < a.date ? b : a));
          context.report({
            position: { file, line: stale[0]!.unit.line, column: stale[0]!.unit.column },
            messageId: 'stale',
            data: {
              name: handoffName(handoff),
              evidenceDate: earliest.date.replace('T', ' '),
              claims: [...new Set(stale.map((claim) => claimLabel(claim.unit)))].join(', '),
              path: change.path,
              changeDate: change.date.slice(0, earliest.date.length > 10 ? 16 : 10).replace('T', ' '),
              commit: change.commit,
            },
          });
        }
      },
    };
  },
});
