import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadingStateWord, normaliseStateWord, stateVocabulary } from '../src/text/state-words.js';

describe('normaliseStateWord', () => {
  it.each([
    ['done', 'done'],
    ['Completed', 'done'],
    ['**Shipped** ✅', 'done'],
    ['✅', 'done'],
    ['✔️', 'done'],
    ['[x]', 'done'],
    ['[X]', 'done'],
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
    ['阻塞', 'blocked'],
    ['blocked — waiting on API keys', 'blocked'],
    ['done (2024-05-01)', 'done'],
  ] as const)('%s → %s', (raw, state) => {
    expect(normaliseStateWord(raw)).toBe(state);
  });

  it.each(['documented', 'Review PR #12', 'New feature flags', 'Open questions', '', '🟢', 'Done with the API work'])(
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
