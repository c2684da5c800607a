import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseConstitution } from '../src/parse/constitution.js';

const FIXTURES = new URL('../../../fixtures/documents/constitution/', import.meta.url);

async function load(name: string) {
  const text = await readFile(new URL(name, FIXTURES), 'utf8');
  const { document } = await parseMarkdown(`.specify/memory/${name}`, text);
  return parseConstitution(document);
}

describe('parseConstitution', () => {
  it('reads a filled Spec Kit constitution', async () => {
    const { value, diagnostics } = await load('filled.md');
    expect(diagnostics).toEqual([]);
    expect(value.title).toMatchObject({ value: 'TaskFlow Constitution', position: { line: 18, column: 1 } });
    expect(value.principles.map((p) => [p.id, p.name, p.nonNegotiable, p.position.line])).toEqual([
      ['I', 'Library-First', false, 22],
      ['II', 'CLI Interface', false, 27],
      ['III', 'Test-First', true, 32],
      ['IV', 'Integration Testing', true, 37],
      ['V', 'Observability', false, 46],
    ]);
    // The body runs to the next principle and keeps nested headings.
    expect(value.principles[3]?.body).toContain('#### Rationale');
    expect(value.principles[3]?.body).toContain('Contracts break silently without them.');
    expect(value.principles[0]?.body).toMatch(/^Every feature starts as a standalone library\./);
    expect(value.sections.map((s) => s.title)).toEqual(['Core Principles', 'Security Requirements', 'Development Workflow', 'Governance']);
    // The fenced "Version: 9.9.9" example does not count; the real line does.
    expect(value.version).toEqual({ value: '1.1.0', position: { file: '.specify/memory/filled.md', line: 70, column: 14 } });
    expect(value.ratified?.value).toBe('2025-06-13');
    expect(value.ratified?.position).toMatchObject({ line: 70, column: 36 });
    expect(value.lastAmended?.value).toBe('2025-07-16');
    // `[LOG_FORMAT]` sits in a code span.
    expect(value.templateTokens).toEqual([]);
  });

  it("reads a version labelled as the constitution's own, and not a tool's version after it", async () => {
    const { value } = await load('version-in-amendments.md');
    expect(value.version).toEqual({ value: 'v1.2.0', position: { file: '.specify/memory/version-in-amendments.md', line: 15, column: 10 } });
  });

  it('reads the version line of a constitution written in Portuguese', async () => {
    const { value, diagnostics } = await load('pt-version-line.md');
    expect(diagnostics).toEqual([]);
    expect([value.version?.value, value.ratified?.value, value.lastAmended?.value]).toEqual(['1.3.0', '2026-02-10', '2026-04-02']);
  });

  it('reads a ratification date labelled in the feminine, as French and Italian constitutions write it', async () => {
    const { value, diagnostics } = await load('fr-version-line.md');
    expect(diagnostics).toEqual([]);
    expect([value.version?.value, value.ratified?.value, value.lastAmended?.value]).toEqual(['2.0.0', '2026-03-04', '2026-05-20']);
  });

  it('reads a current version and an effective date written in Chinese', async () => {
    const { value } = await load('zh-effective-date.md');
    expect([value.version?.value, value.ratified?.value]).toEqual(['1.1.0', '2026-01-15']);
  });

  it('lets each principles section number its principles from 1', async () => {
    const { value, diagnostics } = await load('sections-number-own.md');
    expect(diagnostics).toEqual([]);
    expect(value.principles.map((p) => p.id)).toEqual(['1', '2', '1', '2']);
  });

  it('reads the Sync Impact Report comment', async () => {
    const report = (await load('filled.md')).value.syncImpactReport;
    expect(report?.position).toMatchObject({ line: 1, column: 1 });
    expect(report?.versionChange).toEqual({
      raw: '1.0.0 → 1.1.0 (observability principle added)',
      from: '1.0.0',
      to: '1.1.0',
      position: { file: '.specify/memory/filled.md', line: 4, column: 1 },
    });
    expect(report?.modifiedPrinciples).toEqual(['III. Test-First → now also requires contract tests for every endpoint']);
    expect(report?.addedSections).toEqual(['Security Requirements', 'V. Observability']);
    expect(report?.removedSections).toEqual([]);
    // "Templates requiring updates" is not a follow-up, and its items are not sections.
    expect(report?.followUpTodos).toEqual(['TODO(RATIFICATION_DATE): confirm the original adoption date with the maintainers']);
  });

  it('gives the same answers on CRLF text', async () => {
    const lf = (await load('filled.md')).value;
    const crlf = (await load('filled-crlf.md')).value;
    expect(crlf.principles.map((p) => [p.id, p.name, p.nonNegotiable, p.position.line])).toEqual(
      lf.principles.map((p) => [p.id, p.name, p.nonNegotiable, p.position.line]),
    );
    expect(crlf.principles[0]?.body).not.toContain('\r');
    expect(crlf.version?.position).toMatchObject({ line: 70, column: 14 });
    expect(crlf.lastAmended?.value).toBe('2025-07-16');
    expect(crlf.syncImpactReport?.addedSections).toEqual(['Security Requirements', 'V. Observability']);
  });

  it('lists the placeholders of the raw template, and only those outside comments', async () => {
    const { value } = await load('template.md');
    expect(value.templateTokens.map((t) => t.value)).toEqual([
      '[PROJECT_NAME]',
      '[PRINCIPLE_1_NAME]',
      '[PRINCIPLE_1_DESCRIPTION]',
      '[PRINCIPLE_2_NAME]',
      '[PRINCIPLE_2_DESCRIPTION]',
      '[PRINCIPLE_3_NAME]',
      '[PRINCIPLE_3_DESCRIPTION]',
      '[SECTION_2_NAME]',
      '[SECTION_2_CONTENT]',
      '[GOVERNANCE_RULES]',
      '[CONSTITUTION_VERSION]',
      '[RATIFICATION_DATE]',
      '[LAST_AMENDED_DATE]',
    ]);
    // `[GUIDANCE_FILE]` only appears inside an HTML comment.
    expect(value.templateTokens.find((t) => t.value === '[RATIFICATION_DATE]')?.position).toMatchObject({ line: 33, column: 53, endColumn: 72 });
    expect(value.principles.map((p) => p.name)).toEqual(['[PRINCIPLE_1_NAME]', '[PRINCIPLE_2_NAME]', '[PRINCIPLE_3_NAME]']);
    // The commented example "III. Test-First (NON-NEGOTIABLE)" flags nothing.
    expect(value.principles.some((p) => p.nonNegotiable)).toBe(false);
    expect(value.principles[0]?.body).toBe('[PRINCIPLE_1_DESCRIPTION]');
    expect(value.version?.value).toBe('[CONSTITUTION_VERSION]');
    expect(value.syncImpactReport).toBeUndefined();
  });

  it('reads metadata on separate lines and "Principle N:" headings', async () => {
    const { value, diagnostics } = await load('separate-lines.md');
    expect(diagnostics).toEqual([]);
    expect(value.version).toMatchObject({ value: '1.2.0', position: { line: 18, column: 29 } });
    expect(value.ratified).toMatchObject({ value: '2025-11-27', position: { line: 19 } });
    expect(value.lastAmended).toMatchObject({ value: '2026-01-09', position: { line: 20 } });
    expect(value.principles.map((p) => [p.id, p.name])).toEqual([
      ['1', 'Backend Architecture & Style (Golang)'],
      ['2', 'Frontend Simplicity'],
      ['3', 'Tests Before Merge'],
    ]);
    // A plain sentence saying "non-negotiable" is not the marker.
    expect(value.principles[2]?.nonNegotiable).toBe(false);
    expect(value.sections.map((s) => s.title)).toEqual(['1. Project Metadata', '2. Core Principles', '3. Governance']);
    expect(value.syncImpactReport?.versionChange).toEqual({ raw: 'Initial → 1.0.0', to: '1.0.0', position: { file: '.specify/memory/separate-lines.md', line: 3, column: 1 } });
    expect(value.syncImpactReport?.addedSections).toEqual(['All sections']);
    expect(value.syncImpactReport?.modifiedPrinciples).toEqual([]);
    expect(value.syncImpactReport?.followUpTodos).toEqual([]);
  });

  it('reads a Japanese constitution with emoji', async () => {
    const { value } = await load('cjk.md');
    expect(value.title?.value).toBe('ikura Constitution 🚀');
    expect(value.principles.map((p) => [p.id, p.name, p.nonNegotiable])).toEqual([
      ['I', '分析優先', false],
      ['II', 'CLI 中心', true],
      ['III', '関心の分離 🧩', false],
    ]);
    expect(value.version?.value).toBe('1.0.0');
    expect(value.ratified?.value).toBe('2025-12-14');
    expect(value.lastAmended).toMatchObject({ value: '2025-12-20', position: { line: 28, column: 53 } });
    expect(value.syncImpactReport?.versionChange?.to).toBe('1.0.0');
    expect(value.sections.map((s) => s.title)).toEqual(['基本原則', 'ガバナンス']);
  });

  it('finds P-numbered principles without a Principles section and flags a reused number', async () => {
    const { value, diagnostics } = await load('p-numbers.md');
    expect(value.principles.map((p) => [p.id, p.name, p.position.line])).toEqual([
      ['P1', 'Capability independence', 5],
      ['P2', 'Offline first', 9],
      ['P2', 'Audit trail', 13],
    ]);
    expect(value.sections.map((s) => s.title)).toEqual(['Governance']);
    expect(value.version).toMatchObject({ value: '3.0.0', position: { line: 3, column: 10 } });
    expect(value.lastAmended?.value).toBe('2025-02-02');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'govern/parse-constitution', severity: 'warning', line: 13 });
    expect(diagnostics[0]?.message).toContain('P2');
  });

  it('reads principles from the outermost principles section only, not from a nested section that uses the word', async () => {
    const { value, diagnostics } = await load('nested-principles-word.md');
    expect(value.principles.map((p) => [p.id, p.name])).toEqual([
      ['1', 'Measure before tuning'],
      ['2', 'Small releases'],
      ['3', 'Plain data'],
    ]);
    // The numbered list about documents is not a second principle 1, 2 and 3.
    expect(diagnostics).toEqual([]);
  });

  it('tells placeholders from brackets that are not', async () => {
    const { value } = await load('p-numbers.md');
    // Not: [NEEDS CLARIFICATION], [x], link text, link labels, code, fences, comments, escapes, definitions.
    expect(value.templateTokens).toEqual([
      { value: '[GUIDANCE_FILE]', position: { file: '.specify/memory/p-numbers.md', line: 31, column: 27, endLine: 31, endColumn: 42 } },
    ]);
  });

  it('returns an empty model and no diagnostic for an empty file', async () => {
    const { value, diagnostics } = await load('empty.md');
    expect(value).toEqual({ file: '.specify/memory/empty.md', principles: [], sections: [], templateTokens: [] });
    expect(diagnostics).toEqual([]);
  });

  it('reads list-style principles and front matter versions', async () => {
    const text = '---\nversion: 2.0.0\nratified: "2024-05-01"\n---\n# C\n\n## Principles\n\n1. **Simplicity** — keep it small.\n2. **Safety (NON-NEGOTIABLE)**: no data loss.\n';
    const { document } = await parseMarkdown('constitution.md', text);
    const { value } = parseConstitution(document);
    expect(value.principles.map((p) => [p.id, p.name, p.nonNegotiable, p.position.line])).toEqual([
      ['1', 'Simplicity', false, 9],
      ['2', 'Safety', true, 10],
    ]);
    expect(value.version).toMatchObject({ value: '2.0.0', position: { line: 2 } });
    expect(value.ratified).toMatchObject({ value: '2024-05-01', position: { line: 3 } });
  });

  it('survives a huge, deeply nested document', async () => {
    const nested = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i} [DEEP_TOKEN]`).join('\n');
    const filler = Array.from({ length: 5000 }, (_, i) => `Line ${i} of the governance text.`).join('\n');
    const text = `# Big\n\n## Core Principles\n\n### I. Depth\n\n${nested}\n\n## Governance\n\n${filler}\n\n**Version**: 1.0.0\n`;
    const { document } = await parseMarkdown('big.md', text);
    const { value } = parseConstitution(document);
    expect(value.principles).toHaveLength(1);
    expect(value.templateTokens).toHaveLength(60);
    expect(value.version?.position.line).toBe(5071);
  });
});

describe('parseConstitution in other languages', () => {
  const parse = async (text: string) => parseConstitution((await parseMarkdown('.specify/memory/constitution.md', text)).document).value;

  it('reads version-line labels from a table of spellings in many languages', async () => {
    const zh = await parse('# 憲章\n\n## 核心原則\n\n### 一、簡單\n\n**版本**：2.0.1 | **批准日期**：2025-03-02 | **最後修訂**：2025-04-11\n');
    expect([zh.version?.value, zh.ratified?.value, zh.lastAmended?.value]).toEqual(['2.0.1', '2025-03-02', '2025-04-11']);
    expect(zh.principles.map((p) => p.name)).toEqual(['一、簡單']);
    const de = await parse('# Verfassung\n\n## Grundsätze\n\n### 1. Einfach\n\n- Version: 1.0.0\n- Verabschiedet am: 2025-01-02\n- Zuletzt geändert: 2025-02-03\n');
    expect([de.version?.value, de.ratified?.value, de.lastAmended?.value]).toEqual(['1.0.0', '2025-01-02', '2025-02-03']);
    expect(de.principles).toHaveLength(1);
    const ru = await parse('# Конституция\n\n## Незыблемые принципы\n\n### 1. Замер\n\n**Версия:** 1.2  \n**Статус:** действует\n');
    expect(ru.version).toEqual({ value: '1.2', position: { file: '.specify/memory/constitution.md', line: 7, column: 13 } });
    expect(ru.principles.map((p) => p.id)).toEqual(['1']);
    // 改定 and 改訂 are both written for "amended" in Japanese.
    const ja = await parse('# 憲法\n\n## 基本原則\n\n### I. 小さく作る\n\n**バージョン**: 1.1.0 | **制定日**: 2026-01-05 | **最終改定日**: 2026-02-10\n');
    expect([ja.version?.value, ja.ratified?.value, ja.lastAmended?.value]).toEqual(['1.1.0', '2026-01-05', '2026-02-10']);
    const it_ = await parse('# Costituzione\n\n## Principi\n\n### I. Semplice\n\n**Versione**: 1.0.2 | **Ratificata il**: 2026-04-01 | **Ultima modifica**: 2026-04-09\n');
    expect([it_.version?.value, it_.ratified?.value, it_.lastAmended?.value]).toEqual(['1.0.2', '2026-04-01', '2026-04-09']);
  });

  it('keeps, of several version changes in one report, the one reaching the highest version', async () => {
    const text = '<!--\nSync Impact Report\n- Version change: 2.1.0 → 3.0.0\n- Earlier:\n- Version change: 2.0.0 → 2.1.0\n-->\n# C\n';
    expect((await parse(text)).syncImpactReport?.versionChange).toMatchObject({ from: '2.1.0', to: '3.0.0', position: { line: 3 } });
  });
});
