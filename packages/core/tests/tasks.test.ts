import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../src/model/types.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { isPathLike, pathsInText } from '../src/parse/named-paths.js';
import { parseTasks } from '../src/parse/tasks.js';

const dir = new URL('../../../fixtures/documents/specs/', import.meta.url);

async function parse(name: string) {
  const text = readFileSync(new URL(name, dir), 'utf8');
  const { document } = await parseMarkdown(`specs/${name}`, text);
  return parseTasks(document);
}

const brief = (t: Task) => [t.id, t.done, t.position.line];

describe('parseTasks: Spec Kit checkbox lines', () => {
  it('reads ids, done, [P], [US1], phases and lines; skips code blocks and the Format legend', async () => {
    const { value, diagnostics } = await parse('speckit-tasks.md');
    expect(diagnostics).toEqual([]);
    expect(value.file).toBe('specs/speckit-tasks.md');
    expect(value.tasks.map(brief)).toEqual([
      ['T001', true, 17],
      ['T002', true, 18],
      ['T003', true, 26],
      ['T004', false, 27],
      ['T005', false, 33],
      ['T006', true, 34],
      ['T007', false, 38],
      ['T007a', false, 40],
      ['T008', false, 41],
      ['T009', false, 45],
    ]);
    const byId = new Map(value.tasks.map((t) => [t.id, t]));
    expect(byId.get('T002')).toEqual({
      id: 'T002',
      text: 'Configure linting in pyproject.toml and .editorconfig',
      done: true,
      parallel: true,
      paths: ['pyproject.toml', '.editorconfig'],
      phase: 'Phase 1: Setup (Shared Infrastructure)',
      position: { file: 'specs/speckit-tasks.md', line: 18, column: 1, endLine: 18, endColumn: 71 },
    });
    expect(byId.get('T005')).toMatchObject({
      parallel: true,
      story: 'US1',
      text: 'Contract test for POST /tags in tests/contract/test_tags.py',
      paths: ['tests/contract/test_tags.py'],
      phase: 'Phase 3: User Story 1 - Tag a note (Priority: P1) 🎯 MVP',
    });
    expect(byId.get('T001')?.parallel).toBe(false);
    expect(byId.get('T001')?.story).toBeUndefined();
  });

  it('names paths but not URLs, "e.g.", versions, "and/or" or product names', async () => {
    const { value } = await parse('speckit-tasks.md');
    const byId = new Map(value.tasks.map((t) => [t.id, t]));
    expect(byId.get('T003')?.paths).toEqual(['src/db/migrations/']);
    expect(byId.get('T004')?.paths).toEqual(['src/api/middleware.py']);
    // Paths of non-task sub-bullets belong to the task above them.
    expect(byId.get('T007')?.paths).toEqual(['src/models/tag.py', 'src/models/__init__.py']);
    expect(byId.get('T006')?.paths).toEqual(['tests/integration/test_tagging.py']);
  });

  it('takes the story from the phase heading when a task has no [US] marker', async () => {
    const { value } = await parse('speckit-tasks.md');
    expect(value.tasks.find((t) => t.id === 'T009')).toMatchObject({ story: 'US2', phase: 'Phase 4: User Story 2 - Filter by tag (Priority: P2)' });
  });
});

describe('parseTasks: other forms', () => {
  it('reads bold ids in checkbox lines, bold-id paragraphs (one per line) and bold-id bullets with ✅', async () => {
    const { value, diagnostics } = await parse('tasks-bold-ids.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map(brief)).toEqual([
      ['T001', true, 5],
      ['T002', false, 6],
      ['T003', true, 7],
      ['T004', true, 11],
      ['T005', false, 13],
      ['T006', true, 14],
      ['T007', true, 16],
    ]);
    const [t1, t2, t3, t4, , t6, t7] = value.tasks;
    expect(t1).toMatchObject({ text: 'Add the exporter in src/export/csv.ts', parallel: true, paths: ['src/export/csv.ts'] });
    expect(t2?.text).toBe('Wire the route in src/routes/export.ts');
    expect(t3?.paths).toEqual(['src/export/stream.ts']);
    expect(t4).toMatchObject({ text: 'Document the CSV columns in docs/export.md', paths: ['docs/export.md'], phase: 'Phase 2: Docs' });
    expect(t6).toMatchObject({ text: 'Mention the feature in README.md', paths: ['README.md'], position: { line: 14, column: 1 } });
    expect(t7).toMatchObject({ story: 'US2', paths: ['web/src/ExportButton.tsx'] });
  });

  it('reads a box written after the id and its colon, in a numbered list', async () => {
    const { value } = await parse('tasks-box-after-id.md');
    expect(value.tasks.map(brief)).toEqual([
      ['T001', true, 5],
      ['T002', true, 6],
      ['T003', false, 7],
      ['T004', true, 11],
    ]);
    expect(value.tasks[2]).toMatchObject({ text: 'Beep when the time is up, in src/countdown/sound.ts.', paths: ['src/countdown/sound.ts'], phase: 'Phase 1: Core' });
  });

  it('reads a task line an editing command left a caret before (`^- [X] T001`) as the task it was, at its own line and column', async () => {
    const { value } = await parse('tasks-caret-prefix.md');
    expect(value.tasks.map(brief)).toEqual([
      ['T001', true, 5],
      ['T002', true, 6],
      ['T003', false, 7],
      ['T004', true, 11],
      ['T005', true, 12],
      ['T006', false, 13],
    ]);
    expect(value.tasks[1]).toMatchObject({ parallel: true, paths: ['src/shelf/store.ts'], phase: 'Phase 1: Setup', position: { line: 6, column: 2 } });
  });

  it('reads a box that sends the reader to a task written elsewhere as a pointer, not a second task with its id', async () => {
    const { value, diagnostics } = await parse('tasks-see-elsewhere.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map(brief)).toEqual([
      ['3.1', true, 5],
      ['3.2', true, 7],
      ['4.1', true, 11],
    ]);
  });

  it('reads a story summary that restates the tasks of a later phase in fewer words as the same tasks, not repeated ids', async () => {
    const { value, diagnostics } = await parse('tasks-story-summary.md');
    // T008 is two tasks (other words, other states): that repeat is still reported.
    expect(diagnostics.map((d) => d.message)).toEqual(['Task id T008 is used by more than one task (lines 19, 20); give each task its own id.']);
    expect(value.tasks.filter((t) => t.id === 'T006' || t.id === 'T007').map((t) => [t.id, t.position.line])).toEqual([
      ['T006', 14],
      ['T007', 15],
    ]);
  });

  it("reads the boxes of Spec Kit's parallel examples as examples of the list's tasks, not tasks again", async () => {
    const { value, diagnostics } = await parse('tasks-parallel-examples.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T001', true],
      ['T002', true],
      ['T003', true],
      ['T004', false],
    ]);
  });

  it('reads tables with an ID, a Task and a Status column, and ignores other tables', async () => {
    const { value } = await parse('tasks-table.md');
    expect(value.tasks.map((t) => [t.id, t.text, t.done, t.position.line])).toEqual([
      ['T001', 'Parse the upload', true, 7],
      ['T002', 'Validate rows', false, 8],
      ['T003', 'Report errors', true, 9],
      ['T004', 'Retry failed rows', false, 10],
      ['T005', 'Undo an import', false, 11],
    ]);
    expect(value.tasks[0]?.paths).toEqual(['src/import/parse.ts']);
    expect(value.tasks[1]).toMatchObject({ parallel: true, paths: ['src/import/validate.ts'], phase: 'Phase 1: Import' });
  });

  it('reads task headings with a Status line, ✅ in the heading, or a section checklist', async () => {
    const { value, diagnostics } = await parse('tasks-headings.md');
    expect(value.tasks.map((t) => [t.id, t.text, t.done, t.position.line])).toEqual([
      ['T001', 'Create the invoice model', true, 5],
      ['T002', 'Add tax rules', true, 10],
      ['T003', 'Persist invoices', false, 16],
      // No Status line: done because every step of its checklist is checked.
      ['T004', 'Expose invoices over HTTP', true, 26],
      ['5', 'Email receipts', false, 32],
    ]);
    expect(value.tasks[0]?.paths).toEqual(['src/billing/invoice.py']);
    expect(value.tasks[1]?.paths).toEqual(['src/billing/tax.py']);
    expect(value.tasks[3]).toMatchObject({ parallel: true, phase: 'Phase 2: API' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'govern/parse-tasks', severity: 'info', line: 34, column: 13 }),
    ]);
  });

  it('reads a summary table that counts the tasks per phase as a tally, not as more tasks', async () => {
    const { value } = await parse('tasks-summary-table.md');
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T001', true],
      ['T002', true],
      ['T003', true],
      ['T004', true],
      ['T005', false],
    ]);
  });

  it('keeps heading tasks whose Status sets them aside or cancels them out of the open work', async () => {
    const { value } = await parse('tasks-headings-set-aside.md');
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['1', true],
      ['2', true],
    ]);
    expect(value.optional).toEqual({ done: 0, total: 2 });
  });

  it('reads a lettered part of a numbered task (`1.2.a`) as an id of its own, not a repeat of 1.2', async () => {
    const { value, diagnostics } = await parse('tasks-lettered-parts.md');
    expect(diagnostics).toEqual([]);
    // 1.2 sums up its lettered parts, as it would sum up 1.2.1 and 1.2.2.
    expect(value.summaries).toBe(1);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['1.1', true],
      ['1.2.a', true],
      ['1.2.b', false],
      ['1.3', false],
    ]);
  });

  it('reads numbered outline ids, literal [~] boxes, tasks without ids, drops cancelled [-] boxes, and reports duplicate ids', async () => {
    const { value, diagnostics } = await parse('tasks-numbered.md');
    // 1.2 holds the required sub-task 1.2.1: it is their summary, not work of its own.
    expect(value.summaries).toBe(1);
    expect(value.tasks.map((t) => [t.id, t.done, t.position.line, t.position.column])).toEqual([
      ['1.1', true, 3, 1],
      ['1.2.1', true, 5, 3],
      ['2.1', false, 9, 1],
      [undefined, false, 11, 1],
      ['T010', true, 12, 1],
      ['T010', false, 13, 1],
      [undefined, true, 15, 1],
    ]);
    expect(value.tasks[0]).toMatchObject({ text: 'Add MaturitySignal to config/choice_values.json', paths: ['config/choice_values.json'], phase: '1. Config files' });
    expect(value.tasks[2]?.text).toBe('Review the prompts in skills/classify.md');
    expect(value.tasks[3]?.text).toBe('Write docs without an id');
    expect(value.tasks[6]?.paths).toEqual(['lib/ordered.rb']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'govern/parse-tasks', severity: 'warning', line: 13, message: expect.stringContaining('T010') }),
    ]);
  });

  it('keeps lines on CRLF files and on mixed line endings', async () => {
    expect(readFileSync(new URL('tasks-crlf.md', dir), 'utf8')).toContain('\r\n');
    const crlf = await parse('tasks-crlf.md');
    expect(crlf.value.tasks.map(brief)).toEqual([
      ['T001', true, 5],
      ['T002', false, 6],
      ['T003', true, 11],
    ]);
    expect(crlf.value.tasks[1]).toMatchObject({ story: 'US1', parallel: true, text: 'Add retries in src/sync/retry.ts continued on a second line' });
    expect(crlf.value.tasks[2]).toMatchObject({ phase: 'Phase 2: 🚀 Launch', paths: ['docs/launch.md'] });
    const mixed = await parse('tasks-mixed-eol-crlf.md');
    expect(mixed.value.tasks.map(brief)).toEqual([
      ['T001', true, 3],
      ['T002', false, 4],
      ['T003', true, 6],
    ]);
  });

  it('sets a whole list aside when its opening paragraph says it is deferred', async () => {
    const { value } = await parse('tasks-deferred-lead.md');
    // The box ticked early and the open ones alike: none is the feature's work under way.
    expect(value.tasks).toEqual([]);
    expect(value.optional).toEqual({ done: 1, total: 3 });
  });

  it("sets a section aside when a note opening it, before its first task, says it is deferred", async () => {
    const { value } = await parse('tasks-deferred-section.md');
    // Phase 5's note speaks of other items, in passing: its task is open work.
    expect(value.tasks.map((task) => [task.id, task.done])).toEqual([
      ['T010', true],
      ['T011', true],
      ['T030', false],
    ]);
    expect(value.optional).toEqual({ done: 0, total: 2 });
  });

  it('reads the boxes under a legend or format section as the form of a task, not as tasks', async () => {
    const { value } = await parse('tasks-format-legend.md');
    // (Task 1 sums up 1.1, its only sub-task.)
    expect(value.tasks.map(brief)).toEqual([
      ['1.1', true, 11],
      ['2', false, 12],
    ]);
    // Without the rule under it, Markdown makes the legend and the tasks one list: the boxes with an id are the work.
    const text = readFileSync(new URL('tasks-format-legend.md', dir), 'utf8').replace('\n---\n', '\n');
    const { document } = await parseMarkdown('specs/legend-joined.md', text);
    expect(parseTasks(document).value.tasks.map(brief)).toEqual([
      ['1.1', true, 10],
      ['2', false, 11],
    ]);
  });

  it('reads a table row that is only a task id as a pointer to that task, not as a second state for it', async () => {
    const { value, diagnostics } = await parse('tasks-table-references.md');
    // The "Ready" and "Pending" of the second table are about what the tasks wait on.
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map((t) => [t.id, t.text, t.done, t.position.line])).toEqual([
      ['1.1', 'Load the winter timetable', true, 7],
      ['1.2', 'Load the summer timetable', true, 8],
      ['1.3', 'Mark cancelled sailings', false, 9],
    ]);
  });

  it('reads a table whose status cells all give verdicts (`✅ Granular`, `⚠️ Cohesive unit`, `✅ Match`) as a review of the tasks, not their state', async () => {
    const { value, diagnostics } = await parse('tasks-granularity-check.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map((t) => [t.id, t.done, t.position.line])).toEqual([
      ['T1', true, 5],
      ['T2', false, 14],
    ]);
  });

  it('prefers a checkbox line over a table row with the same id, and reports disagreement', async () => {
    const text = '# Tasks\n\n| ID | Task | Status |\n|---|---|---|\n| T001 | Build | ✅ |\n\n- [ ] T001 Build\n';
    const { document } = await parseMarkdown('t.md', text);
    const { value, diagnostics } = parseTasks(document);
    expect(value.tasks.map(brief)).toEqual([['T001', false, 7]]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 5, message: 'Task T001 is marked not done on line 7 but done on line 5; line 7 is used. Keep one of them.' }),
    ]);
    const twice = await parseMarkdown('u.md', '### T001: Build ✅\n\n| ID | Task | Status |\n|---|---|---|\n| T001 | Build | todo |\n');
    const second = parseTasks(twice.document);
    expect(second.value.tasks.map(brief)).toEqual([['T001', true, 1]]);
    expect(second.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 5 })]);
  });

  it('reads only work as tasks: no struck (from the start or after the id), cancelled, superseded, legend, criteria, checklist, summary or fenced lines', async () => {
    const { value, diagnostics } = await parse('tasks-not-tasks.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T001', true],
      ['T002', true],
      ['T005-A', true],
      ['T005-B', true],
      ['T006', false],
      // `T008 SUPERSEDED — …` is dropped whatever its box; `T009 Skip empty beds` is work; `T010 [OUT OF SCOPE] …` is not.
      ['T009', false],
    ]);
    // The unticked "Every bed shows its crop" and "All tasks name a file" are conditions, not work.
    expect(value.checks).toEqual({ done: 2, total: 4, position: expect.objectContaining({ line: 28 }) });
    expect(value.unrecorded).toBeUndefined();
  });

  it('reads unticked boxes under a ticked task, none of them ticked, as steps its tick closed', async () => {
    const text = [
      '## Phase 1: Export',
      '- [x] Task: Add the export flag a1b2c3d',
      '    - [ ] Parse the flag in src/cli.ts',
      '    - [ ] Write the file in src/export.ts',
      '- [ ] Task: Manual verification of phase 1',
      '- [x] Task: Import the old files',
      '    - [x] Read the file in src/import.ts',
      '    - [ ] Merge duplicates in src/merge.ts',
    ].join('\n');
    const { document } = await parseMarkdown('conductor/tracks/export_20260101/plan.md', text);
    expect(parseTasks(document).value.tasks.map((t) => [t.text.slice(0, 22), t.done])).toEqual([
      ['Task: Add the export f', true],
      ['Task: Manual verificat', false],
      ['Task: Import the old f', true],
      ['Read the file in src/i', true],
      ['Merge duplicates in sr', false],
    ]);
  });

  it('drops a task its words call omitted, in the languages tasks are written in', async () => {
    const text = [
      '- [x] T001 Crear la tabla de facturas',
      '- [~] T002 [P] OMITIDA — el cambio de tema queda fuera de alcance',
      '- [ ] T003 Omitted: the legacy export, covered by T001',
      '- [ ] T004 Omitir las filas vacías al exportar',
    ].join('\n');
    const { document } = await parseMarkdown('tasks.md', text);
    expect(parseTasks(document).value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T001', true],
      ['T004', false],
    ]);
  });

  it('reads a heading task over its numbered boxes as their group, and a guide after the list as no work', async () => {
    const { value } = await parse('tasks-heading-groups.md');
    // `## Task 1. Storage` over `1.1` and `1.2` is done when they are, not an open task of its own; `## Task 2.`
    // over `- [x] 2.` is that one task. The tuning checklist under `## Execution guide` is advice, not conditions.
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['1.1', true],
      ['1.2', true],
      ['2', true],
      ['3.1', true],
      ['3.2', false],
    ]);
    expect(value.summaries).toBe(2);
    expect(value.checks).toBeUndefined();
  });

  it('reads a list labelled as a phase\'s exit conditions as conditions, not tasks', async () => {
    const text = ['## Phase 2: Reports', '', '- [x] T010 Build the weekly report', '- [ ] T011 Email it on Mondays', '', '**Phase 2 done when:**', '', '- [ ] A report arrives every Monday', '- [x] Totals match the ledger', ''].join('\n');
    const { document } = await parseMarkdown('specs/004-reports/tasks.md', text);
    const { value } = parseTasks(document);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T010', true],
      ['T011', false],
    ]);
    expect(value.checks).toEqual({ done: 1, total: 2, position: expect.objectContaining({ line: 8 }) });
  });

  it('sets aside a section kept for the next version of the feature (Next (v2 …))', async () => {
    const { value } = await parse('tasks-next-version.md');
    // Its boxes are not this list's open work, as under `## Deferred`.
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T001', true],
      ['T002', true],
    ]);
  });

  it('reads the boxes of a list titled "Tasks Checklist" as tasks, and a review checklist in it as checks', async () => {
    const { value } = await parse('tasks-titled-checklist.md');
    expect(value.tasks.map((t) => [t.done, t.position.line])).toEqual([
      [true, 7],
      [true, 8],
      [true, 9],
      [true, 13],
      [false, 14],
      [false, 15],
    ]);
    expect(value.checks).toMatchObject({ done: 1, total: 2 });
  });

  it('leaves out Spec Kit\'s self-check for writing the list, a checklist under a GATE note', async () => {
    const text = ['## Phase 1', '', '- [x] T001 Store the notes', '', '## Validation Checklist', '*GATE: run before the list is handed over*', '', '- [ ] Every task names its file', '- [ ] Parallel tasks touch different files', '', '## Acceptance', '', '- [ ] A note survives a restart', ''].join('\n');
    const { document } = await parseMarkdown('specs/005-notes/tasks.md', text);
    const { value } = parseTasks(document);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([['T001', true]]);
    // The acceptance box after it is still a condition of the feature.
    expect(value.checks).toEqual({ done: 0, total: 1, position: expect.objectContaining({ line: 13 }) });
  });

  it('reads a box with the heading task\'s own id as that task\'s state, not a second copy of it', async () => {
    const text = ['## Phase 3', '', '### T029 — Test fixtures', '', '- [x] T029 Create test/fixtures/scenarios.ts with three scenarios', '', '**Details**: one scenario per saved game.', '', '### T030 — Docs', '', '- [ ] T030 Write docs/saving.md', ''].join('\n');
    const { document } = await parseMarkdown('specs/011-saves/tasks.md', text);
    const { value, diagnostics } = parseTasks(document);
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map((t) => [t.id, t.done, t.position.line])).toEqual([
      ['T029', true, 3],
      ['T030', false, 9],
    ]);
  });

  it('reads a heading that gives details of a listed task (`### T002 Details — …`) as notes, not a second form of it', async () => {
    const { value, diagnostics } = await parse('tasks-detail-headings.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks.map(brief)).toEqual([
      ['T001', true, 5],
      ['T002', true, 6],
      ['T003', false, 22],
    ]);
  });

  it('does not guess the state of task headings that record none', async () => {
    const { value, diagnostics } = await parse('tasks-headings-unrecorded.md');
    expect(diagnostics).toEqual([]);
    expect(value.tasks).toEqual([]);
    expect(value.unrecorded).toBe(2);
  });

  it('returns no tasks and no diagnostics for empty files, prose and front matter only', async () => {
    for (const text of ['', '---\ntitle: x\n---\n', '# Notes\n\nNothing to do here.\n']) {
      const { document } = await parseMarkdown('e.md', text);
      expect(parseTasks(document)).toEqual({ value: { file: 'e.md', tasks: [] }, diagnostics: [] });
    }
  });

  it('survives deep nesting and large files', async () => {
    const deep = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- [ ] T${i + 1} level ${i}`).join('\n');
    const { document } = await parseMarkdown('deep.md', deep);
    expect(parseTasks(document).value.tasks).toHaveLength(60);
    // Markdown parsing dominates on big files; the size here keeps the test quick while exercising the walk.
    const lines: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      if (i % 50 === 0) lines.push('', `## Phase ${i / 50 + 1}`, '');
      lines.push(`- [${i % 2 ? 'x' : ' '}] T${String(i + 1).padStart(5, '0')} Task in src/f${i}.ts`);
    }
    const parsed = await parseMarkdown('big.md', lines.join('\n'));
    const started = Date.now();
    const { value } = parseTasks(parsed.document);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(value.tasks).toHaveLength(1_500);
    expect(value.tasks[1_499]).toMatchObject({ id: 'T01500', done: true, paths: ['src/f1499.ts'], phase: 'Phase 30', position: { line: lines.length } });
  });
});

describe('path tokens', () => {
  it('accepts file-looking tokens and rejects prose', () => {
    expect(pathsInText('Create src/models/user.py and tests/contract/test_users.py, then README.md.')).toEqual([
      'src/models/user.py',
      'tests/contract/test_users.py',
      'README.md',
    ]);
    expect(pathsInText('e.g. and/or P1/P2 Node.js 1.2.3 v2.0 https://example.com/a.md www.x.io/y w/ tests')).toEqual([]);
    expect(isPathLike('GET /repos/{owner}', true)).toBe(false);
    expect(isPathLike('src/', true)).toBe(true);
    expect(isPathLike('Dockerfile', false)).toBe(true);
    expect(isPathLike('/home/app/.env', false)).toBe(true);
  });
});

describe('pathological input', () => {
  it('stays fast on long runs of marks, dashes, punctuation and labels', async () => {
    const { parseSpecDocument } = await import('../src/parse/spec.js');
    const inputs = [
      '- [ ] T001 ' + '✅'.repeat(20_000) + 'x',
      '### User Story 1 - ' + '🎯'.repeat(20_000) + 'x',
      '### User Story 1 - a' + '-'.repeat(50_000) + 'x',
      '- [ ] T001 ' + ')'.repeat(50_000) + 'x',
      '- [ ] ' + 'A-'.repeat(30_000) + 'x',
      '**Status**' + ' '.repeat(50_000) + 'x',
      '- [ ] T001 `' + 'a/'.repeat(20_000) + '`',
      '## Scope\n\n' + '**In scope:** '.repeat(3_000),
      '[NEEDS CLARIFICATION: ' + 'a'.repeat(50_000),
    ];
    for (const text of inputs) {
      const { document } = await parseMarkdown('x.md', text);
      const started = Date.now();
      parseTasks(document);
      parseSpecDocument(document);
      expect(Date.now() - started, text.slice(0, 30)).toBeLessThan(1000);
    }
  });
});
