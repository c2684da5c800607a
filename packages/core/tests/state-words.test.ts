import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadingStateWord, normaliseStateWord, stateVocabulary, stateWordsByLanguage } from '../src/text/state-words.js';

describe('normaliseStateWord', () => {
  it.each([
    ['done', 'done'],
    ['Completed', 'done'],
    ['**Shipped** ✅', 'done'],
    ['✅', 'done'],
    ['✔️', 'done'],
    ['[x]', 'done'],
    ['not yet started', 'todo'],
    ['(not yet planned)', 'todo'],
    ['[X]', 'done'],
    ['EXECUTING', 'in-progress'],
    ['Superseded by the newer export spec', 'cancelled'],
    ['[√]', 'done'],
    ['[✓]', 'done'],
    ['`merged`', 'done'],
    ['Released', 'done'],
    ['In Progress', 'in-progress'],
    ['in_progress', 'in-progress'],
    ['in-progress', 'in-progress'],
    ['WIP', 'in-progress'],
    ['🚧', 'in-progress'],
    ['⏳', 'in-progress'],
    ['In review', 'in-progress'],
    ['partial', 'in-progress'],
    ['Blocked', 'blocked'],
    ['on hold', 'blocked'],
    ['On-Hold', 'blocked'],
    ['⛔', 'blocked'],
    ['🛑 Stuck', 'blocked'],
    ['parked', 'blocked'],
    ['todo', 'todo'],
    ['To do', 'todo'],
    ['Not started', 'todo'],
    ['backlog', 'todo'],
    ['[ ]', 'todo'],
    ['⬜', 'todo'],
    ['📋', 'todo'],
    ['❌', 'todo'],
    ['planned', 'todo'],
    ['Cancelled', 'cancelled'],
    ['canceled', 'cancelled'],
    ["Won't do", 'cancelled'],
    ['won’t fix', 'cancelled'],
    ['wontfix', 'cancelled'],
    ['🗑️', 'cancelled'],
    ['❌ Cancelled', 'cancelled'],
    ['进行中', 'in-progress'],
    ['已完成', 'done'],
    ['已合并', 'done'],
    ['阻塞', 'blocked'],
    ['blocked — waiting on API keys', 'blocked'],
    ['done (2024-05-01)', 'done'],
  ] as const)('%s → %s', (raw, state) => {
    expect(normaliseStateWord(raw)).toBe(state);
  });

  it.each(['documented', 'Review PR #12', 'New feature flags', 'Open questions', '', '🟢', 'Done with the API work', 'Next.js 15 + SQLite', 'Done.app'])(
    'leaves %j unknown',
    (raw) => {
      expect(normaliseStateWord(raw)).toBeUndefined();
    },
  );

  it('gives the reason and where the words are', () => {
    const match = leadingStateWord('**Blocked** — waiting on API keys');
    expect(match).toMatchObject({ state: 'blocked', raw: 'Blocked', index: 2, rest: 'waiting on API keys' });
  });

  it('reads headings loosely but not ordinary heading words', () => {
    expect(leadingStateWord('Done this week', { loose: true })?.state).toBe('done');
    expect(leadingStateWord('Next steps', { loose: true })?.state).toBe('todo');
    expect(leadingStateWord('Open questions', { loose: true })).toBeUndefined();
    expect(leadingStateWord('Review notes', { loose: true })).toBeUndefined();
  });

  it('reads a share of the work said done: finished at a hundred, not begun at nothing, under way between', () => {
    expect(leadingStateWord('~80% complete')).toMatchObject({ state: 'in-progress', raw: '80% complete', index: 1 });
    expect(leadingStateWord('⚠️ 45 % done')?.state).toBe('in-progress');
    expect(leadingStateWord('100% Complete')?.state).toBe('done');
    expect(leadingStateWord('0% done')?.state).toBe('todo');
    expect(leadingStateWord('60% concluído')?.state).toBe('in-progress');
    // A share without a word saying what it is a share of (test coverage, a budget) is no state.
    expect(leadingStateWord('89%')).toBeUndefined();
    expect(leadingStateWord('80% coverage')).toBeUndefined();
    expect(leadingStateWord('150% done')).toBeUndefined();
  });

  it('never throws on odd input', () => {
    expect(normaliseStateWord('\u0000\uFE0F'.repeat(1000))).toBeUndefined();
    expect(normaliseStateWord(undefined as unknown as string)).toBeUndefined();
  });

  it('is documented word for word in docs/formats/state.md', () => {
    const doc = readFileSync(new URL('../../../docs/formats/state.md', import.meta.url), 'utf8');
    for (const { words } of stateVocabulary()) {
      for (const word of words) expect(doc, word).toContain(`\`${word}\``);
    }
  });
});

describe('state words in ten languages', () => {
  // One line per language as files write it: a field value, a heading or a table cell.
  const cases: Record<string, ReadonlyArray<readonly [string, string]>> = {
    en: [['Coming up', 'todo'], ['PR_OPEN', 'in-progress'], ['Mostly done', 'in-progress'], ['Skipped', 'cancelled']],
    zh: [['✅ 已完成', 'done'], ['進行中', 'in-progress'], ['待辦', 'todo'], ['已取消', 'cancelled'], ['搁置', 'blocked'], ['冻结（等待验收）', 'blocked'], ['开发完成', 'done']],
    ja: [['完了', 'done'], ['未着手（2024-05-01 追加）', 'todo'], ['保留', 'blocked'], ['実装中', 'in-progress'], ['実装完了・PR作成待ち', 'done']],
    ko: [['✅ 완료', 'done'], ['진행 중', 'in-progress'], ['구현 대기', 'todo'], ['보류', 'blocked'], ['취소', 'cancelled'], ['개발 완료', 'done']],
    de: [['Erledigt', 'done'], ['Offen', 'todo'], ['✅ Großteils erledigt', 'in-progress'], ['In Arbeit', 'in-progress']],
    fr: [['Terminé', 'done'], ['Complète', 'done'], ['En cours', 'in-progress'], ['En attente', 'todo'], ['À faire', 'todo'], ['Annulé', 'cancelled']],
    es: [['✅ Completada', 'done'], ['🔄 En progreso', 'in-progress'], ['Pendiente', 'todo'], ['Bloqueado', 'blocked']],
    pt: [['Concluído', 'done'], ['Em andamento', 'in-progress'], ['Pendente', 'todo'], ['Cancelado', 'cancelled']],
    ru: [['В РАБОТЕ', 'in-progress'], ['✅ Выполнено', 'done'], ['🗓 Запланировано', 'todo'], ['Отменено', 'cancelled']],
    tr: [['✅ Düzeltildi (2024-05-01)', 'done'], ['🔄 Devam', 'in-progress'], ['❌ YAPILMADI', 'todo'], ['İptal', 'cancelled']],
  };
  for (const { language } of stateWordsByLanguage()) {
    it(`reads ${language}`, () => {
      const table = cases[language];
      expect(table, language).toBeDefined();
      for (const [raw, state] of table!) expect(normaliseStateWord(raw), raw).toBe(state);
    });
  }

  it('reads a status field loosely: the leading words count when more follow', () => {
    expect(leadingStateWord('Erledigt in v1.9.0 — siehe unten', { loose: true })?.state).toBe('done');
    expect(leadingStateWord('implemented (pending PR merge)', { loose: true })?.state).toBe('done');
  });

  it('never reads an id as a state word', () => {
    expect(leadingStateWord('TODO-7: Advanced features', { loose: true })).toBeUndefined();
    expect(normaliseStateWord('DONE-12')).toBeUndefined();
  });

  it('keeps ordinary heading words that start like a state out of headings', () => {
    expect(leadingStateWord('Offene Fragen', { loose: true })).toBeUndefined();
    expect(leadingStateWord('Next implementation steps', { loose: true })?.state).toBe('todo');
  });

  it('lists every language in docs/formats/state.md', () => {
    const doc = readFileSync(new URL('../../../docs/formats/state.md', import.meta.url), 'utf8');
    for (const { words } of stateWordsByLanguage()) for (const list of Object.values(words)) for (const word of list) expect(doc, word).toContain(`\`${word}\``);
  });
});
