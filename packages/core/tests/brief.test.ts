import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { featureBrief } from '../src/query/brief.js';
import { parseHandoffs } from '../src/parse/handoff.js';
import { parseMarkdown } from '../src/parse/markdown.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');

describe('featureBrief', () => {
  it('holds its sections in the documented order', async () => {
    const brief = featureBrief(await loadProject(path.join(fixtures, 'brief')));
    expect(brief.sections.map((s) => s.id)).toEqual(['title', 'principles', 'feature', 'scope', 'spec', 'handoff', 'review', 'commands', 'finish']);
  });

  it('starts with "Stop first" when the feature needs a person or its spec awaits approval', async () => {
    const brief = featureBrief(await loadProject(path.join(fixtures, 'next/review-loop')), { feature: 'F-001' });
    expect(brief.sections.map((s) => s.id).slice(0, 3)).toEqual(['title', 'stop', 'feature']);
    const stop = brief.markdown.slice(brief.markdown.indexOf('## Stop first'), brief.markdown.indexOf('## Feature'));
    expect(stop.split('\n')).toEqual([
      '## Stop first',
      '',
      'Settle these with a person before changing code:',
      '',
      '- review loop: 3 reviews in a row without approval (.agent/reviews/2025-06-02-tags.review.md … .agent/reviews/2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — a person must decide. Decide, then record it for F-001 in status.md: "Escalated to <name>: <why>".',
      '- .agent/specs/2025-06-01-tags.md:4 says "Draft — awaiting approval": get the spec approved before implementing.',
      '',
      '',
    ]);
    // The scope block of a single-file spec written as labels.
    expect(brief.markdown).toContain('### In scope\n\n- the tag model; the tag filter on the recipe list.\n');
  });
});

describe('Handoff.feature', () => {
  const parse = async (text: string) => parseHandoffs((await parseMarkdown('status.md', text)).document).value;

  it('reads the feature from a field, the head, or the heading the block sits under', async () => {
    const handoffs = await parse(
      [
        '# Status',
        '',
        '### Handoff: implement -> verify (F-001)',
        '',
        '- Goal status: done',
        '',
        '### Handoff: implement -> review — 002-tags',
        '',
        '- Goal status: partial',
        '',
        '### Handoff: build -> verify',
        '',
        '- Feature: **F-003**',
        '- Goal status: done',
        '',
        '## F-004 Export',
        '',
        '### Handoff: implement -> verify',
        '',
        '- Goal status: blocked',
        '',
        '### Handoff: implement -> verify (@kim)',
        '',
        '- Goal status: done',
      ].join('\n'),
    );
    expect(handoffs.map((h) => [h.to, h.feature?.value ?? null, h.feature?.position.line ?? null])).toEqual([
      ['verify', 'F-001', 3],
      ['review', '002-tags', 7],
      ['verify', 'F-003', 13],
      ['verify', 'F-004 Export', 16],
      // `(@kim)` is not a reference: the lane keeps its words, and the heading above still names the feature.
      ['verify (@kim)', 'F-004 Export', 16],
    ]);
  });
});
