import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHandoffs } from '../src/parse/handoff.js';
import { parseMarkdown } from '../src/parse/markdown.js';

async function load(name: string, file = 'status.md') {
  const text = readFileSync(new URL(`../../../fixtures/documents/handoff/${name}`, import.meta.url), 'utf8');
  const { document } = await parseMarkdown(file, text);
  return parseHandoffs(document);
}

describe('parseHandoffs', () => {
  it('reads a complete handoff with its five fields and nested evidence', async () => {
    const { value, diagnostics } = await load('complete.md');
    expect(diagnostics).toEqual([]);
    expect(value).toHaveLength(1);
    const handoff = value[0]!;
    expect(handoff).toMatchObject({ from: 'builder', to: 'verifier', position: { file: 'status.md', line: 7, column: 1 } });
    expect(Object.keys(handoff.fields).sort()).toEqual(['diffScope', 'evidence', 'goalStatus', 'nextActionDue', 'nextOwner', 'riskNote']);
    expect(handoff.fields.goalStatus).toMatchObject({ label: 'Goal status', value: 'done', position: { line: 9, column: 3 } });
    expect(handoff.fields.evidence!.items.map((i) => [i.value, i.position.line])).toEqual([
      ['lint: pass (pnpm lint)', 11],
      ['tests: pass (pnpm test --filter invoices)', 12],
      ['build: pass (pnpm build)', 13],
    ]);
    expect(handoff.fields.riskNote!.items.map((i) => i.value)).toEqual([
      'rollback path: revert the merge commit; no migration',
      'unresolved edge cases: invoices with zero line items',
    ]);
    expect(handoff.fields.nextOwner!.value).toBe('verifier lane (@dana)');
    expect(handoff.fields.nextActionDue).toMatchObject({ value: '2025-03-14 17:00 UTC', position: { line: 21 } });
    expect(handoff.otherFields).toEqual([]);
    expect(handoff.placeholders).toEqual([]);
  });

  it('reads CRLF text alike', async () => {
    const crlf = await load('complete-crlf.md');
    const lf = await load('complete.md');
    expect(crlf.value).toEqual(lf.value);
  });

  it('records every placeholder the template left, with its place', async () => {
    const { value } = await load('template-placeholders.md');
    const handoff = value[0]!;
    expect(handoff.from).toBe('<lane-name>');
    expect(handoff.fields.goalStatus!.value).toBe('done | partial | blocked');
    expect(handoff.placeholders.map((p) => [p.value, p.position.line, p.position.column])).toEqual([
      ['<lane-name>', 1, 13],
      ['<lane-name>', 1, 28],
      ['done | partial | blocked', 3, 16],
      ['<pass/fail + command>', 5, 11],
      ['<pass/fail + command>', 7, 12],
      ['<list>', 9, 19],
      ['<short>', 12, 20],
      ['<list or none>', 13, 28],
      ['<person/role/lane>', 14, 15],
      ['<date/time or trigger>', 15, 20],
    ]);
    // `<file>` inside inline code is a command argument, not a leftover.
    expect(handoff.placeholders.some((p) => p.value === '<file>')).toBe(false);
  });

  it('reads bold Status/Evidence paragraphs under an arrow heading and keeps other labels apart', async () => {
    const { value } = await load('missing-fields.md');
    const handoff = value[0]!;
    expect(handoff).toMatchObject({ from: 'implementer', to: 'reviewer', position: { line: 3 } });
    expect(handoff.fields.goalStatus).toMatchObject({ label: 'Status', value: 'partial', position: { line: 5, column: 3 } });
    expect(handoff.fields.evidence!.value).toBe('tests pass locally (`npm test`), build not run');
    expect(handoff.fields.diffScope).toBeUndefined();
    expect(handoff.fields.riskNote).toBeUndefined();
    expect(handoff.fields.nextOwner).toBeUndefined();
    expect(handoff.otherFields.map((f) => [f.label, f.position.line])).toEqual([['Notes', 8]]);
  });

  it('reads a bold handoff paragraph in a PR body with Owner and Due labels, ignoring HTML', async () => {
    const { value } = await load('pr-body.md', '<stdin>');
    expect(value).toHaveLength(1);
    const handoff = value[0]!;
    expect(handoff).toMatchObject({ from: 'implementation', to: 'verification', position: { file: '<stdin>', line: 12 } });
    expect(handoff.fields.nextOwner).toMatchObject({ label: 'Owner', value: '@sam (verification lane)', position: { line: 21, column: 5 } });
    expect(handoff.fields.nextActionDue!.value).toBe('after CI is green');
    expect(handoff.fields.diffScope!.value).toBe('`src/export/`, `docs/export.md`');
    expect(handoff.fields.evidence!.items).toHaveLength(3);
    expect(handoff.placeholders).toEqual([]);
  });

  it('ignores templates shown in code blocks and sentences that mention a handoff', async () => {
    const { value } = await load('in-code-block.md');
    expect(value).toEqual([]);
  });

  it('reads CJK lanes and values', async () => {
    const { value } = await load('cjk.md');
    expect(value[0]).toMatchObject({ from: '前端', to: '测试' });
    expect(value[0]!.fields.goalStatus!.value).toBe('完成');
    expect(value[0]!.fields.nextOwner!.value).toBe('测试组（王芳）');
  });

  it('accepts the head variants: to, →, any depth, bold line with fields on the next lines', async () => {
    const text = [
      '# H',
      '',
      '##### Handoff — alice to bob',
      '',
      '- Goal status: done',
      '',
      '**Handoff: qa => release**  ',
      'Goal status: blocked  ',
      'Next owner: release lane',
      '',
    ].join('\n');
    const { document } = await parseMarkdown('x.md', text);
    const { value } = parseHandoffs(document);
    expect(value.map((h) => [h.from, h.to, h.position.line])).toEqual([
      ['alice', 'bob', 3],
      ['qa', 'release', 7],
    ]);
    expect(value[1]!.fields.goalStatus).toMatchObject({ value: 'blocked', position: { line: 8 } });
    expect(value[1]!.fields.nextOwner!.value).toBe('release lane');
  });

  it('returns nothing for text without handoffs', async () => {
    for (const text of ['', '---\na: 1\n---\n', '# Title\n\nHandoffs happen in PRs.\n']) {
      const { document } = await parseMarkdown('x.md', text);
      expect(parseHandoffs(document)).toEqual({ value: [], diagnostics: [] });
    }
  });
});
