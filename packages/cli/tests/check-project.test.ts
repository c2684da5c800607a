import { readdirSync } from 'node:fs';
import { lint, lintFiles, loadProject, readProjectFiles, type LintOptions } from '@govern/core';
import { configs, rules } from '@govern/eslint-style-rules';
import { describe, expect, it } from 'vitest';
import { fixture } from './run-cli.js';

const options: LintOptions = { rules, presets: { recommended: configs.recommended.rules, strict: configs.strict.rules } };

/** Every fixture repository (folders only; expectations.json and the README are not repositories). */
const fixtures = readdirSync(fixture('.'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('lintFiles', () => {
  it.each(fixtures)('gives the results of lint(loadProject()) on %s, analysing document by document', async (name) => {
    const root = fixture(name);
    const whole = await lint(await loadProject(root), options);
    const streamed = await lintFiles(await readProjectFiles(root), options);
    expect(streamed).toEqual(whole);
  });

  it('reports unused directives as lint does', async () => {
    const root = fixture('lint');
    const withUnused = { ...options, reportUnusedDisableDirectives: true as const };
    expect(await lintFiles(await readProjectFiles(root), withUnused)).toEqual(await lint(await loadProject(root), withUnused));
  });
});
