import { parseConstitution, parseMarkdown, type Constitution, type Principle } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { inlineCodeFields } from '../utils/constitution.js';

type MessageIds = 'versionNotBumped' | 'dateNotUpdated';

/** Whitespace and line endings are layout; a re-wrapped paragraph is not an amendment. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Numbered principles are matched by number, so a renamed principle reads as changed, not as removed and added. */
function keyOf(principle: Principle): string {
  return principle.id ? `#${principle.id.toUpperCase()}` : normalise(principle.name).toLowerCase();
}

/** What changed between two sets of principles: added, removed, and renamed or reworded. */
function principleChanges(before: Principle[], after: Principle[]): string[] {
  const old = new Map(before.map((p) => [keyOf(p), p]));
  const now = new Map(after.map((p) => [keyOf(p), p]));
  const changes: string[] = [];
  for (const [key, p] of now) {
    const previous = old.get(key);
    if (!previous) changes.push(`"${p.name}" added`);
    else if (
      normalise(previous.name) !== normalise(p.name) ||
      normalise(previous.body) !== normalise(p.body) ||
      previous.nonNegotiable !== p.nonNegotiable
    ) {
      changes.push(`"${p.name}" changed`);
    }
  }
  for (const [key, p] of old) if (!now.has(key)) changes.push(`"${p.name}" removed`);
  return changes;
}

function summary(changes: string[]): string {
  return changes.length <= 3 ? changes.join(', ') : `${changes.slice(0, 3).join(', ')} and ${changes.length - 3} more`;
}

export default createProjectRule<[], MessageIds>('constitution-amendment', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A change to the constitution\'s principles comes with a new version and a new last-amended date (needs --diff-base)',
      recommended: false,
    },
    messages: {
      versionNotBumped:
        'The constitution\'s principles changed since {{base}} ({{changes}}) but its version is still {{version}}; bump it (MAJOR for removed or redefined principles, MINOR for added ones, PATCH for wording).',
      dateNotUpdated:
        'The constitution\'s principles changed since {{base}} ({{changes}}) but its last-amended date is still {{date}}; set it to the date of this amendment.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      async project() {
        const base = context.diffBase;
        const current = context.project.constitution;
        if (base === undefined || !current) return;
        const baseText = await context.git.showFile(base, current.file);
        // A constitution that did not exist at the base is new, not amended.
        if (baseText === undefined) return;
        const { document } = await parseMarkdown(current.file, baseText.replace(/^\uFEFF/, ''));
        const parsed = parseConstitution(document).value;
        const before: Constitution = { ...parsed, ...inlineCodeFields(document, parsed) };
        const doc = context.project.tree(current.file);
        const now: Constitution = doc ? { ...current, ...inlineCodeFields(doc, current) } : { ...current };

        const changes = principleChanges(before.principles, now.principles);
        if (changes.length === 0) return;
        const data = { base, changes: summary(changes) };

        // A field absent on either side is constitution-valid's finding, not an unrecorded amendment.
        if (now.version && before.version && normalise(now.version.value) === normalise(before.version.value)) {
          const { position, value } = now.version;
          context.report({
            position: { ...position, endLine: position.line, endColumn: position.column + value.length },
            messageId: 'versionNotBumped',
            data: { ...data, version: value },
          });
        }
        if (now.lastAmended && before.lastAmended && normalise(now.lastAmended.value) === normalise(before.lastAmended.value)) {
          const { position, value } = now.lastAmended;
          context.report({
            position: { ...position, endLine: position.line, endColumn: position.column + value.length },
            messageId: 'dateNotUpdated',
            data: { ...data, date: value },
          });
        }
      },
    };
  },
});
