import { describe, expect, it } from 'vitest';
import { planDocumentKind } from '../src/text/document-names.js';

describe('planDocumentKind', () => {
  it.each([
    // A year alone is the plan for that year, not a copy of one day.
    ['ROADMAP-2026.md', 'plan'],
    ['ROADMAP.md', 'plan'],
    ['docs/BACKLOG.md', 'pool'],
    ['PROJECT_STATUS.md', 'state'],
    ['.planning/STATE.md', 'state'],
    ['.claude/state.md', 'state'],
    ['PROJECT_STATE.md', 'state'],
    ['CURRENT_STATE.md', 'state'],
    ['TASK-STATUS.md', 'state'],
    // Names in Chinese, Japanese and Korean, by their last word.
    ['开发计划.md', 'plan'],
    ['docs/ロードマップ.md', 'plan'],
    ['任务清单.md', 'pool'],
    ['개발 계획.md', 'plan'],
    ['项目进度.md', 'state'],
    // And in other languages, with the words that join them: "state of the project", "development plan".
    ['docs/00-ESTADO-DO-PROJETO.md', 'state'],
    ['docs/03_RAPPORT_AVANCEMENT.md', 'state'],
    ['PROGRESS_REPORT.md', 'state'],
    ['Tareas.md', 'pool'],
    ['planificación-del-proyecto.md', 'plan'],
    // "Roadmap" as other languages say it, "plan" in Portuguese, German and Russian, and to-do lists in English and French.
    ['HOJA_DE_RUTA.md', 'plan'],
    ['docs/feuille-de-route.md', 'plan'],
    ['yol-haritasi.md', 'plan'],
    ['ДОРОЖНАЯ_КАРТА.md', 'plan'],
    ['plano-de-desenvolvimento.md', 'plan'],
    ['ENTWICKLUNGSPLAN.md', 'plan'],
    ['ПЛАН_РАЗРАБОТКИ.md', 'plan'],
    ['TODO_LIST.md', 'pool'],
    ['A_FAIRE.md', 'pool'],
    // An agent's `task.md`, and German task lists; beside a kind word `task` only qualifies it (`TASK-STATUS.md` above).
    ['task.md', 'pool'],
    ['TASK-LISTE.md', 'pool'],
    ['Aufgabenliste.md', 'pool'],
    // What comes next, alone or as next steps; a task list in one word, with a priority qualifier in Italian.
    ['NEXT.md', 'pool'],
    ['docs/NEXT_STEPS.md', 'pool'],
    ['docs/TASKLIST_PRIORITA.md', 'pool'],
    // A board kept as a file: columns of work without an order between them.
    ['KANBAN.md', 'pool'],
    ['EXECUTION_STATUS.md', 'state'],
    // The part of the product a plan is for, the session a status file records; GSD's second version's folder.
    ['docs/spec/backend_plan.md', 'plan'],
    ['FRONTEND_ROADMAP.md', 'plan'],
    ['SESSION_STATUS.md', 'state'],
    // One folder below `docs/`, a bare status or progress file written in capitals is the project's own record.
    ['docs/tickets/PROGRESS.md', 'state'],
    ['docs/mobile/STATUS.md', 'state'],
    ['.gsd/STATE.md', 'state'],
    ['.gsd/PROJECT.md', 'plan'],
    // A status file in a folder below docs/ kept for the work.
    ['docs/wip/status.md', 'state'],
    ['docs/planning/PROGRESS.md', 'state'],
    ['docs/STATUS.md', 'state'],
    ['docs/planning/TASK_BOARD.md', 'pool'],
  ])('%s is a %s', (file, kind) => {
    expect(planDocumentKind(file)).toBe(kind);
  });

  // A bare state.md elsewhere is as often a note on application state as a record of the work; a bare status.md in a
  // folder below docs/ for a part of the product documents that part's statuses.
  it.each([['docs/state.md'], ['state.md'], ['docs/formats/state.md'], ['state-machine.md'], ['README.md'], ['系统设计.md'], ['使用说明.md'], ['NEXT_RELEASE_NOTES.md'], ['PRIORITIES.md'], ['PROJECT.md'], ['.planning/PROJECT.md'], ['docs/orders/status.md'], ['docs/shipping/progress.md'], ['roadmap-2026-03-01.md'], ['.specify/memory/technical-roadmap-2026-07-09-v2.md'], ['STATUS_20260715.md'], ['docs/status/2025-11-20-status.md'], ['feature-08-sprints-backlog.md'], ['docs/story-3-task-list.md']])('%s is no plan', (file) => {
    expect(planDocumentKind(file)).toBeUndefined();
  });
});
