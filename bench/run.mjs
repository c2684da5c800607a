#!/usr/bin/env node
// Benchmarks `govern check` against the floor (the raw remark parse of the same files) and against
// markdownlint-cli2, in one run on the same trees, and prints medians and the target ratios.
//
//   node bench/run.mjs [--sizes 10,100,1000,5000] [--runs n] [--no-markdownlint] [--json file] [--baseline dir]
//
// `--baseline dir` also times another build of the CLI (a copy of an earlier `packages/cli/dist`, run
// through its bundle) on the same trees, in the same rounds, and prints its rows and ratios beside these.
//
// Every command runs as a fresh child process (cold: nothing but the OS file cache is shared) and the
// commands take turns within each round, so load from other work on the machine hits them alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

const repo = fileURLToPath(new URL('../', import.meta.url));
const outRoot = path.join(repo, 'bench/out');
const probe = pathToFileURL(path.join(repo, 'bench/rss-probe.mjs')).href;
const governBin = path.join(repo, 'packages/cli/dist/bin.js');
const bundle = path.join(repo, 'packages/cli/dist/govern.bundle.cjs');
const markdownlint = path.join(repo, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,5000' },
    runs: { type: 'string' },
    'no-markdownlint': { type: 'boolean', default: false },
    json: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
if (!existsSync(governBin)) {
  console.error('bench: packages/cli/dist/bin.js is missing; run `pnpm build` first.');
  process.exit(2);
}
/** As bin.js decides: a `tsc -b` after the bundle was made leaves it stale, and bin.js would not use it. */
const bundleFresh =
  existsSync(bundle) &&
  ['cli', 'core', 'eslint-style-rules'].every((name) => {
    const info = path.join(repo, 'packages', name, 'dist/.tsbuildinfo');
    return !existsSync(info) || statSync(info).mtimeMs <= statSync(bundle).mtimeMs;
  });
if (existsSync(bundle) && !bundleFresh) console.error('bench: the bundle is older than the last `tsc -b`; run `pnpm build` for the bundle row.');

/** Fewer rounds for big trees: markdownlint-cli2 alone takes over a minute at 5,000 documents. */
function runsFor(size) {
  if (values.runs) return Number(values.runs);
  return size <= 100 ? 7 : size <= 1000 ? 3 : 1;
}

/** The builds timed: this checkout's, and with `--baseline` an earlier one, each with the name its rows carry. */
const builds = [{ name: 'govern', bin: governBin, bundled: bundleFresh }];
if (values.baseline) {
  const bin = path.resolve(values.baseline, 'bin.js');
  if (!existsSync(bin) || !existsSync(path.resolve(values.baseline, 'govern.bundle.cjs'))) {
    console.error(`bench: ${values.baseline} holds no built CLI (bin.js and govern.bundle.cjs).`);
    process.exit(2);
  }
  builds.push({ name: 'baseline', bin, bundled: true });
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-bench-'));
function measure(args, cwd, extraEnv = { GOVERN_NO_BUNDLE: '1' }) {
  const rssFile = path.join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', probe, ...args], {
    cwd,
    // bin.js picks the bundle when it is fresh; the plain row measures the unbundled modules.
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1', GOVERN_NO_BUNDLE: '', ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${(result.stderr || '').split('\n')[0]}`);
  }
  const [rssKb, cpuUs] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
  return { ms, rssMb: rssKb / 1024, cpuMs: cpuUs / 1000, stdout: result.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
/** Unrounded: a ratio is judged against its target before it is rounded for printing. */
const ratio = (a, b) => a / b;

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, ${os.type()} ${os.release()}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const all = [];
for (const size of sizes) {
  const dir = path.join(outRoot, String(size));
  const { documents, bytes } = generate(size, dir);
  const commands = {
    'node -e 0': ['-e', '0'],
    'govern check': [governBin, 'check'],
    ...Object.fromEntries(builds.filter((b) => b.bundled).map((b) => [`${b.name} check (bundle)`, [b.bin, 'check']])),
    'raw parse (floor)': [path.join(repo, 'bench/raw-parse.mjs'), '.'],
    ...(values['no-markdownlint'] ? {} : { 'markdownlint-cli2': [markdownlint, '**/*.md'] }),
  };
  // The cache rows, per build: a run that writes the cache, a warm run with nothing changed, and two with one
  // file changed: a line of prose added to a spec (its model stays the same) and a task ticked (a model changes).
  const cacheRowsOf = (build) => ['writing', 'warm', '1 changed', '1 ticked'].map((row) => `${build.name} --cache (${row})`);
  const changedFile = path.join(dir, 'specs/001-feature/spec.md');
  const original = existsSync(changedFile) ? readFileSync(changedFile, 'utf8') : undefined;
  const tasksFile = path.join(dir, 'specs/001-feature/tasks.md');
  const tasksOriginal = readFileSync(tasksFile, 'utf8');
  const ticked = tasksOriginal.includes('- [ ]') ? tasksOriginal.replace('- [ ]', '- [x]') : tasksOriginal.replace(/- \[[xX]\]/, '- [ ]');
  const samples = Object.fromEntries([...Object.keys(commands), ...(original === undefined ? [] : builds.flatMap(cacheRowsOf))].map((name) => [name, []]));
  const runs = runsFor(size);
  let rawDetail;
  for (let round = 0; round < runs; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const sample = name.endsWith('check (bundle)') ? measure(args, dir, {}) : measure(args, dir);
      samples[name].push(sample);
      if (name === 'raw parse (floor)') rawDetail = JSON.parse(sample.stdout);
    }
    if (original === undefined) continue;
    for (const build of builds) {
      const cacheRows = cacheRowsOf(build);
      const cacheFile = path.join(scratch, `${build.name}.governcache`);
      const cached = [build.bin, 'check', '--cache', '--cache-location', cacheFile];
      rmSync(cacheFile, { force: true });
      // As users run it: from the bundle when there is a fresh one.
      const env = build.bundled ? {} : undefined;
      samples[cacheRows[0]].push(measure(cached, dir, env));
      samples[cacheRows[1]].push(measure(cached, dir, env));
      writeFileSync(changedFile, `${original}\nOne more line.\n`);
      try {
        samples[cacheRows[2]].push(measure(cached, dir, env));
      } finally {
        writeFileSync(changedFile, original);
      }
      // Back to the cached state first, so the next run sees only the tick.
      measure(cached, dir, env);
      writeFileSync(tasksFile, ticked);
      try {
        samples[cacheRows[3]].push(measure(cached, dir, env));
      } finally {
        writeFileSync(tasksFile, tasksOriginal);
      }
    }
  }
  const summary = {};
  for (const [name, list] of Object.entries(samples)) {
    summary[name] = { firstMs: list[0].ms, medianMs: median(list.map((s) => s.ms)), cpuMs: median(list.map((s) => s.cpuMs)), peakMb: Math.max(...list.map((s) => s.rssMb)) };
  }
  const govern = summary['govern check'];
  const raw = summary['raw parse (floor)'];
  const node0 = summary['node -e 0'];
  const ml = summary['markdownlint-cli2'];
  console.log(`\n${documents} documents (${(bytes / 1024).toFixed(0)} KB), ${runs} round(s), medians:`);
  for (const [name, s] of Object.entries(summary)) {
    console.log(`  ${name.padEnd(30)} ${fmt(s.medianMs).padStart(8)}  (first ${fmt(s.firstMs)})  cpu ${fmt(s.cpuMs)}  peak ${s.peakMb.toFixed(0)} MB`);
  }
  console.log(`  (first = the first run after generating the tree)`);
  console.log(`  raw parse detail: import ${fmt(rawDetail.importMs)}, parse ${fmt(rawDetail.parseMs)} (${(rawDetail.bytes / 1024 / 1024 / (rawDetail.parseMs / 1000)).toFixed(2)} MB/s)`);
  const targets = [];
  const target = (label, value, limit) => targets.push({ label, value: Number(value), limit, ok: Number(value) <= limit });
  if (size <= 10) target('govern / node -e 0', ratio(govern.medianMs, node0.medianMs), 3);
  // The issue sets the parse-time target at 100 and 5,000 documents; other sizes are shown for the trend.
  const parseTarget = size === 100 || size >= 5000 ? 1.0 : Infinity;
  if (ml) target('govern / markdownlint-cli2', ratio(govern.medianMs, ml.medianMs), size > 10 && size <= 100 ? 0.7 : Infinity);
  target('govern / raw parse (time)', ratio(govern.medianMs, raw.medianMs), parseTarget);
  target('govern / raw parse (peak memory)', ratio(govern.peakMb, raw.peakMb), 2.0);
  for (const build of builds) {
    const bundled = summary[`${build.name} check (bundle)`];
    const label = (what) => `${build.name}${bundled ? ' (bundle)' : ''} ${what}`;
    if (size <= 10 && bundled) target(label('/ node -e 0'), ratio(bundled.medianMs, node0.medianMs), 3);
    if (ml && bundled) target(label('/ markdownlint-cli2'), ratio(bundled.medianMs, ml.medianMs), size > 10 && size <= 100 ? 0.7 : Infinity);
    if (bundled) target(label('/ raw parse (time)'), ratio(bundled.medianMs, raw.medianMs), parseTarget);
    if (bundled) target(label('/ raw parse (peak memory)'), ratio(bundled.peakMb, raw.peakMb), 2.0);
    const [, warm, oneChanged, oneTicked] = cacheRowsOf(build).map((row) => summary[row]);
    // The cache rows run as the cold row they are compared with: bundled when the bundle row exists.
    const cold = bundled ?? govern;
    if (warm) target(`${build.name} --cache warm / cold`, ratio(warm.medianMs, cold.medianMs), Infinity);
    if (oneChanged) target(`${build.name} --cache 1 changed / cold`, ratio(oneChanged.medianMs, cold.medianMs), size >= 5000 ? 0.05 : Infinity);
    if (oneTicked) target(`${build.name} --cache 1 ticked / cold`, ratio(oneTicked.medianMs, cold.medianMs), size >= 5000 ? 0.05 : Infinity);
  }
  for (const t of targets) {
    const limit = Number.isFinite(t.limit) ? `target ≤ ${t.limit}` : 'no target at this size';
    const shown = t.value < 0.1 ? t.value.toFixed(3) : t.value.toFixed(2);
    console.log(`  ${t.label.padEnd(44)} ${shown.padStart(6)}×  ${limit}${Number.isFinite(t.limit) ? (t.ok ? '  ✓' : '  ✗') : ''}`);
  }
  all.push({ size, documents, bytes, runs, summary, rawDetail, targets });
}
rmSync(scratch, { recursive: true, force: true });
if (values.json) writeFileSync(values.json, `${JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, results: all }, null, 2)}\n`);
