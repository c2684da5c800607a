#!/usr/bin/env node
// Draws the import graph of packages/*/src from the source (every static import and re-export, type-only
// ones included, and every `import('…')`) and checks two things: no import cycle anywhere, and inside
// core no arrow pointing back up its layers (docs/architecture.md). Prints what it finds; exits 1 on any.
//
//   node scripts/check-layers.mjs
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const repo = fileURLToPath(new URL('../', import.meta.url));

/**
 * Core's folders, bottom first, with what each may import besides itself. A root file (`check.ts`,
 * `errors.ts`, `index.ts`) is its own layer. `errors.ts` is a leaf every layer may use.
 */
export const CORE_LAYERS = {
  'errors.ts': [],
  text: [],
  model: ['text'],
  parse: ['text', 'model'],
  kinds: ['text', 'model', 'parse'],
  load: ['text', 'model', 'parse', 'kinds'],
  query: ['text', 'model', 'kinds'],
  lint: ['text', 'model', 'parse', 'kinds', 'load'],
  incremental: ['text', 'model', 'parse', 'kinds', 'load', 'lint'],
  'check.ts': ['text', 'model', 'parse', 'kinds', 'load', 'lint', 'incremental'],
  init: ['text', 'model', 'load'],
  'index.ts': ['*'],
};

/** Which workspace package may import which. */
const PACKAGES = {
  core: [],
  'eslint-style-rules': ['core'],
  cli: ['core', 'eslint-style-rules'],
};

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/** The module specifiers a file imports, re-exports or loads with `import()`, type-only ones included. */
function specifiersOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a specifier names: a relative one inside the repository, or a workspace package's entry. */
function resolve(from, specifier) {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(from), specifier).replace(/\.js$/, '.ts');
  const workspace = /^@govern\/([^/]+)/.exec(specifier);
  if (workspace) return `package:${workspace[1]}`;
  return undefined;
}

/** `core/lint`, `core/check.ts`, `cli/commands`, …: the package and its first folder (or root file). */
function unitOf(file) {
  const relative = path.relative(path.join(repo, 'packages'), file).split(path.sep);
  const [pkg, , first] = relative;
  return { pkg, layer: first };
}

/** Every cycle's files, one list per strongly connected component (Tarjan's algorithm). */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (node) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return found;
}

/** The problems in the import graph of packages/*\/src: cycles, and imports that point back up. */
export function layerProblems() {
  const problems = [];
  const graph = new Map();
  for (const pkg of Object.keys(PACKAGES)) {
    for (const file of sourceFiles(path.join(repo, 'packages', pkg, 'src'))) {
      const targets = [];
      for (const specifier of specifiersOf(file)) {
        const target = resolve(file, specifier);
        if (target === undefined) continue;
        const from = path.relative(repo, file);
        if (target.startsWith('package:')) {
          const to = target.slice('package:'.length);
          if (!PACKAGES[pkg].includes(to)) problems.push(`${from} imports ${specifier}: ${pkg} may not import ${to}`);
          continue;
        }
        targets.push(target);
        if (pkg !== 'core') continue;
        const { layer } = unitOf(file);
        const { layer: toLayer } = unitOf(target);
        if (layer === toLayer) continue;
        const allowed = CORE_LAYERS[layer];
        if (!allowed) problems.push(`${from}: core/${layer} is in no layer of scripts/check-layers.mjs`);
        else if (toLayer !== 'errors.ts' && !allowed.includes('*') && !allowed.includes(toLayer)) {
          problems.push(`${from} imports ${specifier}: core/${layer} may not import core/${toLayer}`);
        }
      }
      graph.set(file, targets);
    }
  }
  for (const component of cycles(graph)) problems.push(`import cycle: ${component.map((f) => path.relative(repo, f)).join(' → ')}`);
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = layerProblems();
  for (const problem of problems) console.log(problem);
  console.log(problems.length === 0 ? 'layers: no import cycle, no import against the layers' : `layers: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
