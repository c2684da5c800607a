#!/usr/bin/env node
import { statSync } from 'node:fs';

type Main = typeof import('./main.js').main;

function modified(url: URL): number | undefined {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Start-up is mostly module loading, so the bundled entry (scripts/bundle.mjs) is used when there is
 * one, unless a later build of any package it holds would make it stale (GOVERN_NO_BUNDLE=1 skips it).
 */
async function loadMain(): Promise<Main> {
  const bundle = new URL('./govern.bundle.mjs', import.meta.url);
  const bundled = process.env.GOVERN_NO_BUNDLE ? undefined : modified(bundle);
  if (bundled !== undefined) {
    const builds = ['./.tsbuildinfo', '../../core/dist/.tsbuildinfo', '../../eslint-style-rules/dist/.tsbuildinfo'].map((p) =>
      modified(new URL(p, import.meta.url)),
    );
    if (builds.every((time) => time === undefined || time <= bundled)) {
      return ((await import(bundle.href)) as { main: Main }).main;
    }
  }
  return (await import('./main.js')).main;
}

const main = await loadMain();
const exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exitCode = exitCode;
