import { describe, expect, it } from 'vitest';
import { plansNamedIn, titledAsPlan } from '../src/parse/named-plans.js';

describe('plansNamedIn', () => {
  it('takes the file a line says holds the order of work, as a plan or, by its name, a state file', () => {
    const text = [
      '- `docs/BUILD.md` — sprint breakdown; follow it for build order',
      '- Keep the backlog in [the queue](./notes/QUEUE.md), top item first',
      '- `docs/CURRENT_STATE.md` tracks progress after every session',
      '- Roadmap: `ROADMAP.md` (old detail: `milestones/v1-ROADMAP.md`)',
      '| [notes/Stages/](notes/Stages/Index.md) | Milestone planning and tracking |',
    ].join('\r\n');
    expect(plansNamedIn(text)).toEqual([
      { file: 'docs/BUILD.md', kind: 'sequence' },
      { file: 'notes/QUEUE.md', kind: 'sequence' },
      { file: 'docs/CURRENT_STATE.md', kind: 'state' },
      { file: 'ROADMAP.md', kind: 'sequence' },
      { file: 'notes/Stages/Index.md', kind: 'sequence' },
    ]);
  });

  it('leaves files named without words about the order of work, or that are never plans', () => {
    const text = [
      '- `docs/DESIGN.md` — implementation plan: schemas and interfaces',
      '- Call `load_backlog_view()` and keep `docs/STYLE.md` in mind',
      '1. Update REPO_MAP.md and BACKLOG.md only.',
      '- See README.md for the roadmap.',
      '- Start the roadmap from `templates/ROADMAP.md`.',
      '- The backlog lives in `../shared/BACKLOG.md` and `~/notes/todo.md`.',
    ].join('\n');
    expect(plansNamedIn(text)).toEqual([]);
  });
});

describe('titledAsPlan', () => {
  it('reads an agent file as a plan only where its title calls it one', () => {
    expect(titledAsPlan('# birdlog — Development Plan\n\nNotes for Claude.\n')).toBe(true);
    expect(titledAsPlan('---\nx: 1\n---\n\n# Roadmap\n')).toBe(true);
    expect(titledAsPlan('# 開発計画\r\n')).toBe(true);
    expect(titledAsPlan('# CLAUDE.md\n\n## Development plan\n')).toBe(false);
    expect(titledAsPlan('# birdlog\n\nSee ROADMAP.md for the roadmap.\n')).toBe(false);
  });
});
