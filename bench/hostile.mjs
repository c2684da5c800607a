#!/usr/bin/env node
// Hostile input against the floor: each pathological input of docs/reliability.md ("Hostile input") is
// checked by the built `govern check` and parsed by plain remark (bench/raw-parse.mjs) in the same run,
// each a fresh process, and the ratios of time and peak memory are printed. None may pass 2×.
//
// Handoffs come two ways. 100,000 heads (`### Handoff: implement -> verify`, each then missing its six
// fields) are 3.4 MB, the most that fits the 5 MB document limit. Complete handoffs hold their fields in
// lists, and remark's own parse of a document of many lists grows with the square of their number (on a
// shared 2-core machine, 1,000 handoffs, 0.37 MB: 92 s; 2,000: 356 s), so they are measured at 500:
// govern parses them once, and its own work on top of that parse is what the row shows.
//
//   node bench/hostile.mjs [--handoffs n] [--full-handoffs n] [--ids n] [--stdin-mb n] [--runs n]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = fileURLToPath(new URL('../', import.meta.url));
const governBin = path.join(repo, 'packages/cli/dist/bin.js');
const rawParse = path.join(repo, 'bench/raw-parse.mjs');
const probe = pathToFileURL(path.join(repo, 'bench/rss-probe.mjs')).href;
const { values } = parseArgs({
  options: {
    handoffs: { type: 'string', default: '100000' },
    'full-handoffs': { type: 'string', default: '500' },
    ids: { type: 'string', default: '130000' },
    'stdin-mb': { type: 'string', default: '6' },
    runs: { type: 'string', default: '1' },
  },
});
if (!existsSync(governBin)) {
  console.error('bench: packages/cli/dist/bin.js is missing; run `pnpm build` first.');
  process.exit(2);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-hostile-bench-'));

function tree(name, files) {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function measure(args, cwd, input) {
  const rssFile = path.join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', probe, ...args], {
    cwd,
    input,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${(result.stderr || '').split('\n')[0]}`);
  return { ms, mb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const handoff = (i) =>
  `### Handoff: implement -> verify\n\n- Goal status: partial\n- Evidence:\n  - lint: pass (\`pnpm lint\`)\n  - tests: pass (\`pnpm test\`)\n  - build: pass (\`pnpm build\`)\n- Diff scope:\n  - changed dirs: src/\n  - notable files: src/f${i}.ts\n- Risk note:\n  - rollback path: revert the branch\n  - unresolved edge cases: none\n- Next owner: verify lane\n- Next action due: 2025-03-15\n\n`;

const cases = [];
{
  const lines = [];
  for (let i = 0; i < 50; i++) {
    lines.push(`Version a |${' '.repeat(300)}${'x'.repeat(50)}:`, `Handoff: ${' '.repeat(40_000)}x`, '');
  }
  cases.push({
    name: 'long padded lines',
    dir: tree('padded', {
      '.specify/memory/constitution.md': `# Constitution\n\n## Core Principles\n\n### I. One\n\nText.\n\n${lines.join('\n')}\n`,
      'docs/PRODUCT.md': `# Product\n\n## Features\n\n- F-001 Tags${'.'.repeat(500_000)}\n`,
      'specs/001-a/tasks.md': `# Tasks\n\n- [x] T001 Do it ${'✅'.repeat(100_000)}\n`,
    }),
  });
}
{
  const text = `# Status\n\n## Handoffs\n\n${'### Handoff: implement -> verify\n\n'.repeat(Number(values.handoffs))}`;
  cases.push({ name: `${Number(values.handoffs).toLocaleString('en')} handoff heads`, dir: tree('handoff-heads', { 'status.md': text }) });
}
{
  let text = '# Status\n\n## Handoffs\n\n';
  for (let i = 0; i < Number(values['full-handoffs']); i++) text += handoff(i);
  cases.push({ name: `${Number(values['full-handoffs']).toLocaleString('en')} full handoffs`, dir: tree('handoffs', { 'status.md': text }) });
}
{
  let text = '# Status\n\n## Done\n\n';
  for (let i = 0; i < Number(values.ids); i++) text += `- F-${String(i + 1000).padStart(6, '0')}\n`;
  cases.push({ name: `${Number(values.ids).toLocaleString('en')} unknown ids`, dir: tree('ids', { 'docs/PRODUCT.md': '# Product\n\n## F-001 One\n\nSome text.\n', 'status.md': text }) });
}
{
  // Paragraphs, which remark parses in linear time: the row measures reading the input, not a list.
  let text = '';
  const size = Number(values['stdin-mb']) * 1024 * 1024;
  for (let i = 0; text.length < size; i++) text += `Paragraph ${i} of the input, with a few words in it.\n\n`;
  const dir = tree('stdin', { 'stdin.md': text });
  cases.push({ name: `${values['stdin-mb']} MB on --stdin`, dir, stdin: readFileSync(path.join(dir, 'stdin.md')) });
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
let failed = 0;
for (const item of cases) {
  const governArgs = item.stdin ? [governBin, 'check', '--stdin'] : [governBin, 'check'];
  const samples = { govern: [], parse: [] };
  for (let round = 0; round < Number(values.runs); round++) {
    samples.govern.push(measure(governArgs, item.dir, item.stdin));
    samples.parse.push(measure([rawParse, '.'], item.dir));
  }
  const best = (list, key) => Math.min(...list.map((s) => s[key]));
  const govern = { ms: best(samples.govern, 'ms'), mb: best(samples.govern, 'mb') };
  const parse = { ms: best(samples.parse, 'ms'), mb: best(samples.parse, 'mb') };
  const time = govern.ms / parse.ms;
  const memory = govern.mb / parse.mb;
  const ok = time <= 2 && memory <= 2;
  if (!ok) failed++;
  console.log(
    `${item.name.padEnd(24)} govern ${(govern.ms / 1000).toFixed(2)} s, ${govern.mb.toFixed(0)} MB | remark parse ${(parse.ms / 1000).toFixed(2)} s, ${parse.mb.toFixed(0)} MB | ${time.toFixed(2)}× time, ${memory.toFixed(2)}× memory ${ok ? 'ok' : 'OVER 2×'}`,
  );
}
rmSync(scratch, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
