import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseState } from '../src/parse/state.js';

async function load(name: string, file = 'status.md') {
  const text = readFileSync(new URL(`../../../fixtures/documents/state/${name}`, import.meta.url), 'utf8');
  const { document } = await parseMarkdown(file, text);
  return parseState(document);
}

const rows = (entries: Array<{ reference: string; mark: { state: string; raw: string; position: { line: number; column: number } } }>) =>
  entries.map((e) => [e.reference, e.mark.state, e.mark.raw, e.mark.position.line, e.mark.position.column]);

describe('parseState', () => {
  it('reads state sections; an item mark wins, an unchecked box takes the section state, empty markers are skipped', async () => {
    const { value, diagnostics } = await load('status-sections.md');
    expect(diagnostics).toEqual([]);
    expect(rows(value.entries)).toEqual([
      ['F-003', 'in-progress', 'In Progress', 7, 1],
      ['F-004', 'in-progress', 'In Progress', 8, 1],
      ['F-005', 'blocked', 'Blocked', 12, 1],
      ['F-001', 'done', '[x]', 16, 3],
      ['F-002', 'done', 'Done', 17, 1],
      ['F-006', 'todo', 'Next', 21, 1],
    ]);
    expect(value.handoffs).toEqual([]);
    expect(value.attempts).toEqual([]);
  });

  it('reads CRLF state files alike', async () => {
    const crlf = await load('status-sections-crlf.md');
    const lf = await load('status-sections.md');
    expect(crlf.value).toEqual(lf.value);
  });

  it('reads Status: lines for the feature their heading names, with the reason', async () => {
    const { value } = await load('status-lines.md');
    expect(rows(value.entries)).toEqual([
      ['F-001', 'done', 'done', 5, 13],
      ['F-002', 'blocked', 'blocked', 10, 13],
      ['Search', 'in-progress', 'in progress', 14, 15],
      ['Reporting', 'blocked', 'on hold', 19, 9],
    ]);
    expect(value.entries[1]!.mark.reason).toBe('waiting on API keys from the payment provider');
  });

  it('reads status tables with emoji and words, and lines that start with a mark', async () => {
    const { value, diagnostics } = await load('table-emoji.md');
    expect(rows(value.entries)).toEqual([
      ['F-001', 'done', '✅', 5, 17],
      ['F-002', 'in-progress', 'In progress', 6, 23],
      ['F-003', 'blocked', 'blocked', 7, 23],
      ['F-004', 'todo', '❌', 8, 18],
      ['F-006', 'done', '✅', 13, 1],
      ['F-007', 'in-progress', '🚧', 14, 1],
    ]);
    expect(value.entries[2]!.mark.reason).toBe('needs push certs');
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'govern/parse-state', severity: 'info', line: 9, column: 19 })]);
    expect(diagnostics[0]!.message).toContain('"documented" of F-005');
  });

  it('reads a BACKLOG table but not its acceptance-criteria checklist', async () => {
    const { value, diagnostics } = await load('backlog.md', 'BACKLOG.md');
    expect(value.entries.map((e) => [e.reference, e.mark.state])).toEqual([
      ['F-001', 'done'],
      ['F-018b', 'todo'],
      ['B-010', 'in-progress'],
      ['F-052', 'blocked'],
    ]);
    expect(diagnostics.map((d) => [d.line, d.message.includes('B-014')])).toEqual([[18, true]]);
  });

  it('reads the handoff block as a handoff only, never as feature states', async () => {
    const { value } = await load('with-handoff.md', '.agent/status.md');
    expect(rows(value.entries)).toEqual([
      ['F-010', 'in-progress', 'In Progress', 5, 1],
      ['F-009', 'done', 'Done', 19, 1],
    ]);
    expect(value.handoffs).toHaveLength(1);
    expect(value.handoffs[0]).toMatchObject({ from: 'codex', to: 'claude', position: { file: '.agent/status.md', line: 7 } });
    expect(value.handoffs[0]!.fields.goalStatus!.value).toBe('blocked');
  });

  it('reads attempt records in every documented form', async () => {
    const { value, diagnostics } = await load('attempts.md');
    expect(diagnostics).toEqual([]);
    expect(value.attempts.map((a) => [a.reference, a.attempts, a.failures, a.escalated, a.position.line, a.position.column])).toEqual([
      ['T012', 3, 3, true, 14, 1],
      ['T013', 2, 1, false, 20, 3],
      ['T015', 2, 2, false, 24, 9],
      ['T016', 3, 3, true, 25, 10],
      ['T020', 3, 3, false, 29, 8],
      ['T021', 1, 0, false, 30, 8],
    ]);
    // Attempt lines are not feature states.
    expect(value.entries.map((e) => e.reference)).toEqual(['T014']);
  });

  it('reads attempt records from CRLF text alike', async () => {
    const crlf = await load('attempts-crlf.md');
    const lf = await load('attempts.md');
    expect(crlf.value.attempts).toEqual(lf.value.attempts);
  });

  it('tells an attempt count that names nothing', async () => {
    const { document } = await parseMarkdown('status.md', 'Attempt 2 — failed\n');
    const { value, diagnostics } = parseState(document);
    expect(value.attempts).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'govern/parse-state', line: 1, column: 1 })]);
  });

  it('does not count "not escalated" as escalated, and reads Failures: lines', async () => {
    const text = '## T030 Parser\n\nAttempts: 2\nFailures: 2\nNot escalated yet.\n';
    const { document } = await parseMarkdown('status.md', text);
    expect(parseState(document).value.attempts).toEqual([
      { reference: 'T030', attempts: 2, failures: 2, escalated: false, position: { file: 'status.md', line: 3, column: 1 }, recordedAt: { file: 'status.md', line: 1, column: 1 }, recordedUnder: 'T030 Parser', outcomes: [], resolved: false },
    ]);
  });

  it('reads every attempt form of fixtures/next/attempt-forms with each attempt\'s outcome and cause', async () => {
    const text = readFileSync(new URL('../../../fixtures/next/attempt-forms/status.md', import.meta.url), 'utf8');
    const { document } = await parseMarkdown('status.md', text);
    const { value, diagnostics } = parseState(document);
    expect(diagnostics).toEqual([]);
    const records = value.attempts.map((a) => ({
      reference: a.reference,
      attempts: a.attempts,
      failures: a.failures,
      resolved: a.resolved,
      escalated: a.escalated,
      at: `${a.position.line}:${a.position.column}`,
      outcomes: a.outcomes.map((o) => [o.number, o.result, o.cause ?? (o.sameAsPrevious ? 'same' : null), o.position.line]),
      repeated: a.repeatedCause ? [a.repeatedCause.cause, ...a.repeatedCause.positions.map((p) => p.line)] : null,
    }));
    const offline = 'notes edited offline are missing from the index';
    expect(records).toEqual([
      // Nested under an item that is not a state entry (the regression this fixture was written for).
      {
        reference: 'T014', attempts: 3, failures: 3, resolved: false, escalated: false, at: '12:5',
        outcomes: [[1, 'failed', 'selector missing', 10], [2, 'failed', 'selector missing', 11], [3, 'failed', 'selector missing', 12]],
        repeated: ['selector missing', 11, 12],
      },
      // `failed twice` after the id: a count, no written-out attempts.
      { reference: 'T021', attempts: 2, failures: 2, resolved: false, escalated: false, at: '13:9', outcomes: [], repeated: null },
      // Attempt headings under a task heading, each with a `Result:` line; `Same error.` repeats the cause.
      { reference: 'T020', attempts: 2, failures: 2, resolved: false, escalated: false, at: '21:5', outcomes: [[1, 'failed', offline, 17], [2, 'failed', 'same', 21]], repeated: [offline, 17, 21] },
      // A table row whose Result says passed: history, not a stop.
      { reference: 'T030', attempts: 4, failures: 3, resolved: true, escalated: false, at: '29:8', outcomes: [], repeated: null },
      { reference: 'T031', attempts: 2, failures: 2, resolved: false, escalated: false, at: '30:8', outcomes: [], repeated: null },
      {
        reference: 'T032', attempts: 3, failures: 3, resolved: false, escalated: true, at: '36:3',
        outcomes: [[1, 'failed', 'dates lose their time zone', 34], [2, 'failed', 'tags are written as one string', 35], [3, 'failed', 'tags are written as one string', 36]],
        repeated: ['tags are written as one string', 35, 36],
      },
    ]);
    expect(value.entries.map((e) => [e.reference, e.mark.state])).toEqual([['F-001', 'in-progress']]);
  });

  it('reads ordinals, nested Result lines and a passing last attempt', async () => {
    const text = [
      '## T040 Upload',
      '',
      '- 1st attempt failed: the token expired',
      '- second attempt: failed — The token expired.',
      '',
      '## T041 Resize',
      '',
      '- Attempt 1 — chunked reader',
      '  - Result: failed, out of memory',
      '- Attempt 2 — streaming reader',
      '  - Result: out of memory again',
      '',
      '## T042 Crop',
      '',
      '- Attempt 1 — failed: wrong aspect ratio',
      '- Attempt 2 — failed: wrong aspect ratio',
      '- Attempt 3 — passed',
      '',
      '## T043 Rotate',
      '',
      '- Attempt 1 — failed: selector missing',
      '- Attempt 2 — failed: selector not found',
      '',
    ].join('\n');
    const { document } = await parseMarkdown('status.md', text);
    const byRef = new Map(parseState(document).value.attempts.map((a) => [a.reference, a]));
    expect(byRef.get('T040')).toMatchObject({ attempts: 2, failures: 2, resolved: false, repeatedCause: { cause: 'the token expired', positions: [{ line: 3 }, { line: 4 }] } });
    // `out of memory again` is an outcome word away from a failure: not read as one, so nothing repeats.
    expect(byRef.get('T041')!.outcomes.map((o) => [o.number, o.result, o.cause])).toEqual([[1, 'failed', 'out of memory'], [2, 'unknown', undefined]]);
    expect(byRef.get('T042')).toMatchObject({ attempts: 3, failures: 2, resolved: true });
    // Only equal causes repeat: govern does not guess that two wordings mean one cause.
    expect(byRef.get('T043')!.repeatedCause).toBeUndefined();
  });

  it('reads `failed N times` only after an id, and a fix after it resolves the record', async () => {
    const text = '# Status\n\n- T060: failed 3 times, fixed by pinning the version\n- T061 failed 3 times on the upload\n- The nightly job failed 3 times last week\n';
    const { document } = await parseMarkdown('status.md', text);
    const records = parseState(document).value.attempts.map((a) => [a.reference, a.attempts, a.failures, a.resolved]);
    expect(records).toEqual([
      ['T060', 3, 3, true],
      ['T061', 3, 3, false],
    ]);
  });

  it('reads no count from an id before the word attempt: "the T-076 attempt" is one attempt of a task, not 76', async () => {
    const text = '# Backlog\n\n## Hit badges\n\n**Why parked:** there is no data yet. The T-076 attempt (reverted last week) proved this.\n\n- T090: 3 failed attempts, same error each time\n';
    const { document } = await parseMarkdown('BACKLOG.md', text);
    const records = parseState(document).value.attempts.map((a) => [a.reference, a.attempts]);
    expect(records).toEqual([['T090', 3]]);
  });

  it('reads a task table whose Status cell is the latest attempt', async () => {
    const text = '# Status\n\n| ID | Task | Status |\n| --- | --- | --- |\n| T050 | Upload widget | Attempt 2/3 — failed: the token expired |\n| T051 | Resize | done |\n';
    const { document } = await parseMarkdown('status.md', text);
    const [record, ...rest] = parseState(document).value.attempts;
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ reference: 'T050', attempts: 2, failures: 2, recordedAt: { line: 5 }, position: { line: 5, column: 26 } });
    expect(record!.outcomes.map((o) => [o.number, o.result, o.cause])).toEqual([[2, 'failed', 'the token expired']]);
  });

  it('reads `name: state` items and `State: name` items, but not result labels', async () => {
    const text = '# Status\n\n- tags: done\n- saved-searches: blocked — the index migration has to land first\n- Blocked: F-005 Nutrition\n- Result: done\n- Owner: @lee\n';
    const { document } = await parseMarkdown('status.md', text);
    const { value } = parseState(document);
    expect(rows(value.entries)).toEqual([
      ['tags', 'done', 'done', 3, 9],
      ['saved-searches', 'blocked', 'blocked', 4, 19],
      ['F-005', 'blocked', 'Blocked', 5, 3],
    ]);
    expect(value.entries[1]!.mark.reason).toBe('the index migration has to land first');
  });

  it('reads CJK sections and tables', async () => {
    const { value } = await load('cjk.md');
    expect(value.entries.map((e) => [e.reference, e.mark.state, e.mark.raw])).toEqual([
      ['F-002', 'in-progress', '进行中'],
      ['F-001', 'done', '已完成'],
      ['F-003', 'blocked', '阻塞'],
      ['F-004', 'todo', '待办'],
    ]);
  });

  it('copes with empty files, front matter only, prose and deep nesting', async () => {
    const deep = `## Done\n\n${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- F-${i} x`).join('\n')}\n`;
    for (const text of ['', '---\nstatus: x\n---\n', '# Notes\n\nNothing to report.\n', deep]) {
      const { document } = await parseMarkdown('status.md', text);
      const result = parseState(document);
      expect(result.diagnostics).toEqual([]);
    }
    const { document } = await parseMarkdown('status.md', deep);
    expect(parseState(document).value.entries.map((e) => e.reference)).toEqual(['F-0']);
  });
});

describe('attempt records written as dated lines', () => {
  it('reads "- Attempt N (date): failed" under a task heading as attempts, not as states', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseMarkdown } = await import('../src/parse/markdown.js');
    const { parseState } = await import('../src/parse/state.js');
    const text = await readFile(new URL('../../../fixtures/status-backlog/status.md', import.meta.url), 'utf8');
    const { value } = parseState((await parseMarkdown('status.md', text)).document);
    expect(value.attempts.find((a) => a.reference === 'PAN-15')).toMatchObject({ attempts: 3, failures: 3, escalated: true });
    expect(value.entries.some((e) => e.reference.startsWith('Attempt'))).toBe(false);
  });
});
