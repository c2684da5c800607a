// The floor: unified + remark-parse + remark-frontmatter + remark-gfm parsing every Markdown file of
// a tree in one process, with nothing else. Prints {files, bytes, importMs, parseMs} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
// The remark stack is a dependency of @govern/core, resolved from there (pnpm does not hoist it).
const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const [{ unified }, { default: remarkParse }, { default: remarkFrontmatter }, { default: remarkGfm }] = await Promise.all([
  load('unified'),
  load('remark-parse'),
  load('remark-frontmatter'),
  load('remark-gfm'),
]);
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
const imported = performance.now();

const root = path.resolve(process.argv[2] ?? '.');
const files = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
  .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
let bytes = 0;
let nodes = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  nodes += processor.parse(text).children.length;
}
const done = performance.now();
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, nodes, importMs: imported - started, parseMs: done - imported })}\n`);
