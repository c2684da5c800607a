import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../src/model/identity/build-features.js';
import { createFeatureIndex, featureKeys, resolveReference } from '../src/model/identity/feature-index.js';
import { referenceKeys } from '../src/model/identity/reference-keys.js';
import type {
  FeatureState,
  Located,
  Product,
  ProductFeature,
  Sequence,
  SequenceEntry,
  SourcePosition,
  Spec,
  StateEntry,
  StateFile,
  Task,
} from '../src/model/types.js';

// Inputs are typed objects shaped like the parsers' output, so these tests pin identity alone.

const PRODUCT = 'docs/PRODUCT.md';
const DEV = 'docs/DEVELOPMENT.md';
const STATUS = 'status.md';

function at(file: string, line: number, column = 1): SourcePosition {
  return { file, line, column };
}

function located(value: string, file: string, line: number): Located<string> {
  return { value, position: at(file, line) };
}

function pf(id: string, title: string, line: number, extra: Partial<ProductFeature> = {}): ProductFeature {
  return {
    id,
    idSource: 'explicit',
    title,
    acceptanceCriteria: [],
    boundaryConditions: [],
    dependencies: [],
    position: at(PRODUCT, line),
    ...extra,
  };
}

function product(...features: ProductFeature[]): Product {
  return { file: PRODUCT, features };
}

function speckit(folder: string, title?: string, tasks?: Array<[string, boolean]>): Spec {
  const [, number = '', slug = ''] = /^(\d+)-(.+)$/.exec(folder) ?? [];
  const dir = `specs/${folder}`;
  const spec: Spec = { kind: 'speckit', dir, number, slug, position: at(`${dir}/spec.md`, 1) };
  if (title !== undefined) {
    spec.spec = { file: `${dir}/spec.md`, title: located(title, `${dir}/spec.md`, 1), userStories: [], clarifications: [] };
  }
  if (tasks) {
    spec.tasks = {
      file: `${dir}/tasks.md`,
      tasks: tasks.map(([text, done], i): Task => ({ text, done, parallel: false, paths: [], position: at(`${dir}/tasks.md`, 10 + i) })),
    };
  }
  return spec;
}

function agentSpec(slug: string, title?: string): Spec {
  const file = `.agent/specs/${slug}.md`;
  const spec: Spec = { kind: 'agent', dir: file, slug, position: at(file, 1) };
  if (title) spec.spec = { file, title: located(title, file, 1), userStories: [], clarifications: [] };
  return spec;
}

function seq(file: string, ...entries: Array<[reference: string, line: number, deps?: string[]]>): Sequence {
  return {
    file,
    entries: entries.map(([reference, line, deps = []], index): SequenceEntry => ({
      index,
      reference,
      label: reference,
      dependencies: deps.map((d) => located(d, file, line)),
      position: at(file, line),
    })),
  };
}

function states(file: string, ...entries: Array<[reference: string, state: FeatureState, line: number]>): StateFile {
  return {
    file,
    entries: entries.map(([reference, state, line]): StateEntry => ({ reference, mark: { state, raw: state, position: at(file, line, 3) } })),
    handoffs: [],
    attempts: [],
  };
}

/** A repository in the shape the article describes: PRODUCT.md defines, specs implement, DEVELOPMENT.md orders. */
function productRepo() {
  return buildFeatures({
    product: product(
      pf('F-001', 'Search', 5),
      pf('F-002', 'Tags', 12, { dependencies: [located('F-001', PRODUCT, 15)] }),
      pf('F-003', 'Saved Searches', 20, { dependencies: [located('Search', PRODUCT, 23), located('Payments', PRODUCT, 24)] }),
      pf('F-004', '标签管理', 28),
    ),
    specs: [speckit('001-search', 'Search'), speckit('002-tags', 'Tags'), speckit('003-saved-searches')],
    sequences: [seq(DEV, ['F-001 Search', 8], ['**Tags** (F-002)', 9, ['F-001']], ['3. Saved Searches', 10], ['F-004', 11])],
    states: [states(STATUS, ['tags', 'in-progress', 4], ['Saved searches', 'todo', 5], ['T012', 'done', 6], ['Update README', 'done', 7], ['F-009', 'done', 8])],
  });
}

describe('resolveReference', () => {
  const built = productRepo();
  const index = createFeatureIndex(built.value);

  const table: Array<[reference: string, id: string | undefined]> = [
    // explicit ids, in every spelling
    ['F-002', 'F-002'],
    ['F002', 'F-002'],
    ['f-2', 'F-002'],
    ['F-2', 'F-002'],
    ['F_002', 'F-002'],
    ['**F-002**', 'F-002'],
    ['`F-002`', 'F-002'],
    // the feature family: FEAT-2 / Feature 2 find F-002 because nothing is called FEAT-2
    ['FEAT-2', 'F-002'],
    ['Feature 2', 'F-002'],
    // spec folders, paths and links
    ['specs/002-tags/', 'F-002'],
    ['specs/002-tags/tasks.md', 'F-002'],
    ['002-tags', 'F-002'],
    ['[Tags spec](specs/002-tags/spec.md)', 'F-002'],
    ['[spec](./specs/003-saved-searches/)', 'F-003'],
    // titles and slugs: case, punctuation, emoji, bold, numbering
    ['Tags', 'F-002'],
    ['tags', 'F-002'],
    ['**Tags**', 'F-002'],
    ['🏷️ Tags', 'F-002'],
    ['1. Tags', 'F-002'],
    ['1️⃣ Tags', 'F-002'],
    ['Tags ✅', 'F-002'],
    ['saved-searches', 'F-003'],
    ['Saved Searches', 'F-003'],
    ['SAVED SEARCHES!', 'F-003'],
    // CJK kept
    ['标签管理', 'F-004'],
    ['**标签管理**', 'F-004'],
    ['F-004 标签管理', 'F-004'],
    // id and title together: the id decides, even when the title names another feature
    ['F-003 Tags', 'F-003'],
    ['**Tags** (F-002)', 'F-002'],
    // an id of the project's scheme that names nothing is not rescued by its title
    ['F-009', undefined],
    ['F-009 Tags', undefined],
    // ids outside the scheme (tasks, stories, versions) fall through to names
    ['T012', undefined],
    ['Tags (US1)', 'F-002'],
    ['Update README', undefined],
    ['', undefined],
  ];

  it.each(table)('%j → %j', (reference, id) => {
    const result = resolveReference(reference, index);
    expect(result).toEqual(id === undefined ? undefined : { id });
  });

  it('reports two equally good candidates instead of choosing', () => {
    const features = buildFeatures({
      product: product(pf('F-005', 'Offline mode', 30), pf('NFR-2', 'Offline mode', 60)),
      specs: [],
      sequences: [],
      states: [],
    }).value;
    const idx = createFeatureIndex(features);
    expect(resolveReference('Offline mode', idx)).toEqual({ ambiguous: ['F-005', 'NFR-2'] });
    expect(resolveReference('NFR-2', idx)).toEqual({ id: 'NFR-2' });
  });

  it('counts two features of one id, which no id written in a reference could tell apart, as one candidate', () => {
    const phase = (title: string, file: string) => ({ id: 'phase-7', title, position: { file, line: 3, column: 1 }, specs: [], sequence: [], stateEntries: [], dependencies: [] });
    const idx = createFeatureIndex([phase('Phase 7: Caching', 'docs/maps/ROADMAP.md'), phase('Phase 7: Cut-over', 'docs/sync/ROADMAP.md')]);
    expect(resolveReference('Phase 7', idx)).toEqual({ id: 'phase-7' });
  });

  it('keeps two spec folders of one name two candidates: that clash is to be reported', () => {
    const spec = (dir: string) => ({ kind: 'speckit' as const, dir, number: '013', slug: 'clerk-auth', position: { file: `${dir}/spec.md`, line: 1, column: 1 } });
    const feature = (dir: string) => ({ id: '013-clerk-auth', title: 'Clerk auth', position: { file: `${dir}/spec.md`, line: 1, column: 1 }, specs: [spec(dir)], sequence: [], stateEntries: [], dependencies: [] });
    const idx = createFeatureIndex([feature('specs/013-clerk-auth'), feature('web/specs/013-clerk-auth')]);
    expect(resolveReference('F013', idx)).toEqual({ ambiguous: ['013-clerk-auth', '013-clerk-auth'] });
  });

  it('keeps FEAT-3 apart from F-3 when the project uses both prefixes', () => {
    const features = buildFeatures({
      product: product(pf('F-3', 'Tags', 5), pf('FEAT-3', 'Labels', 9)),
      specs: [],
      sequences: [],
      states: [],
    }).value;
    const idx = createFeatureIndex(features);
    expect(resolveReference('FEAT-3', idx)).toEqual({ id: 'FEAT-3' });
    expect(resolveReference('F-003', idx)).toEqual({ id: 'F-3' });
    expect(resolveReference('FEATURE-3', idx)).toEqual({ ambiguous: ['F-3', 'FEAT-3'] });
  });
});

describe('referenceKeys and featureKeys', () => {
  it('reads ids, spec folders and names from a reference', () => {
    expect(referenceKeys('[**Tags**](specs/003-tags/spec.md) (F-003)')).toEqual({
      ids: [{ prefix: 'F', number: '3', raw: 'F-003' }],
      spec: { folder: '003-tags', number: '3', slug: 'tags' },
      // Names compare without the zeros that pad a number.
      names: ['tags-f-3', 'tags'],
    });
    expect(referenceKeys('Phase 6').names).toEqual(referenceKeys('Phase 06').names);
    expect(referenceKeys('Release v1.05').names).not.toEqual(referenceKeys('Release v1.5').names);
    expect(referenceKeys('.agent/specs/dark-mode.md').spec).toEqual({ folder: '.agent/specs/dark-mode', slug: 'dark-mode' });
    expect(referenceKeys('#12').number).toBe('12');
    // OAuth2 is a name, not the id OAUTH-2
    expect(referenceKeys('OAuth2 login')).toMatchObject({ ids: [], names: ['oauth2-login'] });
  });

  it('keeps the item number after a group\'s id, so the items of one group stay apart', () => {
    expect(referenceKeys('P11-5: Glossary page').ids).toEqual([{ prefix: 'P', number: '11.5', raw: 'P11-5' }]);
    expect(referenceKeys('AUTH-02-3').ids).toEqual([{ prefix: 'AUTH', number: '2.3', raw: 'AUTH-02-3' }]);
    // Two zero-padded numbers are a range, a letter is a variant, and a year is no item number.
    expect(referenceKeys('T001-005').ids).toEqual([{ prefix: 'T', number: '1', raw: 'T001' }]);
    expect(referenceKeys('T005-A').ids).toEqual([{ prefix: 'T', number: '5', raw: 'T005' }]);
    // After a hyphenated id, a capital letter names a part of the item: TASK-14-A and TASK-14-B are two tasks.
    expect(referenceKeys('TASK-PRD-14-B: Histogram plot').ids).toEqual([{ prefix: 'TASK-PRD', number: '14b', raw: 'TASK-PRD-14-B' }]);
    expect(referenceKeys('F-3-A-side').ids).toEqual([{ prefix: 'F', number: '3', raw: 'F-3' }]);
    expect(referenceKeys('Q1-2026 review').ids).toEqual([{ prefix: 'Q', number: '1', raw: 'Q1' }]);
  });

  it('lists every key a feature is found by', () => {
    const tags = productRepo().value.find((f) => f.id === 'F-002')!;
    expect(featureKeys(tags)).toEqual({
      ids: ['F-2'],
      idNumbers: ['2'],
      specNumbers: ['2'],
      specFolders: ['specs/002-tags', '002-tags'],
      names: ['tags'],
    });
  });
});

describe('buildFeatures with PRODUCT.md', () => {
  const built = productRepo();
  const byId = (id: string) => built.value.find((f) => f.id === id)!;

  it('keeps PRODUCT order and attaches specs, sequence and state entries', () => {
    expect(built.value.map((f) => f.id)).toEqual(['F-001', 'F-002', 'F-003', 'F-004']);
    expect(built.value.map((f) => f.specs.map((s) => s.dir))).toEqual([
      ['specs/001-search'],
      ['specs/002-tags'],
      ['specs/003-saved-searches'],
      [],
    ]);
    expect(built.value.map((f) => f.sequence.map((s) => s.entry.position.line))).toEqual([[8], [9], [10], [11]]);
    expect(byId('F-002').stateEntries.map((s) => s.entry.mark.position)).toEqual([at(STATUS, 4, 3)]);
    expect(byId('F-003').stateEntries.map((s) => s.entry.reference)).toEqual(['Saved searches']);
    expect(byId('F-002').position).toEqual(at(PRODUCT, 12));
  });

  it('leaves tasks and chores in status.md alone, and reports a feature id nothing defines', () => {
    expect(built.diagnostics).toEqual([
      {
        ruleId: 'govern/unknown-feature',
        severity: 'warning',
        message: 'status.md names F-009, but docs/PRODUCT.md does not define it; correct the reference or add the feature.',
        file: STATUS,
        line: 8,
        column: 3,
      },
    ]);
  });

  it('resolves dependencies from PRODUCT.md and DEVELOPMENT.md, keeping unresolved ones as written', () => {
    expect(byId('F-002').dependencies).toEqual([{ id: 'F-001', reference: 'F-001', position: at(PRODUCT, 15) }]);
    expect(byId('F-003').dependencies).toEqual([
      { id: 'F-001', reference: 'Search', position: at(PRODUCT, 23) },
      { reference: 'Payments', position: at(PRODUCT, 24) },
    ]);
  });

  it('reports a sequence entry PRODUCT.md does not define, without making it a feature', () => {
    const result = buildFeatures({
      product: product(pf('F-001', 'Search', 5)),
      specs: [],
      sequences: [seq(DEV, ['Search', 3], ['Billing', 4], ['F-007 Export', 5])],
      states: [],
    });
    expect(result.value.map((f) => f.id)).toEqual(['F-001']);
    expect(result.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      [
        'govern/unknown-feature',
        4,
        'docs/DEVELOPMENT.md lists "Billing", but no feature in docs/PRODUCT.md or its specs matches it; use the feature\'s id or its title from docs/PRODUCT.md.',
      ],
      ['govern/unknown-feature', 5, 'docs/DEVELOPMENT.md names F-007, but docs/PRODUCT.md does not define it; correct the reference or add the feature.'],
    ]);
  });

  it('learns the name a sequence entry gives a feature it names by id', () => {
    const result = buildFeatures({
      product: product(pf('F-002', 'Tags & Labels', 12)),
      specs: [],
      sequences: [seq(DEV, ['F-002 Tags', 4])],
      states: [states(STATUS, ['Tags', 'done', 2])],
    });
    expect(result.value[0]!.stateEntries).toHaveLength(1);
    expect(result.diagnostics).toEqual([]);
  });

  it('lists the features a learned name makes ambiguous in their own order', () => {
    const result = buildFeatures({
      product: product(pf('F-001', 'Labels', 12), pf('F-002', 'Tags', 14)),
      specs: [],
      sequences: [seq(DEV, ['F-001 Tags', 4])],
      states: [states(STATUS, ['Tags', 'done', 2])],
    });
    const ambiguous = result.diagnostics.find((d) => d.message.includes('Tags'));
    expect(ambiguous?.message.indexOf('F-001')).toBeLessThan(ambiguous?.message.indexOf('F-002') ?? -1);
    expect(result.value.map((f) => f.stateEntries.length)).toEqual([0, 0]);
  });

  it('reads dotted ids (G1.1) and attaches specs whose title carries them', () => {
    const result = buildFeatures({
      product: product(
        pf('sign-in', '🔐 Sign-in 登录', 8, { idSource: 'derived' }),
        pf('G1.1', 'Deck sharing デッキ共有', 21, { group: 'Study tools', dependencies: [located('🔐 Sign-in 登录', PRODUCT, 22)] }),
        pf('G1.2', 'Offline sync オフライン同期', 28, { dependencies: [located('G1.1', PRODUCT, 34)] }),
      ),
      specs: [speckit('001-auth', '功能规格：🔐 Sign-in 登录'), speckit('003-deck-sharing', 'G1.1 Deck sharing デッキ共有'), speckit('007-offline-sync', 'G1.2 Offline sync 🔄')],
      sequences: [],
      states: [states(STATUS, ['G1.01', 'done', 10], ['G1', 'done', 12])],
    });
    expect(result.value.map((f) => [f.id, f.specs.map((s) => s.dir)])).toEqual([
      ['sign-in', ['specs/001-auth']],
      ['G1.1', ['specs/003-deck-sharing']],
      ['G1.2', ['specs/007-offline-sync']],
    ]);
    expect(result.value[1]!.stateEntries.map((s) => s.entry.mark.position.line)).toEqual([10]);
    expect(result.value.map((f) => f.dependencies.map((d) => d.id))).toEqual([[], ['sign-in'], ['G1.1']]);
    // G1 is a group: in the G numbering but no feature, so it is reported.
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['govern/unknown-feature', 12]]);
  });

  it('attaches one status.md item that names several features to each of them', () => {
    const result = buildFeatures({
      product: product(
        pf('dark-mode', 'Dark mode 🌙', 44, { idSource: 'derived', definition: located('Pages in dark colours at night.', PRODUCT, 45) }),
        pf('furigana', 'Furigana toggle ふりがな', 46, { idSource: 'derived', definition: located('Readings above the kanji, on request.', PRODUCT, 47) }),
      ),
      specs: [],
      sequences: [],
      states: [states(STATUS, ['Dark mode , Furigana toggle ふりがな', 'done', 11], ['Dark mode, CI cleanup', 'done', 12])],
    });
    expect(result.value.map((f) => f.stateEntries.map((s) => s.entry.mark.position.line))).toEqual([[11], [11]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports duplicate ids, however they are zero-padded', () => {
    const result = buildFeatures({ product: product(pf('F-002', 'Tags', 12), pf('F-2', 'Labels', 30)), specs: [], sequences: [], states: [] });
    expect(result.value.map((f) => f.id)).toEqual(['F-002', 'F-2']);
    expect(result.diagnostics).toEqual([
      {
        ruleId: 'govern/duplicate-feature-id',
        severity: 'warning',
        message: 'Feature id F-2 is already used by "Tags" at docs/PRODUCT.md:12; give one of them another id, or references to F-2 stay ambiguous.',
        file: PRODUCT,
        line: 30,
        column: 1,
      },
    ]);
  });

  it('reports an ambiguous status.md reference at its line, naming the candidates', () => {
    const result = buildFeatures({
      product: product(pf('F-005', 'Offline mode', 30), pf('NFR-2', 'Offline mode', 60)),
      specs: [],
      sequences: [],
      states: [states(STATUS, ['Offline mode', 'done', 9])],
    });
    expect(result.value.every((f) => f.stateEntries.length === 0)).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        ruleId: 'govern/ambiguous-reference',
        severity: 'warning',
        message:
          '"Offline mode" could name F-005 Offline mode (docs/PRODUCT.md:30) or NFR-2 Offline mode (docs/PRODUCT.md:60); write the feature\'s id to say which.',
        file: STATUS,
        line: 9,
        column: 3,
      },
    ]);
  });

  it('drops a dependency on the feature itself and reports an unknown id dependency', () => {
    const result = buildFeatures({
      product: product(pf('F-001', 'Search', 5, { dependencies: [located('F-001', PRODUCT, 7), located('F-042', PRODUCT, 8), located('none', PRODUCT, 9)] })),
      specs: [],
      sequences: [],
      states: [],
    });
    expect(result.value[0]!.dependencies).toEqual([{ reference: 'F-042', position: at(PRODUCT, 8) }]);
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['govern/unknown-feature', 8]]);
  });
});

describe('matching specs to PRODUCT.md features', () => {
  const cases: Array<{ name: string; features: ProductFeature[]; specs: Spec[]; expected: Record<string, string>; ids: string[]; diagnostics?: string[] }> = [
    {
      name: 'the slug names another feature than the number: the slug wins',
      features: [pf('F-001', 'Search', 5), pf('F-002', 'Tags', 9)],
      specs: [speckit('001-tags'), speckit('002-search')],
      expected: { 'specs/001-tags': 'F-002', 'specs/002-search': 'F-001' },
      ids: ['F-001', 'F-002'],
    },
    {
      name: 'no title matches and one feature has the number: the number decides',
      features: [pf('F-001', 'Search', 5), pf('F-003', 'Saved Searches', 9)],
      specs: [speckit('003-bookmarks')],
      expected: { 'specs/003-bookmarks': 'F-003' },
      ids: ['F-001', 'F-003'],
    },
    {
      name: 'two features have the number: no guess, the spec stands alone',
      features: [pf('F-3', 'Tags', 5), pf('NFR-3', 'Latency budget', 9)],
      specs: [speckit('003-bookmarks')],
      expected: { 'specs/003-bookmarks': '003-bookmarks' },
      ids: ['F-3', 'NFR-3', '003-bookmarks'],
      diagnostics: ['govern/ambiguous-reference'],
    },
    {
      name: 'the numbered feature is already claimed by name by another spec',
      features: [pf('F-004', 'Import', 5), pf('F-005', 'Sharing', 9)],
      specs: [speckit('004-export'), speckit('007-import')],
      expected: { 'specs/004-export': '004-export', 'specs/007-import': 'F-004' },
      ids: ['F-004', 'F-005', '004-export'],
    },
    {
      name: 'a CJK spec title matches a CJK feature title',
      features: [pf('F-001', '搜索', 5), pf('F-004', '标签管理', 9)],
      specs: [speckit('002-tag-management', 'Feature Specification: 标签管理')],
      expected: { 'specs/002-tag-management': 'F-004' },
      ids: ['F-001', 'F-004'],
    },
    {
      name: 'an agent spec whose slug carries the id',
      features: [pf('F-001', 'Search', 5), pf('F-002', 'Tags', 9)],
      specs: [agentSpec('f-002-labels')],
      expected: { '.agent/specs/f-002-labels.md': 'F-002' },
      ids: ['F-001', 'F-002'],
    },
    {
      name: 'a spec that matches nothing becomes a feature after PRODUCT.md features',
      features: [pf('F-001', 'Search', 5)],
      specs: [speckit('002-dark-mode'), agentSpec('keyboard-shortcuts', 'Keyboard Shortcuts')],
      expected: { 'specs/002-dark-mode': '002-dark-mode', '.agent/specs/keyboard-shortcuts.md': 'keyboard-shortcuts' },
      ids: ['F-001', '002-dark-mode', 'keyboard-shortcuts'],
    },
  ];

  it.each(cases)('$name', ({ features, specs, expected, ids, diagnostics = [] }) => {
    const result = buildFeatures({ product: product(...features), specs, sequences: [], states: [] });
    expect(result.value.map((f) => f.id)).toEqual(ids);
    const owner: Record<string, string> = {};
    for (const f of result.value) for (const s of f.specs) owner[s.dir] = f.id;
    expect(owner).toEqual(expected);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(diagnostics);
  });

  it('names the candidates and the spec when the number is ambiguous', () => {
    const result = buildFeatures({
      product: product(pf('F-3', 'Tags', 5), pf('NFR-3', 'Latency budget', 9)),
      specs: [speckit('003-bookmarks')],
      sequences: [],
      states: [],
    });
    expect(result.diagnostics[0]).toMatchObject({
      file: 'specs/003-bookmarks/spec.md',
      line: 1,
      message:
        '"specs/003-bookmarks" could name F-3 Tags (docs/PRODUCT.md:5) or NFR-3 Latency budget (docs/PRODUCT.md:9); write the feature\'s id to say which.',
    });
  });
});

describe('buildFeatures without PRODUCT.md', () => {
  it('makes each spec a feature and attaches references to it', () => {
    const result = buildFeatures({
      specs: [speckit('001-search', 'Feature Specification: Full-text Search'), speckit('002-saved-searches'), agentSpec('dark-mode')],
      sequences: [seq(DEV, ['[Search](specs/001-search/)', 3], ['Saved searches', 4], ['Dark mode', 5], ['Export', 6])],
      states: [states(STATUS, ['F-002', 'in-progress', 2], ['001-search', 'done', 3], ['Refactor CI', 'done', 4])],
    });
    expect(result.value.map((f) => [f.id, f.title, f.position.file, f.position.line])).toEqual([
      ['001-search', 'Full-text Search', 'specs/001-search/spec.md', 1],
      ['002-saved-searches', 'Saved searches', 'specs/002-saved-searches/spec.md', 1],
      ['dark-mode', 'Dark mode', '.agent/specs/dark-mode.md', 1],
      // A DEVELOPMENT.md entry with no spec yet is still a feature when PRODUCT.md defines none.
      ['export', 'Export', DEV, 6],
    ]);
    expect(result.value.map((f) => f.sequence.map((s) => s.entry.position.line))).toEqual([[3], [4], [5], [6]]);
    // F-002 means spec 002 in a project whose features carry no F-ids.
    expect(result.value.map((f) => f.stateEntries.map((s) => s.entry.mark.position.line))).toEqual([[3], [2], [], []]);
    expect(result.diagnostics).toEqual([]);
  });

  it('still reads F-002 as spec 002 after a sequence entry created an F-id feature', () => {
    const result = buildFeatures({
      specs: [speckit('001-search'), speckit('002-tags')],
      sequences: [seq(DEV, ['F-001 Search', 3], ['F-004 Export', 4])],
      states: [states(STATUS, ['F-002', 'done', 2], ['F-004', 'todo', 3], ['T-5', 'todo', 4])],
    });
    expect(result.value.map((f) => [f.id, f.stateEntries.map((s) => s.entry.mark.position.line)])).toEqual([
      ['001-search', []],
      ['002-tags', [2]],
      ['F-004', [3]],
    ]);
    expect(result.value[0]!.sequence.map((s) => s.entry.position.line)).toEqual([3]);
    expect(result.diagnostics).toEqual([]);
  });

  it('makes features of status.md ids in the numbering BACKLOG.md uses (its Done list)', () => {
    const done = states(STATUS, ['PAN-11', 'done', 11], ['PAN-12', 'done', 12], ['PAN-15', 'blocked', 17], ['T3', 'blocked', 20]);
    // A state parser that keeps the item's text as `label` gives the feature its title.
    Object.assign(done.entries[1]!, { label: 'PAN-12 Unit conversion — merged #41 (2025-05-28)' });
    const backlog = seq('BACKLOG.md', ['PAN-15', 6], ['PAN-16', 8, ['PAN-15']], ['PAN-13', 10]);
    backlog.entries[0]!.label = '**PAN-15 Nutrition facts** (P0) — calories, protein, fat and carbohydrates per serving,';
    backlog.entries[1]!.label = '**PAN-16 Nutrition filters** (P1) — `GET /recipes?maxCalories=600`. Depends on PAN-15.';
    backlog.entries[2]!.label = '~~**PAN-13 Recipe comments**~~ (P2) — dropped 2025-05-20: moderation is too much work';
    const result = buildFeatures({ specs: [], sequences: [backlog], states: [done] });
    expect(result.value.map((f) => [f.id, f.title, `${f.position.file}:${f.position.line}`])).toEqual([
      ['PAN-15', 'Nutrition facts', 'BACKLOG.md:6'],
      ['PAN-16', 'Nutrition filters', 'BACKLOG.md:8'],
      ['PAN-13', 'Recipe comments', 'BACKLOG.md:10'],
      ['PAN-11', 'PAN-11', 'status.md:11'],
      ['PAN-12', 'Unit conversion', 'status.md:12'],
    ]);
    expect(result.value.map((f) => f.stateEntries.map((s) => s.entry.mark.position.line))).toEqual([[17], [], [], [11], [12]]);
    expect(result.value[1]!.dependencies.map((d) => d.id)).toEqual(['PAN-15']);
    expect(result.diagnostics).toEqual([]);
  });

  it('takes the brackets an id is written in off the title with the id', () => {
    const backlog = seq('BACKLOG.md', ['MH-8', 4], ['MH-9', 5]);
    backlog.entries[0]!.label = '[MH-8] Pictures for the welcome page — Priority: High';
    backlog.entries[1]!.label = '(MH-9) Crash when the list is empty';
    const result = buildFeatures({ specs: [], sequences: [backlog], states: [] });
    expect(result.value.map((f) => [f.id, f.title])).toEqual([
      ['MH-8', 'Pictures for the welcome page'],
      ['MH-9', 'Crash when the list is empty'],
    ]);
  });

  it('keeps the part letter of a hyphenated id, so part A and part B are two features titled by their own words', () => {
    const plan = seq('IMPLEMENTATION_PLAN.md', ['TASK-9-A', 4], ['TASK-9-B', 9]);
    plan.entries[0]!.label = 'TASK-9-A: Energy chart on the dashboard';
    plan.entries[1]!.label = 'TASK-9-B: Histogram in the weekly report';
    const result = buildFeatures({ specs: [], sequences: [plan], states: [] });
    expect(result.value.map((f) => [f.id, f.title])).toEqual([
      ['TASK-9-A', 'Energy chart on the dashboard'],
      ['TASK-9-B', 'Histogram in the weekly report'],
    ]);
  });

  it('takes no features from a PRODUCT.md that only names them in passing: the plan defines them', () => {
    const result = buildFeatures({
      product: product(pf('tree-map', 'tree map;', 40, { idSource: 'derived' }), pf('harvest-log', 'harvest log;', 41, { idSource: 'derived' })),
      specs: [],
      sequences: [seq('docs/ROADMAP.md', ['Milestone 0', 5], ['Orchard 0.1', 9])],
      states: [],
    });
    expect(result.value.map((f) => f.id)).toEqual(['milestone-0', 'orchard-0-1']);
    expect(result.diagnostics).toEqual([]);
  });

  it('does not take status.md ids as features when PRODUCT.md defines the features', () => {
    const result = buildFeatures({
      product: product(pf('PAN-15', 'Nutrition facts', 3)),
      specs: [],
      sequences: [],
      states: [states(STATUS, ['PAN-11', 'done', 11])],
    });
    expect(result.value.map((f) => f.id)).toEqual(['PAN-15']);
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['govern/unknown-feature', 11]]);
  });

  it('makes sequence entries features when there are no specs either', () => {
    const result = buildFeatures({
      specs: [],
      sequences: [
        seq(DEV, ['F-001 Search', 3, []], ['**Tags**', 4, ['F-001']], ['Feature 3: Saved searches', 5, ['Tags']], ['GPT-4 Integration', 6], ['🔐 用户登录', 7]),
        seq('BACKLOG.md', ['Tags', 2], ['F-001', 3]),
      ],
      states: [states(STATUS, ['tags', 'done', 5])],
    });
    expect(result.value.map((f) => [f.id, f.title, f.position.line])).toEqual([
      ['F-001', 'Search', 3],
      ['tags', 'Tags', 4],
      ['F-3', 'Saved searches', 5],
      ['gpt-4-integration', 'GPT-4 Integration', 6],
      // Titles keep their emoji as written; ids and names drop them.
      ['用户登录', '🔐 用户登录', 7],
    ]);
    expect(result.value.map((f) => f.sequence.map((s) => `${s.file}:${s.entry.position.line}`))).toEqual([
      ['docs/DEVELOPMENT.md:3', 'BACKLOG.md:3'],
      ['docs/DEVELOPMENT.md:4', 'BACKLOG.md:2'],
      ['docs/DEVELOPMENT.md:5'],
      ['docs/DEVELOPMENT.md:6'],
      ['docs/DEVELOPMENT.md:7'],
    ]);
    expect(result.value[1]!.stateEntries).toHaveLength(1);
    expect(result.value.map((f) => f.dependencies.map((d) => d.id))).toEqual([[], ['F-001'], ['tags'], [], []]);
    expect(result.diagnostics).toEqual([]);
  });

  it('takes the units of status.md as the features when nothing else declares any', () => {
    const result = buildFeatures({
      specs: [],
      sequences: [],
      states: [states('.agent/status.md', ['Refactor CI', 'done', 3], ['T014', 'in-progress', 4], ['F-009 Export', 'blocked', 5])],
    });
    expect(result.value.map((f) => [f.id, f.title, f.stateEntries[0]!.entry.mark.state])).toEqual([
      ['refactor-ci', 'Refactor CI', 'done'],
      ['T014', 'T014', 'in-progress'],
      ['F-009', 'Export', 'blocked'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('returns no features and no diagnostics for an empty project', () => {
    expect(buildFeatures({ specs: [], sequences: [], states: [] })).toEqual({ value: [], diagnostics: [] });
  });
});

describe('hostile references', () => {
  it('stays fast and total on long, bracket-heavy and empty text', () => {
    const index = createFeatureIndex(productRepo().value);
    const texts = ['['.repeat(20000), 'F-'.repeat(20000), `${'a'.repeat(50000)}specs/`, '(((( '.repeat(5000), '\r\n', '💥'.repeat(3000)];
    const started = Date.now();
    for (const text of texts) expect(resolveReference(text, index)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
