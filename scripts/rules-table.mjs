// Regenerates the rules table in README.md from the rules' metadata (run after `pnpm build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { rules } from '../packages/eslint-style-rules/dist/index.js';
import { withRulesTable } from '../packages/eslint-style-rules/dist/rules-table.js';

const readme = new URL('../README.md', import.meta.url);
const before = readFileSync(readme, 'utf8');
const after = withRulesTable(before, rules);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README rules table is up to date' : 'README rules table updated');
