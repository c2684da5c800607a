import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { nextFeature } from '../src/query/next.js';
import { toNextJson } from '../src/query/next-json.js';
import { projectStatus, toStatusJson } from '../src/query/status.js';
import { featureReview, reviewLinks, verdictClass } from '../src/query/reviews.js';
import { fixtureCopies } from './helpers/fixture-copies.js';
import { readFile, rename, writeFile } from 'node:fs/promises';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const copy = fixtureCopies('govern-reviews-');

describe('reviewLinks', () => {
  it('ties each review of review-loop to its feature, and says why the others are not', async () => {
    const project = await loadProject(path.join(fixtures, 'next/review-loop'));
    const links = reviewLinks(project);
    const tied = [...links.byFeature.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => [id, list.map((l) => [l.review.file, l.by, l.verdict, l.date ?? null])]);
    expect(tied).toEqual([
      [
        'F-001',
        [
          ['.agent/reviews/2025-06-02-tags.review.md', 'file-name', 'changes', '2025-06-02'],
          ['.agent/reviews/2025-06-03-tags.review.json', 'file-name', 'changes', '2025-06-03'],
          ['.agent/reviews/2025-06-04-tags.review.json', 'file-name', 'changes', '2025-06-04'],
        ],
      ],
      ['F-002', [['.agent/reviews/search-pass.json', 'declared', 'approved', null]]],
      ['F-003', [['.codex-review-output.json', 'branch', 'changes', null]]],
    ]);
    expect(links.unattached.map((u) => `${u.review.file} — ${u.reason}`).sort()).toEqual([
      '.agent/reviews/legacy.json — names feature "F-099", which no document defines',
      '.agent/reviews/notes.json — names no feature (add "feature": "<id>")',
    ]);
  });

  it('reads a prose review: its VERDICT line and the Blockers list, with the file and line of each', async () => {
    const project = await loadProject(path.join(fixtures, 'next/review-loop'));
    const prose = project.reviews.find((r) => r.file.endsWith('.review.md'))!;
    expect(prose.format).toBe('markdown');
    expect(prose.verdict).toBe('NEEDS_CHANGES');
    expect(prose.verdictPosition).toEqual({ file: '.agent/reviews/2025-06-02-tags.review.md', line: 1, column: 10 });
    expect(prose.blocking).toEqual([{ text: 'a recipe can get the same tag twice; the spec says tags are a set.', file: 'src/tags/model.ts', line: 18 }]);
    expect(prose.nits).toEqual([{ text: 'Sort the tag list alphabetically.' }]);
  });

  it('gives a dated single-file spec its slug without the date, so it finds its feature', async () => {
    const project = await loadProject(path.join(fixtures, 'next/review-loop'));
    const search = project.features.find((f) => f.id === 'F-002')!;
    expect(search.specs.map((s) => [s.dir, s.slug])).toEqual([['.agent/specs/2025-05-20-search.md', 'search']]);
    expect(project.features.map((f) => f.id)).toEqual(['F-001', 'F-002', 'F-003']);
  });

  it('ties a single-file spec to the feature its header names, whatever its title', async () => {
    const root = await copy('next/review-loop');
    const file = path.join(root, '.agent/specs/2025-06-01-tags.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('# Tags', '# Labelling recipes'));
    const project = await loadProject(root);
    const tags = project.features.find((f) => f.id === 'F-001')!;
    expect(tags.specs.map((s) => [s.dir, s.spec?.feature?.value])).toEqual([['.agent/specs/2025-06-01-tags.md', 'F-001']]);
    expect(project.features.map((f) => f.id)).toEqual(['F-001', 'F-002', 'F-003']);
  });

  it('orders undated reviews by their round suffix', async () => {
    const root = await copy('next/review-loop');
    const dir = path.join(root, '.agent/reviews');
    await rename(path.join(dir, '2025-06-02-tags.review.md'), path.join(dir, 'tags.review.md'));
    await rename(path.join(dir, '2025-06-04-tags.review.json'), path.join(dir, 'tags.review-2.json'));
    await rename(path.join(dir, '2025-06-03-tags.review.json'), path.join(dir, 'tags.review-3.json'));
    const links = reviewLinks(await loadProject(root)).byFeature.get('F-001')!;
    expect(links.map((l) => [l.review.file, l.round, l.by])).toEqual([
      ['.agent/reviews/tags.review.md', 1, 'file-name'],
      ['.agent/reviews/tags.review-2.json', 2, 'file-name'],
      ['.agent/reviews/tags.review-3.json', 3, 'file-name'],
    ]);
  });

  it('ties a prose review that carries a spec\'s Scope block to that spec\'s feature', async () => {
    const root = await copy('next/review-loop');
    await writeFile(
      path.join(root, '.agent/reviews/round-1.md'),
      'VERDICT: PASS\n\n## Scope\n\n**In scope:** Ingredient search on the recipe list\n\n**Out of scope:** full-text search of the steps.\n\n## Blockers\n\nNone.\n',
    );
    const links = reviewLinks(await loadProject(root)).byFeature.get('F-002')!;
    expect(links.map((l) => [l.review.file, l.by, l.verdict])).toEqual([
      ['.agent/reviews/round-1.md', 'scope-block', 'approved'],
      ['.agent/reviews/search-pass.json', 'declared', 'approved'],
    ]);
  });

  it('leaves a review whose name is a title, not a feature, unattached', async () => {
    const root = await copy('next/review-loop');
    await writeFile(path.join(root, '.agent/reviews/1 - [Agent] Review.json'), '{ "verdict": "changes_requested" }\n');
    const links = reviewLinks(await loadProject(root));
    expect(links.unattached.map((u) => u.review.file)).toContain('.agent/reviews/1 - [Agent] Review.json');
  });
});

describe('verdictClass', () => {
  it.each([
    ['json', 'approved', 'approved'],
    ['json', 'Changes requested', 'changes'],
    ['json', 'PASS', 'unknown'],
    ['markdown', 'PASS', 'approved'],
    ['markdown', 'NEEDS_CHANGES', 'changes'],
    ['markdown', 'FAIL', 'rejected'],
    ['markdown', 'Approved with minor comments', 'approved'],
    ['markdown', 'Not approved', 'unknown'],
  ] as const)('a %s verdict "%s" is %s', (format, verdict, expected) => {
    expect(verdictClass({ file: 'r.md', valid: true, verdict, format, blocking: [], shouldFix: [], nits: [], scopeViolations: [] })).toBe(expected);
  });
});

describe('featureReview', () => {
  it('counts the reviews in a row since the last approval', async () => {
    const root = await copy('next/review-loop');
    const byFeature = () => loadProject(root).then((p) => reviewLinks(p).byFeature.get('F-001'));
    expect(featureReview(await byFeature())).toMatchObject({ withoutApproval: 3, approved: false });
    await writeFile(path.join(root, '.agent/reviews/2025-06-05-tags.review.json'), '{ "verdict": "approved", "blocking": [] }\n');
    expect(featureReview(await byFeature())).toMatchObject({ withoutApproval: 0, approved: true, blocking: [] });
    await writeFile(path.join(root, '.agent/reviews/2025-06-06-tags.review.json'), '{ "verdict": "changes_requested", "blocking": ["Tag names are case-sensitive"] }\n');
    expect(featureReview(await byFeature())).toMatchObject({ withoutApproval: 1, approved: false, blocking: [{ text: 'Tag names are case-sensitive' }] });
  });
});

describe('next and status on review-loop', () => {
  it('shows the latest verdict, the blocking findings, the spec note and the escalation in the JSON', async () => {
    const project = await loadProject(path.join(fixtures, 'next/review-loop'));
    const json = toNextJson(nextFeature(project));
    expect(json.feature?.id).toBe('F-001');
    expect(json.feature?.review).toEqual({
      latest: {
        file: '.agent/reviews/2025-06-04-tags.review.json',
        verdict: 'changes_requested',
        source: { file: '.agent/reviews/2025-06-04-tags.review.json', line: 2 },
        tiedBy: 'file-name',
        round: 1,
      },
      reviews: 3,
      withoutApproval: 3,
      approved: false,
      blocking: [{ text: 'Filtering by a tag still ignores archived recipes', file: 'src/tags/filter.ts', line: 9 }],
      scopeViolations: [],
    });
    expect(json.feature?.notes).toEqual([
      {
        kind: 'spec-awaiting-approval',
        message: '.agent/specs/2025-06-01-tags.md:4 says "Draft — awaiting approval": approve it before implementing',
        source: { file: '.agent/specs/2025-06-01-tags.md', line: 4 },
      },
    ]);
    expect(json.escalations.map((e) => [e.id, e.kind, e.source, e.recordedAt, e.reviews?.map((r) => r.file)])).toEqual([
      [
        'F-001',
        'review-cycles',
        { file: '.agent/reviews/2025-06-04-tags.review.json', line: 2 },
        { file: '.agent/reviews/2025-06-02-tags.review.md', line: 1 },
        ['.agent/reviews/2025-06-02-tags.review.md', '.agent/reviews/2025-06-03-tags.review.json', '.agent/reviews/2025-06-04-tags.review.json'],
      ],
    ]);
    expect(json.escalations[0]!.reason).toBe(
      'review loop: 3 reviews in a row without approval (.agent/reviews/2025-06-02-tags.review.md … .agent/reviews/2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — a person must decide.',
    );
    expect(json.escalations[0]!.clear).toBe('decide, then record it for F-001 in status.md: "Escalated to <name>: <why>"');

    const status = toStatusJson(projectStatus(project));
    expect(status.features.map((f) => [f.id, f.review?.latest.verdict ?? null, f.review?.withoutApproval ?? null, f.escalation?.kind ?? null])).toEqual([
      ['F-001', 'changes_requested', 3, 'review-cycles'],
      ['F-002', 'approved', 0, null],
      ['F-003', 'changes_requested', 1, null],
    ]);
    expect(status.features[2]!.review?.scopeViolations).toEqual([{ text: 'Cookbooks of several recipes are out of scope', file: 'src/cookbook/index.ts' }]);
    expect(status.unattachedReviews).toEqual([
      { file: '.agent/reviews/legacy.json', reason: 'names feature "F-099", which no document defines' },
      { file: '.agent/reviews/notes.json', reason: 'names no feature (add "feature": "<id>")' },
    ]);
  });

  it('drops the escalation once status.md records one, and keeps the review line', async () => {
    const root = await copy('next/review-loop');
    await writeFile(path.join(root, 'status.md'), '# Status\n\n## In Progress\n\n- F-001 Tags — escalated to @dana: the tag rules keep changing\n- F-002 Search\n');
    const result = nextFeature(await loadProject(root));
    expect(result.escalations).toEqual([]);
    expect(result.status).toBe('continue');
    expect(result.feature?.review?.withoutApproval).toBe(3);
  });

  it('gives no spec note where nothing records approval', async () => {
    const result = nextFeature(await loadProject(path.join(fixtures, 'next/spec-approved-speckit-draft')));
    expect(result.feature?.id).toBe('001-notes');
    expect(result.feature?.notes).toEqual([]);
  });
});
