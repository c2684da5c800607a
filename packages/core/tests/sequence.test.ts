import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { normalisePriority } from '../src/text/priority.js';
import { parseSequence } from '../src/parse/sequence.js';

async function load(name: string, file = 'docs/DEVELOPMENT.md') {
  const text = readFileSync(new URL(`../../../fixtures/documents/sequence/${name}`, import.meta.url), 'utf8');
  const { document } = await parseMarkdown(file, text);
  return parseSequence(document);
}

describe('parseSequence', () => {
  it('reads an ordered list with ids, bold names, links, spec folders and dependencies', async () => {
    const { value, diagnostics } = await load('ordered-list.md');
    expect(diagnostics).toEqual([]);
    expect(value.file).toBe('docs/DEVELOPMENT.md');
    expect(value.entries.map((e) => e.reference)).toEqual(['F-001', 'F-002', 'Full-text search', 'Import from Pocket', '005-sharing']);
    expect(value.entries.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    const [first, second, third, fourth, fifth] = value.entries;
    expect(first).toMatchObject({ label: 'F-001 Bookmarks — save a URL with a title ✅', position: { line: 7, column: 1 } });
    expect(first!.state).toMatchObject({ state: 'done', raw: '✅', position: { line: 7, column: 46 } });
    expect(second!.dependencies).toEqual([{ value: 'F-001', position: expect.objectContaining({ line: 8, column: 27 }) }]);
    expect(second!.state).toBeUndefined();
    expect(third!.dependencies.map((d) => [d.value, d.position.line, d.position.column])).toEqual([
      ['F-001', 9, 62],
      ['F-002', 9, 69],
    ]);
    expect(fourth!.dependencies.map((d) => d.value)).toEqual(['Tags']);
    expect(fifth!.dependencies.map((d) => d.value)).toEqual(['F-003']);
  });

  it('does not read the Definition of Done list as features', async () => {
    const { value } = await load('ordered-list.md');
    expect(value.entries.some((e) => e.label.includes('Tests pass'))).toBe(false);
  });

  it('reads a checklist: checked is done, unchecked todo, a written state wins over the box', async () => {
    const { value } = await load('checklist.md');
    expect(value.entries.map((e) => [e.reference, e.state?.state, e.position.line])).toEqual([
      ['F-001', 'done', 7],
      ['F-002', 'done', 8],
      ['F-003', 'todo', 9],
      ['Meal planner', 'todo', 10],
      ['F-005', 'blocked', 11],
    ]);
    expect(value.entries[0]!.state).toMatchObject({ raw: '[x]', position: { line: 7, column: 3 } });
    expect(value.entries[4]!.state).toMatchObject({ raw: 'blocked', reason: 'waiting on USDA API key', position: { line: 11, column: 31 } });
    expect(value.entries[3]!.dependencies.map((d) => d.value)).toEqual(['F-001', 'F-003']);
  });

  it('reads CRLF text with the same lines and columns', async () => {
    const lf = await load('checklist.md');
    const crlf = await load('checklist-crlf.md');
    expect(readFileSync(new URL('../../../fixtures/documents/sequence/checklist-crlf.md', import.meta.url), 'utf8')).toContain('\r\n');
    expect(crlf.value.entries).toEqual(lf.value.entries);
  });

  it('reads a table with an order, spec and status column', async () => {
    const { value, diagnostics } = await load('table-with-status.md');
    expect(value.entries.map((e) => [e.reference, e.state?.state ?? null, e.position.line])).toEqual([
      ['001-accounts', 'done', 7],
      ['002-invoices', 'in-progress', 8],
      ['003-payments', 'blocked', 9],
      ['004-reports', 'todo', 10],
      ['Legacy CSV export', 'cancelled', 11],
      ['006-audit-log', null, 12],
    ]);
    expect(value.entries[0]!.label).toBe('Accounts — specs/001-accounts/');
    expect(value.entries[2]!.state).toMatchObject({ raw: 'Blocked', reason: 'waiting on Stripe review', position: { line: 9, column: 42 } });
    expect(value.entries[3]!.dependencies.map((d) => [d.value, d.position.column])).toEqual([
      ['Invoices', 47],
      ['Payments', 57],
    ]);
    expect(value.entries[0]!.dependencies).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'govern/parse-sequence', severity: 'info', line: 12, column: 42, file: 'docs/DEVELOPMENT.md' }),
    ]);
    expect(diagnostics[0]!.message).toContain('"documented"');
  });

  it('gives entries the phase of their Phase, Milestone and Wave headings', async () => {
    const { value } = await load('phases.md');
    expect(value.entries.map((e) => [e.reference, e.phase])).toEqual([
      ['F-001', 'Phase 1: Foundation'],
      ['F-002', 'Phase 1: Foundation'],
      ['F-003', 'Phase 2: Core'],
      ['F-004', 'Phase 2: Core'],
      ['F-005', 'Phase 2: Core'],
      ['F-006', 'Milestone 2.1 — Sharing'],
      ['Notifications', 'Wave 3'],
      ['Mobile layout', 'Wave 3'],
    ]);
    const cards = value.entries[3]!;
    expect(cards.state).toMatchObject({ state: 'in-progress', position: { line: 14, column: 14 } });
    expect(cards.dependencies.map((d) => d.value)).toEqual(['F-003']);
    const dnd = value.entries[4]!;
    expect(dnd.dependencies.map((d) => [d.value, d.position.line, d.position.column])).toEqual([
      ['F-003', 16, 18],
      ['F-004', 16, 25],
    ]);
  });

  it('reads a roadmap\'s current state, its prerequisites and the alternatives it weighed as no work, in French and English too', async () => {
    const text = [
      '# Feuille de route',
      '',
      '## État actuel',
      '',
      '- Connexion par e-mail',
      '- Liste des repas',
      '',
      '## Prérequis',
      '',
      '- Un compte sur le service de paiement',
      '',
      '## Fonctionnalités',
      '',
      '- Export des données',
      '- Rappels par notification',
      '',
      '## Alternatives considered',
      '',
      '- A native app first',
    ].join('\n');
    const { document } = await parseMarkdown('ROADMAP.md', text);
    expect(parseSequence(document).value.entries.map((e) => e.reference)).toEqual(['Export des données', 'Rappels par notification']);
  });

  it('finds no sequence and says nothing about a setup guide', async () => {
    const { value, diagnostics } = await load('setup-guide.md');
    expect(value.entries).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reads a BACKLOG with priority sections, tags and a status table', async () => {
    const { value, diagnostics } = await load('backlog-priorities.md', 'BACKLOG.md');
    expect(diagnostics).toEqual([]);
    expect(value.entries.map((e) => [e.reference, e.state?.state ?? null, e.priority ?? null])).toEqual([
      ['F-010', 'done', 'P0'],
      ['F-011', 'todo', 'P0'],
      ['F-012', 'todo', 'P0'],
      ['F-020', 'in-progress', 'High'],
      ['F-021', 'blocked', 'High'],
      ['B-007', 'todo', 'High'],
      ['F-030', null, 'Low'],
      ['F-031', 'cancelled', 'Low'],
    ]);
    expect(value.entries[0]!.phase).toBe('P0 — Must ship for beta');
    expect(value.entries[4]!.state).toMatchObject({ raw: 'parked', position: { line: 16, column: 12 } });
    expect(value.entries[1]!.dependencies.map((d) => d.value)).toEqual(['F-010']);
  });

  it('reads one feature per heading inside a sequence section, with Status and Dependencies lines', async () => {
    const { value } = await load('feature-headings.md');
    expect(value.entries.map((e) => [e.reference, e.label, e.position.line])).toEqual([
      ['Extract food items', '1. Extract food items ✅', 7],
      ['Macros per item', '2. Macros per item', 12],
      ['Drinks', '3. Drinks', 17],
    ]);
    expect(value.entries[0]!.state?.state).toBe('done');
    expect(value.entries[1]!.state).toMatchObject({ state: 'in-progress', position: { line: 14, column: 13 } });
    expect(value.entries[1]!.dependencies).toEqual([
      { value: 'Extract food items', position: { file: 'docs/DEVELOPMENT.md', line: 15, column: 19 } },
    ]);
    expect(value.entries[2]!.state).toMatchObject({ state: 'blocked', reason: 'waiting on the menu provider contract' });
    expect(value.entries[2]!.dependencies.map((d) => d.value)).toEqual(['Macros per item']);
  });

  it('reads CJK entries, full-width dependency brackets and a CJK phase heading', async () => {
    const { value } = await load('cjk.md');
    expect(value.entries.map((e) => [e.reference, e.state?.state ?? null, e.phase ?? null])).toEqual([
      ['F-001', 'done', null],
      ['F-002', null, null],
      ['F-003', 'in-progress', null],
      ['导出 PDF', null, null],
      ['F-010', null, '阶段二：移动端'],
    ]);
    expect(value.entries[1]!.dependencies.map((d) => [d.value, d.position.line])).toEqual([['F-001', 6]]);
  });

  it('says when a Feature Sequence section holds nothing it can read', async () => {
    const { value, diagnostics } = await load('empty-sequence-section.md');
    expect(value.entries).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'govern/parse-sequence', severity: 'info', line: 3, column: 1 }),
    ]);
  });

  it('reads a list outside any sequence section of a DEVELOPMENT.md only when its items name features', async () => {
    const ids = await parseMarkdown('docs/DEVELOPMENT.md', '# Development\n\n## Misc\n\n- F-001 Tags\n- F-002 Search\n');
    expect(parseSequence(ids.document).value.entries.map((e) => e.reference)).toEqual(['F-001', 'F-002']);
    const prose = await parseMarkdown('docs/DEVELOPMENT.md', '# Notes\n\n## Misc\n\n- Use UTF-8 everywhere\n- Keep PRs small\n');
    expect(parseSequence(prose.document).value.entries).toEqual([]);
  });

  it('names an entry by its words, not by the bold tag in brackets that leads it', async () => {
    const text = '# Backlog\n\n- [ ] **[MEDIUM]** Add workflow commands\n  - **Effort**: L\n- [ ] **[HIGH]** Track agent dependencies\n- [x] **[MEDIUM]** Export reports\n';
    const { document } = await parseMarkdown('BACKLOG.md', text);
    expect(parseSequence(document).value.entries.map((e) => e.reference)).toEqual(['Add workflow commands', 'Track agent dependencies', 'Export reports']);
  });

  it('reads a backlog throughout, but not its notes, setup or conventions sections', async () => {
    const text = '# Notes\n\n## Misc\n\n- Retry failed uploads\n\n## Conventions\n\n- Keep PRs small\n\n## Decisions\n\n- Postgres over SQLite\n';
    const { document } = await parseMarkdown('BACKLOG.md', text);
    expect(parseSequence(document).value.entries.map((e) => e.reference)).toEqual(['Retry failed uploads']);
  });

  it('reads a state followed by a date and a priority tag after the name', async () => {
    const text = '# Backlog\n\n1. **PAN-15 Nutrition facts** (P0) — calories per serving\n2. ~~**PAN-13 Recipe comments**~~ (P2) — dropped 2025-05-20: too much work\n';
    const { document } = await parseMarkdown('BACKLOG.md', text);
    const { value } = parseSequence(document);
    expect(value.entries.map((e) => [e.reference, e.priority, e.state?.state ?? null])).toEqual([
      ['PAN-15', 'P0', null],
      ['PAN-13', 'P2', 'cancelled'],
    ]);
    expect(value.entries[1]!.state).toMatchObject({ raw: 'dropped', position: { line: 4, column: 42 } });
  });

  it('copes with empty files, front matter only and deep nesting', async () => {
    for (const text of ['', '---\ntitle: x\n---\n', `## Sequence\n\n${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- F-${i} item`).join('\n')}\n`]) {
      const { document } = await parseMarkdown('docs/DEVELOPMENT.md', text);
      expect(() => parseSequence(document)).not.toThrow();
    }
  });

  it('reads a 5,000-entry sequence quickly', async () => {
    const lines = ['# Development', '', '## Feature Sequence', ''];
    for (let i = 1; i <= 5000; i++) lines.push(`${i}. F-${String(i).padStart(5, '0')} Feature ${i} (depends on F-${String(i - 1).padStart(5, '0')}) ✅`);
    const { document } = await parseMarkdown('docs/DEVELOPMENT.md', lines.join('\n'));
    const started = performance.now();
    const { value } = parseSequence(document);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(value.entries).toHaveLength(5000);
    expect(value.entries[4999]).toMatchObject({ reference: 'F-05000', position: { line: 5004 } });
  });
});

describe('releases named by the product and a version', () => {
  it('reads `Orchard 0.2 — Sharing` as a release, and `Subfase 6.2: Docker` or `Step 6.3: Login` as no release', async () => {
    const text = [
      '# Plan', '', '## Fase 6: Production', '',
      '### Subfase 6.2: Docker', '', '- [x] Image', '', '### Step 6.3: Login', '', '- [ ] Form', '',
      '## Orchard 0.2 — Sharing', '', '- [ ] Share a harvest', '',
    ].join('\n');
    const { document } = await parseMarkdown('ROADMAP.md', text);
    expect(parseSequence(document).value.entries.map((e) => e.reference)).toEqual(['Fase 6', 'Orchard 0.2']);
  });
});

describe('entries that share a topic prefix', () => {
  it('keeps the topic and the words after it when two items start with the same `Topic:`', async () => {
    const { value, diagnostics } = await load('shared-topic-backlog.md', 'BACKLOG.md');
    expect(diagnostics).toEqual([]);
    expect(value.entries.map((e) => e.reference)).toEqual([
      'Export: write the report as CSV',
      'Export: attach the chart images to the PDF',
      'Search',
      'Onboarding tour for first-time visitors',
      'Sync: two-way calendar sync',
    ]);
    expect(value.entries[1]!.position.line).toBe(6);
  });

  it('reads the CRLF copy alike', async () => {
    const { value } = await load('shared-topic-backlog-crlf.md', 'BACKLOG.md');
    expect(value.entries.map((e) => [e.reference, e.position.line])).toEqual([
      ['Export: write the report as CSV', 5],
      ['Export: attach the chart images to the PDF', 6],
      ['Search', 7],
      ['Onboarding tour for first-time visitors', 8],
      ['Sync: two-way calendar sync', 12],
    ]);
  });

  it('gives the two items two features, each titled with its topic', async () => {
    const { value } = await load('shared-topic-backlog.md', 'BACKLOG.md');
    const { buildFeatures } = await import('../src/model/identity/build-features.js');
    const features = buildFeatures({ specs: [], sequences: [value], states: [] }).value;
    expect(features.map((f) => [f.id, f.title])).toEqual([
      ['export-write-the-report-as-csv', 'Export: write the report as CSV'],
      ['export-attach-the-chart-images-to-the-pdf', 'Export: attach the chart images to the PDF'],
      ['search', 'Search'],
      ['onboarding-tour-for-first-time-visitors', 'Onboarding tour for first-time visitors'],
      ['sync', 'Sync'],
    ]);
  });

  it('reads where each priority is written: a section heading, a tag, an inline `Priority:`, a label, a column', async () => {
    const read = async (file: string) => {
      const text = readFileSync(new URL(`../../../fixtures/next/${file}`, import.meta.url), 'utf8');
      const { document } = await parseMarkdown('BACKLOG.md', text);
      return parseSequence(document).value.entries.map((e) => [e.reference, e.priority ?? null, e.priorityAt ? `${e.priorityAt.line}:${e.priorityAt.column}` : null]);
    };
    expect(await read('priorities/BACKLOG.md')).toEqual([
      ['B-003', 'P2', '3:1'],
      ['B-006', 'P2', '3:1'],
      ['B-001', 'P0', '8:1'],
      ['B-002', 'P0', '8:1'],
      ['B-004', 'P1', '15:1'],
      ['B-005', 'P1', '13:1'],
      ['B-007', 'P3', '20:1'],
      ['B-008', null, null],
    ]);
    expect(await read('priorities-words/BACKLOG.md')).toEqual([
      ['B-021', 'Low', '7:15'],
      ['B-022', 'Critical', '11:15'],
      ['B-023', 'High', '15:15'],
      ['B-024', '🟡', '19:15'],
    ]);
    expect((await read('priorities-table/BACKLOG.md')).map((r) => r[1])).toEqual(['P2', 'P0', 'P1', null, 'P3']);
  });

  it('gives the priority of a heading that holds one anywhere to the entries under it', async () => {
    const text = '# Backlog\n\n## Core Systems (P0 — Foundation)\n\n- [ ] B-101 Storage layer\n- [ ] B-102 Sync engine\n\n## Extras\n\n- [ ] B-103 Themes\n';
    const { document } = await parseMarkdown('BACKLOG.md', text);
    expect(parseSequence(document).value.entries.map((e) => [e.reference, e.priority ?? null, e.priorityAt?.line ?? null])).toEqual([
      ['B-101', 'P0', 3],
      ['B-102', 'P0', 3],
      ['B-103', null, null],
    ]);
  });

  it('ranks priorities as written: numbers, words, then colour marks', () => {
    const rank = (raw: string) => normalisePriority(raw)?.rank;
    expect(['P0', 'p1', 'P2', 'P3', 'P7', 'Priority 1'].map(rank)).toEqual([0, 1, 2, 3, 4, 1]);
    expect(['Critical', 'blocker', 'High', 'Must-have', 'medium', 'Should have', 'Low', 'nice to have', 'lowest', "Won't", 'someday'].map(rank)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4]);
    expect(['🔥 Critical', '⚠️ High', '🟡', '🟢', '🔴'].map(rank)).toEqual([0, 1, 2, 3, 1]);
    expect(['MED', 'DEFERRED', 'Gradual', ''].map(rank)).toEqual([2, undefined, undefined, undefined]);
  });
});
