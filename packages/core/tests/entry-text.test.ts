import { describe, expect, it } from 'vitest';
import { entryState, findDependencies, findId, hasFeatureMark } from '../src/parse/entry-text.js';

describe('findDependencies', () => {
  it('reads a dependency keyword only as a word of its own', () => {
    expect(findDependencies('Rest days (needs: F-001)')?.dependencies.map((d) => d.value)).toEqual(['F-001']);
    expect(findDependencies('Rest days (needs F-001, F-002)')?.dependencies.map((d) => d.value)).toEqual(['F-001', 'F-002']);
    // An identifier in parentheses is a name in the code, not a clause.
    expect(findDependencies('Rest-day mode (needs_rest_day) switches on per club')).toBeUndefined();
    expect(findDependencies('Export → requires_auth flag')).toBeUndefined();
    // A pronoun points back into the sentence: `(the retry depends on it)` names no other work.
    expect(findDependencies('Upload guard is untested (the retry depends on it)')).toBeUndefined();
  });
});

describe('splitDependencies', () => {
  it('reads the dependency, not the state written after it', async () => {
    const { splitDependencies } = await import('../src/parse/entry-text.js');
    expect(splitDependencies('ENROLL-1 (DONE), DOCKVIEW-1 (WIP)', 0).map((d) => d.value)).toEqual(['ENROLL-1', 'DOCKVIEW-1']);
    expect(splitDependencies('M3.5 ✅', 0).map((d) => d.value)).toEqual(['M3.5']);
    // A parenthesis that is not a state is not taken for one.
    expect(splitDependencies('Import (CSV)', 0).map((d) => d.value)[0]).toMatch(/^Import \(CSV/);
    // A note of several words is not part of the name, nor is one a comma cut short.
    expect(splitDependencies('Stage 5 (in production)', 0).map((d) => d.value)).toEqual(['Stage 5']);
    expect(splitDependencies('Stage 9 (accounts', 0).map((d) => d.value)).toEqual(['Stage 9']);
    // A plural unit word names each number after it, a tick after a number included.
    expect(splitDependencies('Phases 3 ✓ + 5', 0).map((d) => d.value)).toEqual(['Phase 3', 'Phase 5']);
    // What informs the work is no dependency; a bold label after a sentence's end is another field of the entry.
    expect(splitDependencies('Phase 2 (kernel work); informed by Phase 3 (consumer pattern)', 0).map((d) => d.value)).toEqual(['Phase 2']);
    expect(splitDependencies('Phase 6 (the fixtures). **Blocks 7, 10** (10 documents it)', 0).map((d) => d.value)).toEqual(['Phase 6']);
  });
});

describe('isEmptyMarker', () => {
  it('reads "none" written as a whole item in other languages', async () => {
    const { isEmptyMarker } = await import('../src/parse/entry-text.js');
    for (const none of ['无', '暂无', 'なし', '없음', 'keine', 'Aucun', 'Nada.', 'нет', '_none yet_', '暂无记录；如有风险请写明负责人', 'No known risks at the moment']) expect(isEmptyMarker(none), none).toBe(true);
    // "Empty" as a column's one item, and "no open tasks" in other languages.
    for (const none of ['(비어 있음)', '(leer)', 'vazio', 'Нет открытых задач.', 'Keine offenen Aufgaben', 'Aucune tâche en cours']) expect(isEmptyMarker(none), none).toBe(true);
    // A word that only starts like one is an item.
    for (const item of ['无障碍访问', '无法登录后台', 'Keine Angst vor Umlauten', 'Nadador', 'Нет кнопки выхода на телефоне']) expect(isEmptyMarker(item), item).toBe(false);
  });
});

describe('entryState', () => {
  it('reads a state in brackets with the day it happened', () => {
    expect(entryState('v1.0 Trail maps (Shipped: 2026-02-10)')?.state).toBe('done');
    expect(entryState('v1.1 Hut bookings (done 14.03.2026)')?.state).toBe('done');
    expect(entryState('Sync (in progress)')?.state).toBe('in-progress');
    expect(entryState('🔄 In progress — 13 / 18 tasks ← (B7 done 2026-08-04)')?.state).toBe('in-progress');
  });

  it('reads a state in brackets with a detail after a dash, and in full-width brackets', () => {
    expect(entryState('Phase 3: Reference library (in progress — one check left)')?.state).toBe('in-progress');
    expect(entryState('Phase 3: 参照ライブラリ（進行中）')?.state).toBe('in-progress');
    // A measure after a dash is no state: `Current:` labels what the work should improve.
    expect(entryState('Speed up the build - Current: 60 s per rebuild')).toBeUndefined();
    expect(entryState('Speed up the build — current')?.state).toBe('in-progress');
    // The release it shipped in, or the parts it covered, after an arrow or a semicolon.
    expect(entryState('Phase 0 — Foundation (Done → v0.6.0)')?.state).toBe('done');
    expect(entryState('Phase 0 — Foundation (Done -> v0.6.0)')?.state).toBe('done');
    expect(entryState('Phase 3 — Client depth (Done; 3.1–3.6)')?.state).toBe('done');
    expect(entryState('Phase 3: Reference library (in progress, sort of)')).toBeUndefined();
  });

  it("reads TaskPaper's done tag at the end of an item, over its open box", () => {
    expect(entryState('Set up the project @done', false)).toMatchObject({ state: 'done', raw: '@done' });
    expect(entryState('Set up the project @DONE(2026-01-04)', false)).toMatchObject({ state: 'done', raw: '@DONE' });
    expect(entryState('Ask @done-bot about the release', false)?.state).toBe('todo');
    expect(entryState('Write to mail@done.example', false)?.state).toBe('todo');
  });
});

describe('findId', () => {
  it('reads the letters of standards as no id, unless the token opens the entry before its name', () => {
    expect(findId('Decode H-264 streams', { anywhere: true })).toBeUndefined();
    expect(findId('Support UTF-8 everywhere', { anywhere: true })).toBeUndefined();
    // Reviews number their high, medium and low findings `H-2`, `M-3`, `L-1`.
    expect(findId('H-2 · Status is unreachable')).toBe('H-2');
    expect(findId('X-1: Crash on share')).toBe('X-1');
    expect(hasFeatureMark('✅ H-2 · Status is unreachable')).toBe(true);
    expect(hasFeatureMark('H-264 decoding')).toBe(false);
  });
});
