import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProductFeature } from '../src/model/types.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseProduct } from '../src/parse/product.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/documents/product/', import.meta.url));

async function product(name: string) {
  const text = await readFile(FIXTURES + name, 'utf8');
  const { document } = await parseMarkdown(`docs/${name}`, text);
  return parseProduct(document);
}

async function productOf(text: string) {
  const { document } = await parseMarkdown('docs/PRODUCT.md', text);
  return parseProduct(document);
}

function byId(features: ProductFeature[], id: string): ProductFeature {
  const feature = features.find((f) => f.id === id);
  if (!feature) throw new Error(`no feature ${id} among ${features.map((f) => f.id).join(', ')}`);
  return feature;
}

const values = (items: Array<{ value: string }>): string[] => items.map((item) => item.value);
const lines = (items: Array<{ position: { line: number } }>): number[] => items.map((item) => item.position.line);

describe('parseProduct: id-bearing headings under ## Features', () => {
  it('reads ids, titles, parts, statuses and lines, and skips Vision/Users/Glossary/NFR/Out of scope', async () => {
    const { value, diagnostics } = await product('heading-ids.md');
    expect(diagnostics).toEqual([]);
    expect(value.file).toBe('docs/heading-ids.md');
    expect(value.features.map((f) => f.id)).toEqual(['F-001', 'F-002', 'F-003']);

    const tags = byId(value.features, 'F-001');
    expect(tags).toMatchObject({ title: 'Tags', idSource: 'explicit', position: { file: 'docs/heading-ids.md', line: 15, column: 1 } });
    expect(tags.definition).toEqual({
      value: 'A note can carry any number of tags, and the sidebar lists every tag in use.',
      position: { file: 'docs/heading-ids.md', line: 17, column: 17 },
    });
    expect(values(tags.acceptanceCriteria)).toEqual([
      "Typing #tag in a note adds the tag to the note's front matter.",
      'The sidebar shows each tag once, with a count of its notes.',
      'Renaming a tag updates every note that carries it.',
    ]);
    expect(lines(tags.acceptanceCriteria)).toEqual([20, 21, 22]);
    expect(values(tags.boundaryConditions)).toEqual(['Tags are case-insensitive: #Work and #work are one tag.', 'A note has at most 50 tags.']);
    expect(tags.dependencies).toEqual([]);
    expect(tags.status).toMatchObject({ state: 'done', raw: 'Done', position: { line: 30, column: 13 } });

    const search = byId(value.features, 'F-002');
    expect(search.title).toBe('Search');
    expect(search.definition?.value).toBe('Full-text search across every note in the vault, ranked by relevance.');
    expect(search.definition?.position.line).toBe(34);
    expect(values(search.acceptanceCriteria)).toEqual([
      'Results appear within 200 ms for a vault of 10,000 notes.',
      'Searching tag:work limits results to notes tagged work.',
    ]);
    // A paragraph value splits into sentences, each where it starts.
    expect(search.boundaryConditions).toEqual([
      { value: 'An empty query shows recent notes.', position: { file: 'docs/heading-ids.md', line: 41, column: 17 } },
      { value: 'A query of only spaces is treated as empty.', position: { file: 'docs/heading-ids.md', line: 41, column: 52 } },
    ]);
    expect(search.dependencies).toEqual([{ value: 'F-001', position: { file: 'docs/heading-ids.md', line: 43, column: 17 } }]);
    expect(search.status).toMatchObject({ state: 'in-progress', raw: 'In progress' });

    const exporting = byId(value.features, 'F-003');
    expect(exporting.title).toBe('Export');
    expect(exporting.status).toMatchObject({ state: 'in-progress', raw: '🚧', position: { line: 47 } });
    expect(values(exporting.dependencies)).toEqual(['F-001', 'F-002']);
    expect(exporting.dependencies.map((d) => d.position.column)).toEqual([17, 24]);
  });

  it('gives the same features, at the same lines, for the CRLF copy', async () => {
    const lf = await product('heading-ids.md');
    const crlf = await product('heading-ids-crlf.md');
    const strip = (features: ProductFeature[]) => JSON.parse(JSON.stringify(features).replaceAll('heading-ids-crlf.md', 'heading-ids.md')) as unknown;
    expect(strip(crlf.value.features)).toEqual(strip(lf.value.features));
    expect(crlf.diagnostics).toEqual([]);
  });
});

describe('parseProduct: heading forms', () => {
  it('reads `### Feature: Title` and `### Feature 2: Title` with sub-heading parts', async () => {
    const { value, diagnostics } = await product('feature-word.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.idSource, f.title])).toEqual([
      ['recipe-import', 'derived', 'Recipe import'],
      ['2', 'explicit', 'Meal planner'],
      ['3', 'explicit', 'Shopping list'],
    ]);
    const recipe = byId(value.features, 'recipe-import');
    expect(recipe.position.line).toBe(9);
    expect(recipe.acceptanceCriteria).toHaveLength(2);
    expect(recipe.acceptanceCriteria[0]?.value).toMatch(/^Given a URL with schema\.org Recipe data/);
    expect(values(recipe.boundaryConditions)).toEqual([
      'A page with two recipes imports the first one.',
      'Ingredient quantities written as fractions (½ cup) are kept as written.',
    ]);
    // `**Priority**` and `**Owner**` are not feature parts; the status line between them is.
    expect(recipe.status).toMatchObject({ state: 'in-progress', raw: 'In Development', position: { line: 12 } });
    expect(recipe.definition).toBeUndefined();

    const planner = byId(value.features, '2');
    expect(planner.status?.state).toBe('todo');
    expect(planner.dependencies).toEqual([{ value: 'Recipe import', position: { file: 'docs/feature-word.md', line: 38, column: 3 } }]);

    const shopping = byId(value.features, '3');
    expect(shopping.status).toMatchObject({ state: 'blocked', reason: "waiting for the grocery partner's API keys" });
    expect(shopping.definition?.value).toBe('Builds a shopping list from the planned week, merging the same ingredient across recipes.');
    expect(values(shopping.acceptanceCriteria)).toEqual(['Two recipes needing 1 egg each produce one line: 2 eggs.']);
  });

  it('reads `### 1. Title`, `### 2) Title`, `### 3 — Title` under a numbered features heading, not the numbered top sections', async () => {
    const { value, diagnostics } = await product('numbered-headings.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.title, f.position.line])).toEqual([
      ['1', 'Trail log', 9],
      ['2', 'Offline maps', 17],
      ['3', 'Photo notes', 26],
    ]);
    expect(values(byId(value.features, '1').acceptanceCriteria)).toEqual([
      'Saving a hike with no distance is refused with a message.',
      'The log lists hikes newest first.',
    ]);
    expect(values(byId(value.features, '2').dependencies)).toEqual(['Trail log']);
    expect(byId(value.features, '3').definition?.value).toBe('Attach photos to a hike. Photos stay on the device.');
  });

  it('derives ids for plain, emoji and bold titles under a feature catalog heading', async () => {
    const { value, diagnostics } = await product('plain-titles.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.idSource, f.title])).toEqual([
      ['tags', 'derived', 'Tags'],
      ['smart-search', 'derived', 'Smart Search'],
      ['daily-note', 'derived', 'Daily note'],
    ]);
    const tags = byId(value.features, 'tags');
    expect(tags.acceptanceCriteria).toEqual([{ value: 'a tag can be added from the keyboard.', position: { file: 'docs/plain-titles.md', line: 9, column: 24 } }]);
    expect(values(tags.boundaryConditions)).toEqual(['a tag name is at most 40 characters.']);
    expect(tags.status).toMatchObject({ state: 'done', raw: '✅', position: { line: 11 } });
    const search = byId(value.features, 'smart-search');
    expect(search.definition?.value).toBe('finds notes by meaning, not only by words.');
    expect(values(search.acceptanceCriteria)).toEqual(['A query for "car" finds notes about "automobile".', 'Results show the matching passage.']);
    expect(byId(value.features, 'daily-note').status).toMatchObject({ state: 'blocked', raw: '⏸', position: { line: 21, column: 16 } });
    expect(byId(value.features, 'daily-note').status?.reason).toBeUndefined();
  });

  it('reads a run of sibling sections that each carry feature parts, with no features heading', async () => {
    const { value, diagnostics } = await product('run-of-sections.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => f.id)).toEqual(['timer', 'presets']);
    expect(byId(value.features, 'timer').acceptanceCriteria).toHaveLength(2);
    expect(byId(value.features, 'presets').dependencies).toEqual([{ value: 'Timer', position: { file: 'docs/run-of-sections.md', line: 24, column: 13 } }]);
  });
});

describe('parseProduct: groups', () => {
  it('makes G-headings groups of their sub-headings, bold items and table rows; a group without sub-features is a feature', async () => {
    const { value, diagnostics } = await product('groups.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.groupId ?? null, f.group ?? null])).toEqual([
      ['F-101', 'G1', 'Writing'],
      ['F-102', 'G1', 'Writing'],
      ['share-links', 'G2', 'Sharing'],
      ['export-to-pdf', 'G2', 'Sharing'],
      ['G3', null, null],
      ['comments', 'G4', 'Review'],
      ['suggestions', 'G4', 'Review'],
    ]);
    // Code spans keep their text: `**a**` is what the user types.
    expect(values(byId(value.features, 'F-101').acceptanceCriteria)).toEqual(['Typing **a** shows a in bold without moving the caret.']);
    expect(byId(value.features, 'share-links')).toMatchObject({ title: 'Share links', position: { line: 24, column: 1 } });
    expect(byId(value.features, 'share-links').definition?.value).toBe('a read-only link to one document.');
    const offline = byId(value.features, 'G3');
    expect(offline).toMatchObject({ title: 'Offline mode', idSource: 'explicit', position: { line: 27 } });
    expect(values(offline.acceptanceCriteria)).toEqual(['Editing in airplane mode loses no keystrokes.']);
    expect(byId(value.features, 'comments').definition).toEqual({
      value: '{>>comment<<} marks shown as cards in a sidebar.',
      position: expect.objectContaining({ file: 'docs/groups.md', line: 38, column: 12 }),
    });
  });
});

describe('parseProduct: lists', () => {
  it('reads numbered and bulleted items with bold names, ids before or after the name, and nested labelled parts', async () => {
    const { value, diagnostics } = await product('numbered-list.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.title, f.position.line])).toEqual([
      ['expenses', 'Expenses', 9],
      ['F-002', 'Balances', 12],
      ['F-003', 'Currency', 17],
      ['recurring-expenses', 'Recurring expenses', 20],
    ]);
    const expenses = byId(value.features, 'expenses');
    expect(expenses.definition).toEqual({ value: 'record who paid what, and for whom.', position: { file: 'docs/numbered-list.md', line: 9, column: 19 } });
    expect(values(expenses.acceptanceCriteria)).toEqual(['an expense needs an amount and a payer; splitting defaults to everyone.']);
    expect(values(expenses.boundaryConditions)).toEqual(['amounts are stored in cents, never as floats.']);
    const balances = byId(value.features, 'F-002');
    expect(values(balances.acceptanceCriteria)).toEqual(['Balances always sum to zero.', 'Settling up records a payment that clears the balance.']);
    expect(lines(balances.acceptanceCriteria)).toEqual([15, 16]);
    expect(values(balances.dependencies)).toEqual(['Expenses']);
    const currency = byId(value.features, 'F-003');
    expect(values(currency.dependencies)).toEqual(['F-001', 'F-002']);
    expect(currency.status).toMatchObject({ state: 'blocked', reason: 'no free exchange-rate API with history', position: { line: 19 } });
    // The roadmap's checklist is not under a features heading: no duplicates of Expenses.
    expect(value.features.filter((f) => f.title === 'Expenses')).toHaveLength(1);
  });

  it('reads the same list with mixed line endings', async () => {
    const lf = await product('numbered-list.md');
    const mixed = await product('numbered-list-mixed-crlf.md');
    expect(mixed.value.features.map((f) => [f.id, f.position.line, f.acceptanceCriteria.length, f.dependencies.length])).toEqual(
      lf.value.features.map((f) => [f.id, f.position.line, f.acceptanceCriteria.length, f.dependencies.length]),
    );
    expect(byId(mixed.value.features, 'F-003').status?.reason).toBe('no free exchange-rate API with history');
  });
});

describe('parseProduct: tables', () => {
  it('reads ID/Feature/Description/Status and #/Feature/Acceptance tables, normalising status marks and words', async () => {
    const { value, diagnostics } = await product('table.md');
    expect(diagnostics).toEqual([]);
    expect(value.features.map((f) => [f.id, f.title, f.status?.state ?? null, f.position.line])).toEqual([
      ['F-001', 'Mood check-in', 'done', 16],
      ['F-002', 'History chart', 'in-progress', 17],
      ['F-003', 'Reminders', 'todo', 18],
      ['F-004', 'Export', 'done', 19],
      ['F-005', 'Widgets', 'blocked', 20],
      ['6', 'Journaling', null, 26],
      ['7', 'Themes', null, 27],
    ]);
    expect(byId(value.features, 'F-001').definition?.value).toBe('Pick a mood from five faces, once a day');
    expect(byId(value.features, 'F-002').status?.raw).toBe('🚧');
    expect(byId(value.features, 'F-003').status?.raw).toBe('❌');
    const journaling = byId(value.features, '6');
    expect(journaling.acceptanceCriteria).toEqual([
      { value: 'A note of up to 500 characters per check-in', position: expect.objectContaining({ line: 26, column: 20 }) },
      { value: 'Notes are searchable', position: expect.objectContaining({ line: 26, column: 67 }) },
    ]);
    expect(values(journaling.dependencies)).toEqual(['F-001']);
    expect(byId(value.features, '7').dependencies).toEqual([]);
    expect(journaling.group).toBe('P1 — Should have');
  });
});

describe('parseProduct: languages, mixes and prose', () => {
  it('reads CJK titles and labels with full-width colons', async () => {
    const { value, diagnostics } = await product('cjk.md');
    expect(diagnostics).toEqual([]);
    const tags = byId(value.features, 'F-004');
    expect(tags.title).toBe('标签管理');
    expect(tags.definition).toEqual({ value: '用户可以为每条笔记添加多个标签。', position: { file: 'docs/cjk.md', line: 11, column: 8 } });
    expect(values(tags.acceptanceCriteria)).toEqual(['标签名称最多 20 个字符。', '删除标签不会删除笔记。']);
    expect(values(tags.dependencies)).toEqual(['F-001', 'F-002']);
    expect(tags.status).toMatchObject({ state: 'in-progress', raw: '进行中', position: { line: 19 } });
    const search = byId(value.features, 'F-005');
    expect(search.title).toBe('全文搜索');
    expect(search.status?.state).toBe('done');
  });

  it('merges a status table with the headings that define the same ids, and warns at a second heading with one id', async () => {
    const { value, diagnostics } = await product('mixed.md');
    expect(value.features.map((f) => [f.id, f.title, f.position.line])).toEqual([
      ['F-003', 'Recherche entreprise', 11],
      ['F-001', 'Inscription et connexion utilisateur', 15],
      ['F-002', 'Authentification deux facteurs (2FA)', 27],
      ['F-002', 'Codes de secours', 33],
      ['dark-mode', 'Dark mode', 39],
      ['keyboard-shortcuts', 'Keyboard shortcuts', 40],
    ]);
    const signup = byId(value.features, 'F-001');
    // The blockquoted status beats the table's; an unknown label (`Valeur user`) is no part; `aucune` means none.
    expect(signup.status).toMatchObject({ state: 'done', raw: 'Implémenté', position: { line: 17 } });
    expect(signup.definition?.value).toBe('un utilisateur peut créer un compte, valider son email, se connecter et se déconnecter.');
    expect(signup.dependencies).toEqual([]);
    // The heading has no status of its own: the table row gives it.
    expect(value.features[2]?.status).toMatchObject({ state: 'in-progress', position: { line: 10 } });
    expect(values(value.features[2]!.dependencies)).toEqual(['F-001']);
    expect(byId(value.features, 'keyboard-shortcuts').status).toMatchObject({ state: 'todo', raw: '[ ]' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'govern/parse-product', severity: 'warning', file: 'docs/mixed.md', line: 33, column: 1 }),
    ]);
    expect(diagnostics[0]?.message).toContain('F-002');
  });

  it('gives a prose-only vision document no features and one info saying how to declare them', async () => {
    const { value, diagnostics } = await product('prose-only.md');
    expect(value.features).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'govern/parse-product', severity: 'info', line: 1, column: 1 });
    expect(diagnostics[0]?.message).toMatch(/No features were recognised/);
    expect(diagnostics[0]?.message).toContain('docs/formats/product.md');
  });
});

describe('parseProduct: edge cases', () => {
  it('says nothing about an empty file or one of only front matter', async () => {
    for (const text of ['', '---\ntitle: Product\n---\n', '\r\n\r\n']) {
      const { value, diagnostics } = await productOf(text);
      expect(value.features).toEqual([]);
      expect(diagnostics).toEqual([]);
    }
  });

  it('points the no-features note at an empty features heading', async () => {
    const { diagnostics } = await productOf('# P\n\nIntro.\n\n## Features\n\nComing soon.\n');
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'info', line: 5 })]);
    expect(diagnostics[0]?.message).toContain('under "Features"');
  });

  it('notes a status it cannot read', async () => {
    const { value, diagnostics } = await productOf('## Features\n\n### F-001: Tags\n\n**Status:** Sometime soon\n');
    expect(value.features[0]?.status).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'info', line: 5, column: 13 })]);
  });

  it('reads `- **Search** (F-002): ...`, `F-004: Title — definition` and checkbox items as features', async () => {
    const { value } = await productOf(
      '## Features\n\n- **Search** (F-002): finds notes.\n- F-004: Sync — keeps devices in step.\n- [x] **Export** — PDF and HTML.\n',
    );
    expect(value.features.map((f) => [f.id, f.title, f.definition?.value, f.status?.state ?? null])).toEqual([
      ['F-002', 'Search', 'finds notes.', null],
      ['F-004', 'Sync', 'keeps devices in step.', null],
      ['export', 'Export', 'PDF and HTML.', 'done'],
    ]);
  });

  it('keeps explicit ids anywhere, but not sections named like ids outside a features section', async () => {
    const { value } = await productOf('# P\n\n## F-010: Offline\n\nWorks offline.\n\n## GPT-4 notes\n\nWe use a model.\n');
    expect(value.features.map((f) => f.id)).toEqual(['F-010']);
  });

  it('splits named dependencies on commas and "and", and reads None/n/a/- as none', async () => {
    const { value } = await productOf(
      '## Features\n\n### A\n\nDepends on: Tags and Search, Export\n\n### B\n\nDepends on: n/a\n\n### C\n\nDependencies: -\n',
    );
    expect(values(value.features[0]!.dependencies)).toEqual(['Tags', 'Search', 'Export']);
    expect(value.features[0]!.dependencies.map((d) => d.position.column)).toEqual([13, 22, 30]);
    expect(value.features[1]!.dependencies).toEqual([]);
    expect(value.features[2]!.dependencies).toEqual([]);
  });

  it('survives deep nesting and odd markup without throwing', async () => {
    const deep = '## Features\n### F-001 X\n' + '>'.repeat(200) + ' **Status**: done\n' + '- **a**\n'.repeat(50);
    const odd = '## Features\n- \n- **\n- [x]\n| a |\n|---|\n| |\n### \n#### Acceptance criteria\n- x\n' + '*'.repeat(2000) + '\n' + 'a:'.repeat(2000);
    for (const text of [deep, odd]) {
      const { value } = await productOf(text);
      expect(Array.isArray(value.features)).toBe(true);
    }
  });
});
