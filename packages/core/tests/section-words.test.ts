import { describe, expect, it } from 'vitest';
import { isCheckTask, sectionRole } from '../src/text/section-words.js';

// Titles and list labels say what a section holds; these pin the words that set work aside.
describe('sectionRole: counts and pointers', () => {
  it.each([
    ['进度统计', 'notes'],
    ['Project statistics', 'notes'],
    ['Статистика', 'notes'],
    ['Domain Expertise', 'notes'],
    ['Active Phase', 'pointer'],
    ['Active sprint', 'pointer'],
    // A closing note in brackets leaves the title what it was.
    ['Now (blocking the release)', 'pointer'],
    ['Current focus（本周）', 'pointer'],
    ['Notes (internal)', 'notes'],
    // The next stage points at what comes next; a design agreed on is notes, a phase that designs is work.
    ['Next stage', 'pointer'],
    ['合意済みの設計', 'notes'],
    ['Statuses', 'notes'],
    ['1단계: 프로젝트 기획 및 설계 (Planning Phase)', undefined],
    ['基本設計', undefined],
    ['Plan ordering and rationale', 'order'],
  ])('%s → %s', (title, role) => {
    expect(sectionRole(title)).toBe(role);
  });
});

// Checks a person runs by hand after the work are conditions, not tasks.
describe('sectionRole: checks', () => {
  it.each([['UAT'], ['User acceptance'], ['Manual checks'], ['Smoke tests before release'], ['Mandatory self-check (before every task)']])('%s → check', (title) => {
    expect(sectionRole(title)).toBe('check');
  });
});

// Sections that explain the plan or point elsewhere hold no work, however their lists look.
describe('sectionRole: explanations and references', () => {
  it.each([
    ['Key sequencing rationale', 'notes'],
    ['Related Documents', 'notes'],
    ['See also', 'notes'],
    ['관련 문서', 'notes'],
    ['Request and execution flow', 'notes'],
    ['Data flow', 'notes'],
    ['Task Format', 'notes'],
    ['Format', 'notes'],
    ['Product vision', 'notes'],
    ['Vision & End States', 'notes'],
    ['Vision and goals', 'notes'],
    ['Scope / North Star', 'notes'],
    ['Project context', 'notes'],
    ['Architecture context (for agents)', 'notes'],
    ['Technical debt analysis', 'notes'],
    ['Release workflow', 'notes'],
    ['Research goals', 'notes'],
    ['Findings', 'notes'],
    ['Key constraints', 'notes'],
    ['調査結果', 'notes'],
  ])('%s → %s', (title, role) => {
    expect(sectionRole(title)).toBe(role);
  });

  it.each([['Phase 3: Export format'], ['Now playing (mini player)'], ['Vision board editor'], ['Context menu'], ['Onboarding flow'], ['Workflow engine'], ['Related products page']])('%s is a title like any other', (title) => {
    expect(sectionRole(title)).toBeUndefined();
  });
});

describe('sectionRole: work set aside', () => {
  it.each([
    ['2.3 What stays in the old window (out of scope)', 'deferred'],
    ['Bulk import — not in scope for v1', 'deferred'],
    ["Plugins (won't do)", 'deferred'],
    ['Optional', 'deferred'],
    ['💡 Futuro (ideias)', 'deferred'],
    ['Zukunft', 'deferred'],
    ['Optional extras', 'deferred'],
    ['Опционально', 'deferred'],
    ['6.12 Что остаётся в старом окне (не переносить)', 'deferred'],
    ['Уже сделано иначе (не в scope фазы 7)', 'deferred'],
    ['Opcional', 'deferred'],
    // Won't-do lists in Chinese, Japanese and Korean.
    ['不做清单(明确排除)', 'deferred'],
    ['やらないこと', 'deferred'],
    ['하지 않을 것', 'deferred'],
  ])('%s → %s', (title, role) => {
    expect(sectionRole(title)).toBe(role);
  });

  it.each([['Phase 2 — Editor'], ['Scope of the import'], ['Options dialog'], ['Release planning'], ['做菜清单']])('%s is not set aside', (title) => {
    expect(sectionRole(title)).toBeUndefined();
  });
});

describe('isCheckTask', () => {
  it('reads checks of finished work in their usual forms and languages', () => {
    for (const text of [
      'Run quickstart.md validation',
      'End-to-end validation: load the plugin and place one component',
      'Verify the build and the test suite pass before any change',
      'Manual smoke test: print the list',
      '[P] Smoke-test the installer on a clean machine',
      'Dérouler quickstart.md (validation manuelle)',
      'Pruebas manuales del flujo de pago',
      '手动测试导出功能',
      'Visual review at 375px and 1440px of every page',
      'Open the preview, switch themes on each page — verify: no unreadable text',
      'Perform the full reader journey in both themes',
    ]) expect(isCheckTask(text), text).toBe(true);
  });

  it('leaves work whose verb only sounds like a check', () => {
    for (const text of ['Validate that two meals never share one slot in src/calendar/slots.ts', 'Check out the payment flow', 'Write the user manual', 'Add a verification email on sign-up', 'Add a visual review step to the editor', 'Perform the migration']) {
      expect(isCheckTask(text), text).toBe(false);
    }
  });
});

describe("sectionRole: a single task plan's notes sections", () => {
  it('reads a task summary, the files it touches, its data flow and its test strategy as notes, in several languages', () => {
    for (const title of ['1. Resumo da tarefa', '2. Arquivos afetados', 'Affected files', 'Fluxo de dados', 'Estratégia de testes', 'Test strategy', 'Betroffene Dateien']) {
      expect(sectionRole(title), title).toBe('notes');
    }
  });

  it('keeps a summary of the phases a plan', () => {
    expect(sectionRole('Resumen de fases')).toBeUndefined();
  });
});

describe('sectionRole: decisions already taken', () => {
  it('reads a plan\'s confirmed direction and its dependency map as notes', () => {
    for (const title of ['Confirmed direction (from V2_PLANNING.md)', 'Direction', 'Dependency map (what gates what)']) expect(sectionRole(title), title).toBe('notes');
  });

  it('reads decisions in Japanese and Chinese, technical notes, metrics and a progress log as notes', () => {
    for (const title of ['公開戦略の決定事項', '技术决定事项', 'Notes techniques', 'Technical notes', 'Métriques', 'Log entries', 'Progress log']) expect(sectionRole(title), title).toBe('notes');
  });
});

describe('sectionRole: parked work', () => {
  it('reads a parked section as set aside', () => {
    for (const title of ['Later / parked (do not attempt now)', 'Parked']) expect(sectionRole(title), title).toBe('deferred');
  });
});

describe('sectionRole: work closed without being built', () => {
  it('reads a section of items closed without building, or rejected, as set aside', () => {
    for (const title of ['Closed without building', 'Rejected', 'Declined']) expect(sectionRole(title), title).toBe('deferred');
  });
});

