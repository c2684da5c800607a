import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Every ```ts run block of docs/api.md and README.md is run as a user would write it (imports of
// `@govern/core` and `@govern/eslint-style-rules`), from the repository root; what it logs must be the
// ```text block right after it. A block that throws fails, so no documented example throws.

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-api-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Example {
  line: number;
  code: string;
  expected: string;
}

function examples(file: string): Example[] {
  const lines = readFileSync(path.join(repo, file), 'utf8').split('\n');
  const found: Example[] = [];
  const block = (start: number) => {
    const end = lines.indexOf('```', start + 1);
    return { body: lines.slice(start + 1, end).join('\n'), end };
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts run') continue;
    const code = block(i);
    let next = code.end + 1;
    while (lines[next] === '') next++;
    expect(lines[next], `${file}:${i + 1}: a \`\`\`ts run block is followed by the \`\`\`text it prints`).toBe('```text');
    found.push({ line: i + 1, code: code.body, expected: block(next).body });
    i = block(next).end;
  }
  return found;
}

async function run(code: string, name: string): Promise<string> {
  const module = path.join(scratch, `${name}.ts`);
  writeFileSync(module, code);
  const printed: string[] = [];
  const log = console.log;
  const cwd = process.cwd();
  console.log = (...parts: unknown[]) => printed.push(parts.map(String).join(' '));
  process.chdir(repo);
  try {
    await import(module);
  } finally {
    console.log = log;
    process.chdir(cwd);
  }
  return printed.join('\n');
}

describe.each(['docs/api.md', 'README.md'])('the examples of %s', (file) => {
  const found = examples(file);
  it('has examples to run', () => {
    expect(found.length).toBeGreaterThan(0);
  });
  it.each(found.map((example) => [example.line, example] as const))(`${file}:%i prints what the page says`, async (line, example) => {
    expect(await run(example.code, `${path.basename(file, '.md')}-${line}`)).toBe(example.expected);
  });
});
