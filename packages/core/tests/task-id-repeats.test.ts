import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseTasks } from '../src/parse/tasks.js';

const dir = new URL('../../../fixtures/documents/specs/', import.meta.url);

async function warnings(name: string) {
  const { document } = await parseMarkdown(`specs/${name}`, readFileSync(new URL(name, dir), 'utf8'));
  return parseTasks(document).diagnostics.filter((d) => d.severity === 'warning');
}

describe('task ids used twice: one cause, one report', () => {
  it('reports a block pasted twice once, naming both copies', async () => {
    const found = await warnings('tasks-repeated-block.md');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [12, 'Tasks T010–T013 on lines 12–15 repeat the 4 tasks of lines 7–10, once open and once ticked; keep one copy.'],
    ]);
    expect(found[0]!.related?.map((p) => p.line)).toEqual([7, 8, 9, 10, 13, 14, 15]);
  });

  it('reports a phase that restarted its numbering once, with the first free id', async () => {
    const found = await warnings('tasks-renumbered.md');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [13, 'Tasks T020–T022 on lines 13–15 reuse the ids of the 3 tasks of lines 7–9; give them ids of their own (from T024 on, none is taken).'],
    ]);
  });
});

describe('what is not a task id used twice', () => {
  it('reads a section of boxes that point back at tasks above, in words of their own, as references, not tasks', async () => {
    const { document } = await parseMarkdown('specs/tasks-cross-references.md', readFileSync(new URL('tasks-cross-references.md', dir), 'utf8'));
    const { value, diagnostics } = parseTasks(document);
    // `T002: Check the migration runs backwards` under `### Data safety` restates line 6's T002 and `T006-T007` names
    // a range of tasks: each task is the one written in its phase, with that box's state, and is counted once.
    expect(value.tasks.filter((t) => t.id !== undefined).map((t) => [t.id, t.done, t.position.line])).toEqual([
      ['T001', true, 5],
      ['T002', true, 6],
      ['T003', false, 7],
      ['T004', false, 11],
      ['T005', false, 12],
      ['T006', false, 13],
      ['T007', false, 14],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reads boxes that point back at tasks above as references even beside boxes with new ids', async () => {
    const { document } = await parseMarkdown('specs/tasks-handed-on.md', readFileSync(new URL('tasks-handed-on.md', dir), 'utf8'));
    const { value, diagnostics } = parseTasks(document);
    // The section handed on to the next spec restates T002 and T005 in fewer words and adds T006, a task of its own.
    expect(value.tasks.map((t) => [t.id, t.done, t.position.line])).toEqual([
      ['T001', true, 5],
      ['T002', false, 6],
      ['T003', false, 7],
      ['T004', true, 11],
      ['T005', false, 12],
      ['T006', false, 18],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('keeps checks that share a use case or requirement id (UC-04, FR-012) as tasks of their own, without a report', async () => {
    const { document } = await parseMarkdown('specs/tasks-requirement-checks.md', readFileSync(new URL('tasks-requirement-checks.md', dir), 'utf8'));
    const { value, diagnostics } = parseTasks(document);
    expect(value.tasks.filter((t) => t.id === 'UC-04').map((t) => [t.done, t.position.line])).toEqual([
      [true, 12],
      [true, 13],
      [false, 14],
    ]);
    expect(value.tasks.filter((t) => t.id === 'FR-012')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reads letter and word suffixes, with or without a hyphen, as ids of their own', async () => {
    const { document } = await parseMarkdown('specs/tasks-subids.md', readFileSync(new URL('tasks-subids.md', dir), 'utf8'));
    const { value, diagnostics } = parseTasks(document);
    expect(value.tasks.map((t) => [t.id, t.done])).toEqual([
      ['T030', true],
      ['T031-A', true],
      ['T031-B', true],
      ['T031-C', false],
      ['T032a', true],
      ['T032B', false],
      // A letter that starts a word is the text, not a suffix.
      ['T033', false],
      // A lower-case word joined by a hyphen names a task of its own.
      ['T034-template', true],
      ['T034-annotate', false],
      ['T040', true],
      // A code of capitals and digits, or a word in capitals, joined by a hyphen names a slice of its own.
      ['T040-A1a', true],
      ['T040-A1b', true],
      ['T040-B3-1', false],
      ['T041-STOP', true],
      // A second task id after the hyphen is a range, not a suffix.
      ['T042', false],
    ]);
    expect(value.tasks[6]?.text).toBe('Setup of the recovery dashboard');
    expect(diagnostics).toEqual([]);
  });

  it('leaves alone bold lines that name several tasks, and task headings that say nothing of their state', async () => {
    const { document } = await parseMarkdown('specs/tasks-references.md', readFileSync(new URL('tasks-references.md', dir), 'utf8'));
    const { value, diagnostics } = parseTasks(document);
    expect(value.tasks.map((t) => [t.id, t.done, t.position.line])).toEqual([
      ['T001', true, 5],
      ['T002', true, 6],
      ['T003', true, 7],
      ['T004', true, 11],
      ['T005', true, 12],
      ['T006', true, 13],
      ['T007', false, 14],
    ]);
    // A bold id followed by an estimate, not by another task's id: a task (line 28), one whose state this
    // list does not record, since no bold-id line in it carries a mark.
    expect(value.unrecorded).toBe(1);
    expect(diagnostics).toEqual([]);
  });

  it('still reports a task written twice when both forms say their state and disagree', async () => {
    const text = '# Tasks\n\n**T002** Ship ✅\n\n- [ ] T002 Ship\n- [x] T001 Build\n\n### T001: Build\n\n**Status**: Not started\n';
    const { document } = await parseMarkdown('t.md', text);
    const { diagnostics } = parseTasks(document);
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.line, d.message])).toEqual([
      [3, 'Task T002 is marked not done on line 5 but done on line 3; line 5 is used. Keep one of them.'],
      [8, 'Task T001 is marked done on line 6 but not done on line 8; line 6 is used. Keep one of them.'],
    ]);
  });
});
