// Regenerates the rule ids and presets in the config schema from the rules' metadata (run after `pnpm build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { configSchemaWithRules, presetNames, rules, schemaText } from '../packages/eslint-style-rules/dist/index.js';

const file = new URL('../packages/core/schema/config.schema.json', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = schemaText(configSchemaWithRules(JSON.parse(before), rules, presetNames));
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'config schema is up to date' : 'config schema updated');
