import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { nextFeature, type NextResult, type NextStatus } from '../src/query/next.js';
import type { OrderSource } from '../src/query/order.js';

/**
 * `govern next` on small repositories written the way maintainers write plans: plans found by their
 * name, units of work apart from their details, state words in ten languages, tasks that are not tasks,
 * other records of progress, and "the documents do not say enough". fixtures/plans/README.md says why
 * each answer is the right one.
 */
const fixtures = fileURLToPath(new URL('../../../fixtures/plans/', import.meta.url));
const PLANNING_KINDS = ['product', 'sequence', 'spec', 'plan', 'tasks', 'state', 'claude', 'agents'] as const;

async function next(fixture: string): Promise<NextResult> {
  return nextFeature(await loadProject(path.join(fixtures, fixture), { kinds: PLANNING_KINDS }));
}

interface Case {
  fixture: string;
  status: NextStatus;
  feature?: string;
  /** With unclear: the candidates' ids, best first. */
  candidates?: string[];
  order: OrderSource;
  orderFile?: string;
  reasonMentions?: string[];
}

const cases: Case[] = [
  // 1. The plan is found: by its name whatever its case, where CLAUDE.md imports it, where a file names it the source of truth.
  { fixture: 'lowercase-dev-guide', status: 'next', feature: 'TODO-4', order: 'development', orderFile: 'docs/development.md' },
  { fixture: 'imported-tasks', status: 'continue', feature: 'phase-3', order: 'backlog', orderFile: '.claude/TASKS.md', reasonMentions: ['Also in progress: phase-2', 'the documents say phase-3 is in progress more directly'] },
  { fixture: 'dev-guide-how-tos', status: 'empty', order: 'none' },
  { fixture: 'dev-guide-icons', status: 'empty', order: 'none' },
  { fixture: 'named-source', status: 'continue', feature: 'milestone-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'retired-lists', status: 'continue', feature: 'invoice-numbering', order: 'backlog', orderFile: '.claude/TASKS.md' },
  { fixture: 'spec-overview-versions', status: 'next', feature: 'v0-4-0', order: 'development', orderFile: 'specs/OVERVIEW.md' },
  // 2. Units of work apart from their details: sprint headings with a Status line, milestones in a status file.
  { fixture: 'sprint-chain', status: 'next', feature: 'sprint-70', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'status-only', status: 'done', order: 'status', orderFile: 'status.md' },
  { fixture: 'implemented-no-tasks', status: 'next', feature: '002-email-digest', order: 'specs' },
  { fixture: 'plan-done-backlog', status: 'done', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['not in the sequence in ROADMAP.md'] },
  // 3. State words: a written word beats a leading mark; labels are not states.
  { fixture: 'word-beats-mark', status: 'continue', feature: '003-albums', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'labels-are-not-states', status: 'next', feature: 'stream-the-export-instead-of-building-it-in-memory', order: 'backlog', orderFile: 'TODO.md' },
  // 4. Tasks that are not tasks.
  { fixture: 'tasks-not-tasks', status: 'done', order: 'specs' },
  { fixture: 'exit-criteria', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'moved-past', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['the work has moved past phase-1'] },
  { fixture: 'recurring-chores', status: 'continue', feature: 'export-to-csv', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'shipped-dates', status: 'next', feature: 'v1-2-weather-warnings', order: 'development', orderFile: 'MILESTONES.md' },
  { fixture: 'phase-details', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'backlog-tags-and-rules', status: 'next', feature: '04-docs-describe-the-let-rules-in-the-user-guide', order: 'development', orderFile: 'docs/PLAN.md' },
  { fixture: 'roadmap-asides', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'phase-table-zh', status: 'next', feature: '预算提醒', order: 'development', orderFile: 'docs/ROADMAP.md' },
  { fixture: 'named-by-claude', status: 'next', feature: 'sprint-2', order: 'development', orderFile: 'docs/BUILD.md' },
  { fixture: 'speckit-grouped', status: 'continue', feature: '002-invoices', order: 'specs' },
  { fixture: 'state-current-focus', status: 'continue', feature: 'phase-2', order: 'development', orderFile: '.planning/ROADMAP.md', reasonMentions: ['.planning/STATE.md:6'] },
  { fixture: 'status-headings', status: 'continue', feature: 'stage-2', order: 'status', orderFile: 'docs/PROGRESS.md', reasonMentions: ['docs/PROGRESS.md:26'] },
  { fixture: 'focus-says-next', status: 'next', feature: 'phase-4', order: 'development', orderFile: '.planning/ROADMAP.md', reasonMentions: ['.planning/STATE.md:6', 'names as next'] },
  { fixture: 'position-not-started', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'collapsed-milestones', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'requirements-named-plan', status: 'next', feature: 'low-tide-alerts', order: 'development', orderFile: 'docs/plan.md' },
  { fixture: 'legend-joined-list', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'focus-ready-for', status: 'next', feature: 'phase-2', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'dotted-slices', status: 'next', feature: 'S2.1', order: 'backlog', orderFile: 'docs/backlog.md' },
  { fixture: 'research-note', status: 'continue', feature: 'restore-screen', order: 'backlog', orderFile: '.claude/tasks.md' },
  { fixture: 'claude-as-plan', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'CLAUDE.md' },
  { fixture: 'numbered-steps', status: 'next', feature: 'convert-units', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'struck-phases', status: 'continue', feature: 'stufe-3', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'focus-status-next', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'focus-not-started', status: 'next', feature: 'phase-03', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'bold-phase-rows', status: 'continue', feature: 'fase-2', order: 'development', orderFile: 'ROADMAP.md' },
  // Numbered headings under "Key Decisions" record choices made, not work: the finished roadmap says all there is.
  { fixture: 'decisions-after-done', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  // Three specs under way by their boxes; one's Status names the checkpoint it has reached, which says so in words.
  { fixture: 'status-names-checkpoint', status: 'continue', feature: '003-reports', order: 'specs', reasonMentions: ['in progress more directly (specs/003-reports/spec.md:4)'] },
  // A roadmap/ folder of numbered step files, its STATUS.md ticking them off in order.
  { fixture: 'roadmap-folder', status: 'next', feature: '04-dashboard-md', order: 'status', orderFile: 'roadmap/STATUS.md' },
  // Specs filed by module (specs/account/002-sign-up), and a status table that names them by module and number.
  { fixture: 'module-specs', status: 'continue', feature: '002-sign-up', order: 'specs' },
  // "This roadmap is the authoritative plan": its done outranks a spec's boxes nobody ticks after the merge.
  { fixture: 'authoritative-roadmap', status: 'next', feature: 'due-date-reminders', order: 'development', orderFile: 'docs/ROADMAP.md' },
  // `**Phase 2 Status**: In Progress` is the state of Phase 2, not a unit called "Phase 2 Status".
  { fixture: 'progress-tracking', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'docs/ROADMAP.md' },
  // A table of where phase files live, and a backlog's scheduling guidelines, list no work: every phase is complete.
  { fixture: 'file-index-table', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  // A status file named in Portuguese (docs/00-ESTADO-DO-PROJETO.md), its table headed Fatia / Estado.
  { fixture: 'named-in-portuguese', status: 'next', feature: 'F1.1', order: 'backlog', orderFile: 'docs/backlog.md' },
  // The README of a tasks/ folder is its overview: its phase table is the plan; its principles and updates list no work.
  { fixture: 'tasks-folder-readme', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'tasks/README.md' },
  // `**Next Feature**: Feature 003 - Reading list` names what comes next, ahead of Feature 002 in the file.
  { fixture: 'next-feature-line', status: 'next', feature: 'reading-list', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['names as next (ROADMAP.md:5'] },
  { fixture: 'cjk-plan-name', status: 'continue', feature: '阶段-1', order: 'development', orderFile: '开发计划.md' },
  { fixture: 'capability-checklist', status: 'next', feature: 'meal-suggestions-from-what-is-in-stock', order: 'product' },
  { fixture: 'left-out-parts', status: 'continue', feature: 'phase-3', order: 'status' },
  { fixture: 'handoff-file', status: 'continue', feature: 'offline-mode', order: 'status' },
  { fixture: 'phase-overview', status: 'next', feature: 'watering-schedule', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'task-properties', status: 'continue', feature: 'phase-2', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'struck-rows', status: 'next', feature: 'bx-1-1c', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'progress-table', status: 'next', feature: 'phase-4', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'tasks-set-aside', status: 'done', order: 'specs' },
  { fixture: 'stories-without-tasks', status: 'continue', feature: '001-recipes', order: 'specs', reasonMentions: ['no task yet for US3'] },
  { fixture: 'review-questions', status: 'next', feature: 'yearly-summary-as-pdf', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'status-dash-lines', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'docs/ROADMAP.md', reasonMentions: ['STATUS.md:9'] },
  { fixture: 'milestone-ranges', status: 'next', feature: 'phase-4', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'speckit-pointer', status: 'continue', feature: '003-reminders', order: 'specs', reasonMentions: ['.specify/feature.json:2', "Spec Kit's pointer names 003-reminders"] },
  { fixture: 'speckit-pointer-behind', status: 'next', feature: '003-reminders', order: 'specs' },
  // Spec Kit's agent-context block in CLAUDE.md names the plan being worked on, as feature.json does.
  // `Now`, `Next`, `Later` headings with a note in brackets after them are still those sections.
  { fixture: 'now-next-later-notes', status: 'continue', feature: 'offline-mode-for-the-reading-list', order: 'development', reasonMentions: ['ROADMAP.md:5: "Now (until the spring release)"'] },
  // `Slice 3` names a unit as `Phase 3` does: the ✅ items under it are its parts, not units of their own.
  { fixture: 'slices-status', status: 'continue', feature: 'slice-3', order: 'status', reasonMentions: ['STATUS.md:17'] },
  // An open box whose words say it was skipped is dropped work; `(skip if …)` is an instruction, and stays open.
  { fixture: 'skipped-task', status: 'continue', feature: '001-profiles', order: 'specs', reasonMentions: ['3/4 tasks done'] },
  // An agent's task.md beside its implementation plan: the plan's `[MODIFY] file` headings are changes, not units; the
  // task list never ticks its group boxes, whose own boxes say where the work stands; `@done` ends a finished item.
  { fixture: 'agent-task-file', status: 'done', order: 'backlog', orderFile: 'task.md' },
  // A roadmap whose group boxes are never ticked: the boxes under them tell.
  { fixture: 'summary-boxes-unkept', status: 'continue', feature: 'budgets', order: 'development', reasonMentions: ['1/2 done'] },
  // `## Tarefas` (tasks) holds the plan's items, as `## Tasks` does; it is not one item of its own.
  { fixture: 'task-list-heading-pt', status: 'next', feature: 'construir-o-cadastro-de-clientes', order: 'development' },
  // `## Current: Polish round` names where the round stands in the plan; every box under it is ticked, so it is finished.
  { fixture: 'current-batch-finished', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  // AGENTS.md says to go through ROADMAP.md top to bottom: it is the plan; PLAN.md is the scratch plan of one item.
  { fixture: 'first-unchecked-item', status: 'next', feature: 'add-a-contact-form', order: 'development', orderFile: 'ROADMAP.md' },
  // Items written as headings with a box (`### [ ] Page-turn sound`); the unboxed headings after one are its parts.
  { fixture: 'boxed-headings', status: 'next', feature: 'page-turn-sound', order: 'backlog', orderFile: 'BACKLOG.md' },
  // A Goal, a Baseline of what ships, a Historical order and areas not yet committed hold no work: all is done.
  { fixture: 'goal-and-baseline', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  // `## 长期愿景（v1.x+）` (long-term vision) sets its themes aside, as `## Future work` does: every version is done.
  { fixture: 'long-term-vision-zh', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  // An open box over sub-tasks all ticked sums them up and was left open: Phase 1 is done, Phase 2 is next.
  { fixture: 'summary-box-open', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'speckit-agent-context', status: 'continue', feature: '003-snooze', order: 'specs', reasonMentions: ['CLAUDE.md:8', "Spec Kit's pointer names 003-snooze"] },
  { fixture: 'template-gate', status: 'continue', feature: '002-shopping-list', order: 'specs' },
  { fixture: 'checklist-open', status: 'unclear', candidates: ['001-export', '002-import'], order: 'specs', reasonMentions: ['checklist'] },
  // 5 and 6. Records that disagree, tasks without a state, nothing recorded, nothing ordering the candidates.
  { fixture: 'disputed-status', status: 'unclear', candidates: ['002-sync'], order: 'specs', reasonMentions: ['002-sync'] },
  { fixture: 'unrecorded-tasks', status: 'unclear', candidates: ['002-filters', '001-search'], order: 'specs', reasonMentions: ['without recording whether any is done'] },
  { fixture: 'inventory-only', status: 'unclear', candidates: ['bed-map', 'seed-log', 'yield-chart'], order: 'product', reasonMentions: ['nothing records the state'] },
  { fixture: 'plan-contradicts-itself', status: 'unclear', candidates: ['phase-2', 'phase-3'], order: 'development', reasonMentions: ['.planning/ROADMAP.md:6 marks it todo', '.planning/ROADMAP.md:14 marks it done'] },
  { fixture: 'same-numbers', status: 'unclear', candidates: ['001-alerts', '001-charts'], order: 'specs', reasonMentions: ['share the number 001'] },
  { fixture: 'backlog-top-first', status: 'continue', feature: 'exports', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'backlog-no-order', status: 'unclear', candidates: ['exports', 'imports'], order: 'backlog', reasonMentions: ['nothing orders them'] },
  { fixture: 'specs-under-way', status: 'continue', feature: '001-tide-table', order: 'specs', reasonMentions: ['Also in progress: 002-moon-phases', '001-tide-table comes first in the order'] },
  { fixture: 'untouched-first-spec', status: 'unclear', candidates: ['001-export'], order: 'specs', reasonMentions: ['2 of the 3 specs numbered after it are finished'] },
  { fixture: 'milestone-phases', status: 'continue', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md', reasonMentions: ['.planning/ROADMAP.md:67'] },
  { fixture: 'unordered-backlog', status: 'unclear', candidates: ['gift-cards', 'receipt-printer-check'], order: 'backlog', reasonMentions: ['nothing orders them'] },
  { fixture: 'kanban-empty-markers', status: 'next', feature: 'konfigurationswerte-aus-dem-code-in-eine-datei-verlegen', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'todo-folder-plan', status: 'continue', feature: 'fase-2', order: 'backlog', orderFile: 'todo/todo.md' },
  { fixture: 'ai-folder-roadmap', status: 'next', feature: 'v1-1-0', order: 'development', orderFile: '.ai/ROADMAP.md' },
  { fixture: 'next-file', status: 'next', feature: 'fix-the-tide-table-for-leap-years', order: 'backlog', orderFile: 'NEXT.md' },
  { fixture: 'feature-plan-folder', status: 'done', order: 'development', orderFile: 'plan/offline-sync/phases.md' },
  { fixture: 'sub-milestones', status: 'next', feature: 'M03', order: 'development', orderFile: 'MILESTONES.md' },
  { fixture: 'agents-plans-table', status: 'next', feature: 'M3', order: 'development', orderFile: '.agents/plans/roadmap.md' },
  { fixture: 'numbered-sections', status: 'next', feature: 'v0-2-0', order: 'development', orderFile: 'docs/ROADMAP.md' },
  { fixture: 'companion-docs', status: 'next', feature: 'phase-1', order: 'development', orderFile: 'IMPLEMENTATION_PLAN.md' },
  { fixture: 'boxed-phase-details', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'sized-groups', status: 'next', feature: 'visual-editor-for-venue-maps', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'phase-particulars', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'IMPLEMENTATION_PLAN.md' },
  { fixture: 'current-position-next', status: 'next', feature: 'phase-4', order: 'development', orderFile: 'docs/ROADMAP.md', reasonMentions: ['docs/ROADMAP.md:12'] },
  { fixture: 'tracker-protocol', status: 'next', feature: 'open-the-vents-above-28-c', order: 'backlog', orderFile: 'docs/TODO.md' },
  { fixture: 'code-tagged-milestones', status: 'next', feature: 'M4', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'mark-legend', status: 'next', feature: 'trim-silence', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'mark-legend-list', status: 'next', feature: 'phone-app', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'legend-boxes', status: 'next', feature: '2-2-http-upload', order: 'backlog', orderFile: 'docs/tasks.md' },
  { fixture: 'bucket-heading', status: 'next', feature: 'check-the-config-file-against-its-schema-at-start-up', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'gsd-folder', status: 'continue', feature: 'phase-2', order: 'development', orderFile: '.gsd/ROADMAP.md' },
  { fixture: 'dev-guide-features', status: 'empty', order: 'none' },
  { fixture: 'decorated-phases-ko', status: 'continue', feature: 'phase-1', order: 'development', orderFile: 'IMPLEMENTATION_PLAN.md' },
  { fixture: 'gsd2-milestones', status: 'next', feature: 'S03', order: 'development', orderFile: '.gsd/milestones/M002/M002-ROADMAP.md' },
  { fixture: 'session-status-next', status: 'next', feature: 'add-the-sync-command', order: 'status', orderFile: 'SESSION_STATUS.md' },
  { fixture: 'readme-roadmap', status: 'next', feature: 'version-1-1', order: 'development', orderFile: 'README.md' },
  { fixture: 'readme-features-only', status: 'empty', order: 'none' },
  { fixture: 'readme-roadmap-waits', status: 'continue', feature: '001-trail-search', order: 'specs' },
  { fixture: 'position-phase-complete', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'gsd2-slices', status: 'continue', feature: 'S02', order: 'development', orderFile: '.gsd/milestones/M002/M002-ROADMAP.md', reasonMentions: ['.gsd/milestones/M002/slices/S02/S02-PLAN.md', '1/3 tasks done'] },
  { fixture: 'focus-unit-complete', status: 'next', feature: 'phase-4', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'progress-report-fr', status: 'continue', feature: 'phase-2', order: 'status', orderFile: 'docs/02_RAPPORT_AVANCEMENT.md', reasonMentions: ['docs/02_RAPPORT_AVANCEMENT.md:21'] },
  { fixture: 'heading-marks-unticked', status: 'next', feature: '2-2-统计图表', order: 'development', orderFile: 'docs/开发计划.md' },
  { fixture: 'three-level-tasks', status: 'next', feature: 'task-2-1-3', order: 'development', orderFile: 'PLAN.md' },
  { fixture: 'execution-guide-ko', status: 'done', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'dated-log', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'tasks/phases-status.md' },
  { fixture: 'position-list-items', status: 'next', feature: 'phase-4', order: 'development', orderFile: '.gsd/ROADMAP.md' },
  { fixture: 'ongoing-tracks', status: 'next', feature: 'frost-warning', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'codex-folder', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.codex/PROJECT_PLAN.md' },
  { fixture: 'gsd-must-haves', status: 'next', feature: 'phase-1', order: 'development', orderFile: '.gsd/ROADMAP.md' },
  { fixture: 'kind-labels', status: 'continue', feature: 'shared-shopping-lists-part-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'phase-chapters', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['1/4 done'] },
  { fixture: 'phase-chapters-zh', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'status-dash-detail', status: 'continue', feature: 'step-3-3', order: 'backlog', orderFile: 'current-sprint.md', reasonMentions: ['current-sprint.md:15'] },
  { fixture: 'id-bracket-state', status: 'continue', feature: 'SYNC-012', order: 'backlog', orderFile: 'BACKLOG.md', reasonMentions: ['BACKLOG.md:10'] },
  { fixture: 'endpoint-lists', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'IMPLEMENTATION_PLAN.md' },
  { fixture: 'status-key-zh', status: 'continue', feature: '第二阶段', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'unkept-roadmap', status: 'continue', feature: 'file-manager', order: 'backlog', orderFile: 'TODO.md', reasonMentions: ['TODO.md:11'] },
  { fixture: 'future-placeholder', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'current-release', status: 'continue', feature: 'v1-2', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['ROADMAP.md:16'] },
  { fixture: 'toc-future', status: 'next', feature: 'phase-1', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'mark-then-words', status: 'next', feature: 'week-3-4', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'superseded-section', status: 'next', feature: 'phase-a', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'claude-plans-folder', status: 'next', feature: 'check-the-league-site-s-terms-allow-scraping', order: 'backlog', orderFile: '.claude/plans/backlog.md' },
  { fixture: 'priority-sections-fr', status: 'next', feature: 'tests-du-serveur', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'numbered-chapters', status: 'next', feature: 'milestone-1', order: 'development', orderFile: 'Roadmap.md' },
  { fixture: 'optional-open-task', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'PROJECT_PLAN.md' },
  { fixture: 'vision-spec', status: 'continue', feature: '002-photo-pins', order: 'specs' },
  { fixture: 'legend-table', status: 'next', feature: 'charts', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'parked-section', status: 'done', order: 'development', orderFile: 'IMPLEMENTATION_PLAN.md' },
  { fixture: 'how-to-read-label', status: 'continue', feature: 'milestone-2', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'marked-headings-in-state-sections', status: 'continue', feature: 'albums', order: 'status', orderFile: 'docs/status.md' },
  { fixture: 'recently-completed', status: 'continue', feature: 'installer', order: 'development', orderFile: 'docs/ROADMAP.md' },
  { fixture: 'gsd-milestone-log', status: 'continue', feature: 'phase-6', order: 'development', orderFile: '.planning/ROADMAP.md', reasonMentions: ['.planning/STATE.md:5: "EXECUTING"'] },
  { fixture: 'bold-feature-lines', status: 'continue', feature: 'borrow-requests', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'current-section-table', status: 'next', feature: 'print-the-morning-order-sheet', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'gsd-stale-position', status: 'next', feature: 'phase-3', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'milestone-over-phase-headings', status: 'continue', feature: 'phase-4', order: 'development', orderFile: '.planning/ROADMAP.md' },
  { fixture: 'share-status', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['ROADMAP.md:12: "~40 %"'] },
  { fixture: 'legend-paragraph', status: 'next', feature: 'let-readers-scale-a-recipe-to-any-number-of-servings', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'boxed-heading-notes-word', status: 'next', feature: 'write-the-storage-overview', order: 'backlog', orderFile: 'docs/TODO.md' },
  { fixture: 'kanban-board', status: 'continue', feature: 'colour-output-for-diffs', order: 'backlog', orderFile: 'KANBAN.md' },
  { fixture: 'status-block-phases-fr', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'docs/roadmap.md' },
  { fixture: 'files-created-pt', status: 'continue', feature: 'fase-2', order: 'backlog', orderFile: 'tasks.md' },
  { fixture: 'slashed-state-word', status: 'next', feature: 'export-the-shelf-as-csv', order: 'development', orderFile: 'PLAN.md' },
  { fixture: 'priority-tags', status: 'next', feature: 'search-a-query-with-a-lone-quote-mark-returns-every-record', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'roadmap-index-page', status: 'continue', feature: 'share-a-reading-list-by-link', order: 'development', orderFile: 'roadmap/index.md' },
  { fixture: 'notes-among-boxes', status: 'next', feature: 'attachments-on-entries', order: 'backlog', orderFile: 'todo.md' },
  {
    fixture: 'stateless-plan-finished-specs', status: 'unclear', candidates: ['stage-1', '001-pantry-list', '002-shopping-run'], order: 'development', orderFile: 'docs/ROADMAP.md',
    reasonMentions: ['records no state for any of its 3 entries', 'stage-1 may be built already'],
  },
  { fixture: 'focus-says-begin', status: 'next', feature: 'TASK-003', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'started-then-ticked', status: 'next', feature: 'phase-3', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'units-in-state-headings', status: 'continue', feature: 'meal-planner', order: 'status', orderFile: 'progress.md' },
  { fixture: 'entry-field-bullets', status: 'next', feature: 'FEAT-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'unit-plus', status: 'next', feature: 'sprint-c-plus', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'status-by-part', status: 'continue', feature: 'F-2', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['ROADMAP.md:9'] },
  { fixture: 'release-phase-pointer', status: 'next', feature: '2-0-phase-2', order: 'status', orderFile: 'PROGRESS.md' },
  { fixture: 'state-links-specs', status: 'continue', feature: '002-orders', order: 'specs' },
  { fixture: 'labelled-state-lists', status: 'next', feature: 'stage-6', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'labelled-status-lines', status: 'continue', feature: 'stage-2', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['STATUS.md:7'] },
  { fixture: 'doc-folder-named-phase', status: 'next', feature: 'marsh-outing', order: 'backlog', orderFile: 'doc/todo.md' },
  { fixture: 'tasks-folder-index', status: 'next', feature: 'phase-1', order: 'development', orderFile: 'docs/tasks/README.md' },
  { fixture: 'milestone-colon-epics', status: 'continue', feature: 'F-03', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'cjk-glued-states', status: 'continue', feature: '预算提醒', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'topic-column-zh', status: 'next', feature: '银行账单导入', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'practices-section', status: 'continue', feature: 'recurring-bills', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'current-tag-left-behind', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'PROJECT_PLAN.md' },
  { fixture: 'area-ids', status: 'next', feature: 'KT2-WEB-4', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'numbered-status-table', status: 'continue', feature: 'M3', order: 'status', orderFile: 'docs/ops/PROJECT_STATUS.md' },
  { fixture: 'capitals-progress-in-topic-folder', status: 'continue', feature: 'phase-2', order: 'status', orderFile: 'docs/tickets/PROGRESS.md' },
  { fixture: 'struck-row-not-started', status: 'next', feature: 'M4', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'pasted-in-open-fence', status: 'continue', feature: 'tide-chart-for-one-station', order: 'status', orderFile: 'STATUS.md' },
  { fixture: 'claude-active-work', status: 'continue', feature: 'tram-stop-timetables', order: 'development', orderFile: 'NOW.md' },
  { fixture: 'wont-do-zh', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'term-plans-ja', status: 'continue', feature: 'v1-0', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'counted-status-one-mark', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'dependency-notes', status: 'next', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'spec-roadmap-ledger', status: 'continue', feature: '002', order: 'development', orderFile: '.specify/memory/roadmap.md' },
  { fixture: 'status-names-next', status: 'next', feature: 'pick-the-next-small-slice', order: 'backlog', orderFile: 'BACKLOG.md', reasonMentions: ['PROJECT_STATE.md:17'] },
  { fixture: 'done-boxes-never-ticked', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'status-values-list', status: 'continue', feature: 'phase-1', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'release-straggler', status: 'continue', feature: 'v0-3', order: 'development', orderFile: 'ROADMAP.md', reasonMentions: ['the work has moved past v0-2'] },
  { fixture: 'feuille-de-route', status: 'continue', feature: 'version-0-2', order: 'development', orderFile: 'FEUILLE_DE_ROUTE.md' },
  { fixture: 'next-stage-ja', status: 'next', feature: '予算を超えそうなときに通知する', order: 'development', orderFile: 'docs/implementation/app-roadmap.md' },
  { fixture: 'next-steps-see', status: 'done', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'next-step-section', status: 'next', feature: 'suggest-a-recipe-from-what-is-in-the-pantry', order: 'status', orderFile: 'STATUS.md' },
  { fixture: 'dot-separated-ids', status: 'next', feature: 'BUG-3', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'readme-phases-apart', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'docs/PLAN.md' },
  { fixture: 'namespaced-ids', status: 'continue', feature: 'APP-UI-002', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'phase-table-over-sections', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'kept-box-under-done', status: 'next', feature: 'pantry-stock-that-the-shopping-list-subtracts', order: 'status', orderFile: 'memory-bank/progress.md' },
  { fixture: 'handoff-open-work', status: 'next', feature: 'check-that-the-morning-run-still-fires', order: 'status', orderFile: 'HANDOFF.md' },
  { fixture: 'dotted-task-table', status: 'continue', feature: '1-2', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'table-rows-under-way', status: 'continue', feature: '2-2-weekly-chart', order: 'status', orderFile: 'TASK-STATUS.md' },
  { fixture: 'todo-dispute-behind-work', status: 'continue', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'design-plan-beside-tracker', status: 'continue', feature: 'phase-4', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'bold-items-and-quick-wins', status: 'next', feature: 'wiring-guide', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'phase-summary-notes', status: 'next', feature: 'P2-01', order: 'status', orderFile: 'TASK-STATUS.md' },
  { fixture: 'planned-by-number-ticked', status: 'next', feature: '001-cache-server', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'change-table-roadmap', status: 'next', feature: 'phase-4', order: 'development', orderFile: 'openspec/ROADMAP.md' },
  { fixture: 'dash-deferred-boxes', status: 'next', feature: 'v0-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'shortcode-marks', status: 'continue', feature: 'phase-2', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'backlog-scope-column', status: 'continue', feature: '002-frost-alerts', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'blocker-field', status: 'next', feature: 'BAK-3', order: 'backlog', orderFile: 'BACKLOG.md' },
  { fixture: 'list-boxed-headings', status: 'continue', feature: 'v1-0-dashboard', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'releases-newest-first', status: 'next', feature: 'release-v1-8-2', order: 'backlog', orderFile: 'TODO.md' },
  { fixture: 'task-board-milestones', status: 'continue', feature: 'M0', order: 'development', orderFile: 'docs/planning/ROADMAP.md' },
  { fixture: 'milestone-rollup', status: 'next', feature: 'Q-003', order: 'backlog', orderFile: 'TASKS.md' },
  { fixture: 'one-plan-document', status: 'continue', feature: 'offline-drafts', order: 'development', orderFile: 'PLAN.md' },
  { fixture: 'legacy-plan', status: 'next', feature: 'phase-3', order: 'development', orderFile: 'ROADMAP.md' },
  { fixture: 'now-next-buckets', status: 'continue', feature: 'reading-streaks-and-reminders', order: 'development', orderFile: 'ROADMAP.md' },
];

describe('next reads plans the way their maintainers write them', () => {
  it.each(cases)('$fixture → $status $feature', async (c) => {
    const result = await next(c.fixture);
    expect(result.status).toBe(c.status);
    expect(result.feature?.id).toBe(c.feature);
    expect(result.order.source).toBe(c.order);
    if (c.orderFile) expect(result.order.file).toBe(c.orderFile);
    expect(result.candidates.map((f) => f.id)).toEqual(c.candidates ?? []);
    for (const text of c.reasonMentions ?? []) expect(result.reason).toContain(text);
  });

  it('titles a unit of a release by its name as well: `2.0 Phase 2 — Invitations`', async () => {
    expect((await next('release-phase-pointer')).feature?.title).toBe('2.0 Phase 2: Invitations');
  });

  it('reads only the work: a status block names the sections\' phases, technical notes and metrics are notes, a record of files made is none', async () => {
    const ids = async (fixture: string) => (await next(fixture)).features.map((f) => f.id).sort();
    expect(await ids('status-block-phases-fr')).toEqual(['phase-1', 'phase-2', 'phase-3']);
    expect((await next('status-block-phases-fr')).features.find((f) => f.id === 'phase-2')?.state.state).toBe('done');
    expect(await ids('files-created-pt')).toEqual(['fase-1', 'fase-2', 'fase-3']);
    // `M3: Done/Undo buttons …` names the milestone's work; the slash joins `Done` to a name, it is no state.
    expect(await ids('slashed-state-word')).not.toContain('m3');
    // A legend under a bold line of its own, `**How to read this**`, its boxes written in code: no work either.
    expect(await ids('how-to-read-label')).toEqual(['milestone-1', 'milestone-2', 'milestone-3']);
    // Both legends, the labelled line and the one running on to a second line, explain marks.
    expect(await ids('legend-paragraph')).toEqual([
      'import-recipes-from-a-url', 'let-readers-scale-a-recipe-to-any-number-of-servings', 'print-view-without-the-comments', 'serve-images-in-webp-with-a-jpeg-fallback',
    ]);
  });

  it('reads a log of state changes (`**Transition**: ready → in_progress` under dated entries) as no work', async () => {
    const result = await next('transition-log');
    expect(result.features.map((f) => f.id)).toEqual([]);
    expect(result.status).toBe('empty');
  });

  it('reads a section titled `Recently Completed` as done work', async () => {
    const states = Object.fromEntries((await next('recently-completed')).features.map((f) => [f.id, f.state.state]));
    expect(states).toEqual({ installer: 'in-progress', 'sync-engine': 'done', search: 'done', themes: 'todo' });
  });

  it('keeps a dependency wished for (`ideally`) out of the way, and reads each number after a plural unit word', async () => {
    const result = await next('current-position-next');
    const deps = Object.fromEntries(result.features.map((f) => [f.id, f.feature.dependencies.map((d) => d.id ?? d.reference)]));
    expect(deps).toEqual({ 'phase-3-5': [], 'phase-4': [], 'phase-5': ['phase-3-5', 'phase-4'] });
  });

  it('reads a Portuguese sprint marked ABERTA (open) as recorded to do, and the one EM ANDAMENTO as under way', async () => {
    const result = await next('sprint-status-pt');
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'sprint-2' } });
    expect(result.features.find((f) => f.id === 'sprint-3')?.state).toMatchObject({ state: 'todo', certainty: 'recorded', source: { line: 10 } });
  });

  it('reads releases named by the product and a version as units, and a deferred list and a do-not-add list as no work', async () => {
    const result = await next('named-releases');
    expect(result.features.map((f) => f.id)).toEqual(['milestone-0', 'orchard-0-1', 'orchard-0-2', 'more-crops', 'better-mobile']);
    expect(result).toMatchObject({ status: 'next', feature: { id: 'orchard-0-1' } });
  });

  it("reads a backlog's working rules and its snapshot of the codebase as no work", async () => {
    const result = await next('rules-and-snapshot');
    expect(result.features.map((f) => f.id)).toEqual(['milestone-1', 'milestone-2', 'milestone-3']);
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'milestone-2' } });
  });

  it('names a `## Now — Reading streaks` unit by the words after its bucket, and reads how the team prioritizes as no work', async () => {
    const result = await next('now-next-buckets');
    expect(result.features.map((f) => [f.id, f.title])).toEqual([
      ['sign-in', 'Sign-in'],
      ['shelves', 'Shelves'],
      ['reading-streaks-and-reminders', 'Reading streaks and reminders'],
      ['public-shelves', 'Public shelves'],
      ['follow-a-reader', 'Follow a reader'],
      ['book-clubs', 'Book clubs'],
    ]);
  });

  it('reads the rows of a task board that name a milestone of the roadmap as that milestone\'s tasks', async () => {
    const result = await next('task-board-milestones');
    expect(result.features.map((f) => [f.id, f.state.state])).toEqual([
      ['M0', 'in-progress'],
      ['M1', 'todo'],
      ['M2', 'todo'],
    ]);
    expect(result.reason).toContain('1/2 rows done');
  });

  it('reads the values a status takes (`` `in-progress` — somebody is on it ``, a `## Statuses` section) as no work', async () => {
    expect((await next('status-values-list')).features.map((f) => f.id)).toEqual(['phase-1', 'phase-2']);
  });

  it('reads a Japanese roadmap\'s agreed design as no work, its finished section as done and its next stage as next, not under way', async () => {
    const result = await next('next-stage-ja');
    expect(result.features.map((f) => [f.title, f.state.state])).toEqual([
      ['レシートの読み取り', 'done'],
      ['月次集計', 'done'],
      ['予算を超えそうなときに通知する。', 'todo'],
      ['家族で家計簿を共有する。', 'todo'],
    ]);
  });

  it('titles `### ✅ BUG-1 · Crash when sharing` by the words after the middle dot, without the mark before the id', async () => {
    expect((await next('dot-separated-ids')).features.map((f) => f.title)).toEqual(['Crash when sharing an empty list', 'Dates shown in the wrong time zone', 'Search ignores accents']);
  });

  it('keeps ids numbered per area apart: `APP-UI-001` is neither `UI-001` nor `APP-001`', async () => {
    const result = await next('namespaced-ids');
    expect(result.features.map((f) => [f.id, f.title])).toEqual([
      ['APP-001', 'Create the storage schema'],
      ['APP-002', 'Write the import job'],
      ['APP-UI-001', 'Build the list screen'],
      ['UI-001', 'Pick the colour palette'],
      ['UI-002', 'Draw the app icon'],
      ['APP-UI-002', 'Build the detail screen'],
      ['APP-UI-003', 'Theme the screens'],
    ]);
    expect(result.features.find((f) => f.id === 'APP-UI-003')?.feature.dependencies.map((d) => d.id)).toEqual(['UI-001', 'APP-UI-002']);
  });

  it('titles a spec numbered in a roadmap ledger by its name, without its status tag, and leaves the vision out', async () => {
    const result = await next('spec-roadmap-ledger');
    expect(result.features.map((f) => [f.id, f.title])).toEqual([
      ['001', 'Trip log'],
      ['002', 'Offline maps'],
      ['003', 'Sharing'],
    ]);
  });

  it('titles a unit by the name written after its number, and a keyed row by its title column', async () => {
    expect((await next('status-headings')).feature?.title).toBe('Stage 2: Watering reminders');
    expect((await next('focus-says-next')).feature?.title).toBe('Phase 4: Meal plans');
    expect((await next('struck-rows')).feature?.title).toBe('Export as CSV');
    expect((await next('dotted-task-table')).feature?.title).toBe('Export the product catalogue');
  });

  it('reads `P2-1` as an id, not as the priority P2 before a dash', async () => {
    const result = await next('phase-item-ids');
    expect(result).toMatchObject({ status: 'next', feature: { id: 'P2-1' } });
    expect(result.features.map((f) => f.id)).toEqual(['P1-1', 'P1-2', 'P2-1', 'P2-2']);
    expect((await next('mark-then-words')).feature?.title).toBe('Week 3-4: Payments');
    expect((await next('phase-chapters')).feature?.title).toBe('Phase 2: Charts');
    expect((await next('superseded-section')).feature?.title).toBe('Phase A: Phone app polish');
  });

  it('says which file wins where two disagree, and why', async () => {
    const imported = await next('imported-tasks');
    const phase3 = imported.features.find((f) => f.id === 'phase-3')!;
    expect(phase3.state.conflicts.map((c) => c.message)).toEqual([expect.stringContaining('.claude/TASKS.md wins, as CLAUDE.md imports it')]);
    const named = await next('named-source');
    const milestone3 = named.features.find((f) => f.id === 'milestone-3')!;
    expect(milestone3.state.conflicts.map((c) => c.message)).toEqual([expect.stringContaining('ROADMAP.md wins, as TODO.md:3 names it the source of truth')]);
  });

  it('reads a summary row marked finished over a section with a few boxes left as finished with leftovers, not a conflict', async () => {
    const result = await next('summary-with-leftovers');
    expect(result).toMatchObject({ status: 'next', feature: { id: 'billing' } });
    const signIn = result.features.find((f) => f.id === 'sign-in')!;
    expect(signIn.state).toMatchObject({ state: 'done', conflicts: [] });
  });

  it('reads a milestone with a state over its phases, rows written one cell short, and plan boxes never ticked', async () => {
    const result = await next('milestone-phases');
    const states = Object.fromEntries(result.features.map((f) => [f.id, f.state.state]));
    // `### 📋 v1.1 Crew (Planned)` groups Phases 3 and 4: it is no unit, and each phase keeps its own box.
    expect(states).toEqual({ 'phase-1': 'done', 'phase-2': 'done', 'phase-3': 'in-progress', 'phase-4': 'done', 'phase-5': 'cancelled', 'phase-6': 'done', 'v1-0-logbook': 'done' });
    // Phase 4's plan box was never ticked, but its summary box and its progress row call it finished: nothing
    // disputed. Phase 5's ticked box says SKIPPED, so it is set aside, and Phase 6, done, does not wait for it.
    for (const feature of result.features) expect(feature.state.certainty).toBe('recorded');
    const conflicts = result.features.flatMap((f) => f.state.conflicts.map((c) => `${f.id} ${c.source.file}:${c.source.line} ${c.message}`));
    expect(conflicts).toEqual([
      // Boxes nobody ticks under finished phases are one habit of the file: one report, at the first.
      'phase-4 .planning/ROADMAP.md:47 .planning/ROADMAP.md marks it done but its checkbox at .planning/ROADMAP.md:47 is not ticked (nor are those under 1 more finished unit of the file)',
      // The focus line still naming Phase 4 as next has not moved on.
      'phase-4 .planning/STATE.md:5 .planning/ROADMAP.md marks it done but .planning/STATE.md says todo',
    ]);
  });

  it('reads a milestone under way over phases not begun as the milestone\'s state, and deferred phases as set aside', async () => {
    const result = await next('milestone-under-way');
    // Phases 3 and 4 come first, but a ⏸️ block and their `Deferred` rows set them aside: both say so, no dispute.
    expect(result).toMatchObject({ status: 'next', feature: { id: 'phase-6' } });
    expect(result.skipped.filter((s) => s.code === 'deferred').map((s) => s.id)).toEqual(['phase-3', 'phase-4']);
    const states = Object.fromEntries(result.features.map((f) => [f.id, f.state.state]));
    expect(states).toMatchObject({ 'phase-5': 'done', 'phase-6': 'todo', 'phase-7': 'todo', 'phase-8': 'todo' });
    // `📋 **v3.0** — Phases 9+ (planned)` keeps a place for phases not yet written: no unit.
    expect(Object.keys(states).filter((id) => id.startsWith('v'))).toEqual([]);
    // Phase 5's summary box and its progress row call it finished while two of its three plan boxes are open: the
    // boxes were not kept up, which is reported, but the two records say where the work stands.
    const zones = result.features.find((f) => f.id === 'phase-5')!;
    expect(zones.state.certainty).toBe('recorded');
    const conflicts = result.features.flatMap((f) => f.state.conflicts.map((c) => `${f.id} ${c.source.file}:${c.source.line}`));
    expect(conflicts).toEqual(['phase-5 .planning/ROADMAP.md:47']);
  });

  it('reads the items of a numbered phase (P12-1, P12-2) as items of their own, after sections that hold no work', async () => {
    const result = await next('item-numbers');
    // The self-check's questions, the vision's principles and the architecture context's files are not work.
    expect(result).toMatchObject({ status: 'next', feature: { id: 'P12-3' } });
    expect(result.features.map((f) => f.id)).toEqual(['P12-1', 'P12-2', 'P12-3', 'P13-1', 'P13-2']);
    expect(result.features.flatMap((f) => f.state.conflicts)).toEqual([]);
  });

  it('reads a current focus whose position Status names it as next as not started, in agreement with the plan', async () => {
    const result = await next('focus-status-next');
    expect(result.features.find((f) => f.id === 'phase-3')!.state).toMatchObject({ state: 'todo', conflicts: [] });
  });

  it('reads "Phase 03 not started" in the position Status as not started, and "Phase 2" as Phase 02', async () => {
    const project = await loadProject(path.join(fixtures, 'focus-not-started'), { kinds: PLANNING_KINDS });
    const result = nextFeature(project);
    expect(result.features.find((f) => f.id === 'phase-03')!.state).toMatchObject({ state: 'todo', conflicts: [] });
    expect(project.features.find((f) => f.id === 'phase-03')!.dependencies.map((d) => d.id)).toEqual(['phase-01', 'phase-02']);
    expect(project.features.find((f) => f.id === 'phase-04')!.dependencies.map((d) => d.id)).toEqual(['phase-03']);
  });

  it('reads a bold number under a Fase header as that phase, titled by its Nombre column, and "⏳ Futuro" by its word', async () => {
    const result = await next('bold-phase-rows');
    expect(result.features.map((f) => [f.id, f.title, f.state.state])).toEqual([
      ['fase-0', 'Fase 0: Base', 'done'],
      ['fase-1', 'Fase 1: Catálogo', 'done'],
      ['fase-2', 'Fase 2: Pedidos', 'in-progress'],
      ['fase-3', 'Fase 3: Reparto', 'todo'],
      ['fase-4', 'Fase 4: Fidelidad', 'todo'],
    ]);
  });

  it('reads "Optional:" and "Future:" before a capability as labels, and leaves F-ids of a registry it does not read alone', async () => {
    const project = await loadProject(path.join(fixtures, 'capability-checklist'), { kinds: PLANNING_KINDS });
    expect(project.product!.features.slice(4).map((f) => [f.id, f.title])).toEqual([
      ['share-a-pantry-with-housemates', 'Share a pantry with housemates'],
      ['nutrition-totals-per-week', 'Nutrition totals per week'],
      ['price-comparison-between-shops', 'Price comparison between shops'],
    ]);
    expect(project.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.ruleId)).toEqual([]);
  });

  it('reads a spec Status moved on by an arrow (Draft → Implemented) by its last value', async () => {
    const result = await next('status-moved-on');
    expect(result).toMatchObject({ status: 'next', feature: { id: '003-seat-map' } });
    const boarding = result.features.find((f) => f.id === '001-boarding-pass')!;
    expect(boarding.state).toMatchObject({ state: 'done', conflicts: [] });
    // `Status: Archived (2026-11-20)` puts the spec away with its open box: finished, not under way, not disputed.
    const lounge = result.features.find((f) => f.id === '004-lounge-pass')!;
    expect(lounge.state).toMatchObject({ state: 'done', basis: 'archive', conflicts: [] });
  });

  it('owes no tasks to a user story its title leaves out of the spec', async () => {
    const result = await next('stories-without-tasks');
    // 003's second story says "[later cycle, not in this spec]": with US1's tasks all ticked, the spec is done.
    // Only a bracketed note leaves a story out: 001's "Scale a recipe for follow-up meals" is still owed tasks.
    expect(result.features.find((f) => f.id === '003-pantry')?.state.state).toBe('done');
  });

  it('keeps work only a backlog names apart from the plan, and reads no retired list', async () => {
    const finished = await next('plan-done-backlog');
    expect(finished.unplanned.filter((f) => f.state.state !== 'done').map((f) => f.id)).toEqual(['team-accounts', 'review-round-1-exporter', 'public-api']);
    expect(finished.features.map((f) => f.id)).toEqual(['A1', 'A2', 'b1-dependency-update']);
    const retired = await next('retired-lists');
    expect(retired.features.map((f) => f.id)).not.toContain('dark-theme');
    // A `**SUPERSEDED**:` banner retires its own file; `Deprecated options are listed …` in the plan retires nothing.
    const superseded = await next('superseded-banner');
    expect(superseded).toMatchObject({ status: 'next', feature: { id: 'phase-3' } });
    expect(superseded.features.map((f) => f.id)).toEqual(['phase-1', 'phase-2', 'phase-3']);
  });

  it('reads a phase whose details list plans, waves and paths as one phase', async () => {
    // `Wave 2: 01-03 (depends on 01-01)` groups plans for running; `- \`notes/storage.md\`` is a path. Neither is a unit.
    const waves = await next('wave-notes');
    expect(waves).toMatchObject({ status: 'next', feature: { id: 'phase-2' } });
    expect(waves.features.map((f) => f.id)).toEqual(['phase-1', 'phase-2']);
  });

  it('reads a unit heading as one unit, whatever its detail bullets say', async () => {
    const guide = await next('lowercase-dev-guide');
    expect(guide.features.map((f) => [f.id, f.state.state])).toEqual([
      ['TODO-1', 'done'],
      ['TODO-2', 'done'],
      ['TODO-3', 'done'],
      ['TODO-4', 'todo'],
      ['TODO-5', 'todo'],
    ]);
    const sprints = await next('sprint-chain');
    // The arrow chain orders the sprints; the rows under a sprint are its details, the one without a sprint is its own.
    expect(sprints.features.map((f) => f.id)).toEqual(['sprint-70', 'sprint-71', 'sprint-73', 'sprint-72', 'perf-09']);
  });

  it('reads a dependency on a phase as written: its name without the state it must reach or a note, a scope as its units, none as none', async () => {
    const result = await next('phase-dependencies');
    const deps = Object.fromEntries(result.features.map((f) => [f.id, f.dependencies.map((d) => d.id ?? `?${d.reference}`)]));
    expect(deps).toEqual({
      'phase-1': [],
      'phase-2': ['phase-1'],
      'phase-3': ['phase-1', 'phase-2'],
      '5-1-hosting': ['phase-3', 'phase-2'],
      '5-2-monitoring': [],
      'stage-6': ['5-1-hosting', '5-2-monitoring'],
    });
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'phase-2' } });
  });

  it('reads no work in a reference or an ideas section, whatever its marks or capitals', async () => {
    const result = await next('labels-are-not-states');
    expect(result.features.map((f) => [f.id, f.state.state])).toEqual([
      ['parse-large-files-in-chunks', 'done'],
      ['stream-the-export-instead-of-building-it-in-memory', 'todo'],
      ['drop-the-unused-image-cache', 'todo'],
    ]);
  });

  it('reads a heading that opens with a box as one item, ticked with x or a drawn tick, and the headings beside it as its parts', async () => {
    const result = await next('boxed-headings');
    expect(result.features.map((f) => [f.id, f.state.state])).toEqual([
      ['night-theme', 'done'],
      ['bigger-fonts', 'done'],
      ['page-turn-sound', 'todo'],
    ]);
  });

  it('reads a current-phase section that lists the whole plan as pointing only at the phase it marks under way', async () => {
    const result = await next('current-phase-lists-plan');
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'phase-3' } });
    expect(result.features.filter((f) => f.state.state === 'in-progress').map((f) => f.id)).toEqual(['phase-3']);
  });

  it('reads bold labels that every entry repeats over its own list (Goal:, Current state:) as fields, not entries', async () => {
    const result = await next('entry-fields');
    expect(result.features.map((f) => f.id)).toEqual(['test-coverage', 'faster-builds']);
  });

  it('reads no spec in the template or the index of .agent/specs', async () => {
    const result = await next('agent-spec-template');
    expect(result.features.map((f) => f.id)).toEqual(['reading-list']);
  });

  it('reads no work in a goal, a baseline of what ships, a historical order or areas not yet committed', async () => {
    const result = await next('goal-and-baseline');
    expect(result.features.map((f) => f.id)).toEqual(['pick-the-sync-protocol', 'sync-two-laptops-on-one-network', 'resolve-edits-made-on-both-sides']);
  });

  it('reads nothing of a document whose title sets it aside as out of scope', async () => {
    const result = await next('out-of-scope-file');
    expect(result).toMatchObject({ status: 'next', feature: { id: 'print-a-shelf-label-for-each-parcel' } });
    expect(result.features.map((f) => f.id)).toEqual([
      'scan-a-parcel-s-barcode',
      'record-who-signed-for-it',
      'print-a-shelf-label-for-each-parcel',
      'remind-the-addressee-after-three-days',
    ]);
  });

  it('does not count struck, cancelled, legend, criteria or fenced lines as tasks', async () => {
    const result = await next('tasks-not-tasks');
    const tags = result.features.find((f) => f.id === '001-tags')!;
    expect(tags.state.state).toBe('done');
    expect(tags.spec?.tasks?.tasks.filter((t) => !t.cancelled).map((t) => t.id)).toEqual(['T001', 'T002', 'T005-A', 'T005-B']);
  });
});

/** One STATUS.md per language: headings, status fields and state columns in the words people write. */
const languages: Array<[string, NextStatus, string, Record<string, string>]> = [
  ['de', 'continue', 'APP-2', { 'APP-1': 'done', 'APP-2': 'in-progress', 'APP-3': 'todo' }],
  ['fr', 'next', 'APP-2', { 'APP-1': 'done', 'APP-2': 'todo', 'APP-3': 'todo', 'APP-4': 'cancelled' }],
  ['es', 'continue', 'APP-2', { 'APP-1': 'done', 'APP-2': 'in-progress', 'APP-3': 'todo' }],
  ['pt', 'next', 'APP-2', { 'APP-1': 'done', 'APP-2': 'todo', 'APP-3': 'todo', 'APP-4': 'done', 'APP-5': 'cancelled' }],
  ['ru', 'continue', 'APP-2', { 'APP-1': 'done', 'APP-2': 'in-progress', 'APP-3': 'todo' }],
  ['tr', 'next', 'APP-2', { 'APP-1': 'done', 'APP-2': 'todo', 'APP-3': 'cancelled' }],
  ['zh-Hans', 'continue', 'APP-2', { 'APP-1': 'done', 'APP-2': 'in-progress', 'APP-3': 'todo' }],
  ['zh-Hant', 'next', 'APP-2', { 'APP-1': 'done', 'APP-2': 'todo', 'APP-3': 'todo' }],
  ['ja', 'next', 'APP-3', { 'APP-1': 'done', 'APP-2': 'blocked', 'APP-3': 'todo' }],
  ['ko', 'continue', 'APP-3', { 'APP-1': 'done', 'APP-2': 'done', 'APP-3': 'in-progress', 'APP-4': 'todo' }],
];

describe('state words in the languages status files are written in', () => {
  it.each(languages)('%s → %s %s', async (language, status, feature, states) => {
    const result = await next(`languages/${language}`);
    expect(result.status).toBe(status);
    expect(result.feature?.id).toBe(feature);
    expect(Object.fromEntries(result.features.map((f) => [f.id, f.state.state]))).toEqual(states);
  });
});
