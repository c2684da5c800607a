// Loads the built packages with a recording `RegExp` and checks the fixtures with every rule, then prints
// the expressions made with `new RegExp` and the source files that made them (for regex-linear.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.argv[2];
const found = new Map();
const makers = new Set();
const Original = RegExp;
globalThis.RegExp = new Proxy(Original, {
  construct(target, args) {
    const made = Reflect.construct(target, args);
    // The first frame in a built package is the code that asked for the expression.
    const caller = /\/packages\/([\w-]+)\/dist\/(.+?)\.js:\d+/.exec(new Error().stack ?? '');
    if (caller) {
      const where = `packages/${caller[1]}/src/${caller[2]}.ts`;
      makers.add(where);
      found.set(`${made.source}/${made.flags}`, { where: `${where} (built)`, source: made.source, flags: made.flags });
    }
    return made;
  },
});
Error.stackTraceLimit = 50;
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const core = await load('packages/core/dist/index.js');
const { rules, configs } = await load('packages/eslint-style-rules/dist/index.js');
const options = { rules, presets: { recommended: configs.recommended.rules, strict: configs.strict.rules }, config: { extends: ['govern:strict'] } };
for (const fixture of ['example', 'messy', 'speckit', 'agent-specs', 'status-backlog', 'product-formats', 'lint/directives', 'documents/handoff', 'documents/constitution', 'documents/product', 'rules/claude-imports-agents']) {
  const project = await core.loadProject(path.join(root, 'fixtures', fixture));
  await core.lint(project, options);
}
// Paths no fixture takes: a table of features outside a features heading, a spec's front matter.
const extra = mkdtempSync(path.join(os.tmpdir(), 'govern-regexps-'));
try {
  mkdirSync(path.join(extra, 'docs'));
  mkdirSync(path.join(extra, 'specs/001-a'), { recursive: true });
  writeFileSync(path.join(extra, 'docs/PRODUCT.md'), '# Product\n\n## Roadmap\n\n| Name | Owner | Notes |\n| --- | --- | --- |\n| F-001 Tags | me | x |\n| F-002 Lists | you | y |\n');
  writeFileSync(path.join(extra, 'specs/001-a/spec.md'), '---\nstatus: 3\ncreated: [1]\n---\n# Spec\n');
  await core.lint(await core.loadProject(extra), options);
} finally {
  rmSync(extra, { recursive: true, force: true });
}
// ASCII-only text takes the ASCII twins: the Unicode originals need some text that is not.
await core.lintText('# Status\n\n### Handoff: impl → vérif\n\n- Goal status: terminé ✅\n- Next owner: équipe\n', 'status.md', options);
core.matchesGlob('docs/guide/intro.md', 'docs/**/*.md');
globalThis.RegExp = Original;
process.stdout.write(JSON.stringify({ found: [...found.values()], makers: [...makers] }));
