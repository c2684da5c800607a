import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchemaWithRules, presetNames, rules, schemaText } from '../src/index.js';

const schemaFile = fileURLToPath(new URL('../../core/schema/config.schema.json', import.meta.url));
const text = readFileSync(schemaFile, 'utf8');
// ajv is core's dependency: the editor's view of the schema is checked with it.
const Ajv = createRequire(fileURLToPath(new URL('../../core/package.json', import.meta.url)))('ajv') as typeof import('ajv').default;

describe('config.schema.json', () => {
  it('lists the rule ids and presets the rules define (`pnpm config-schema` writes them)', () => {
    expect(text, 'run `npx -y pnpm@10 config-schema` and commit the schema').toBe(schemaText(configSchemaWithRules(JSON.parse(text) as Record<string, unknown>, rules, presetNames)));
    const schema = JSON.parse(text) as { definitions: { rules: { properties: object }; preset: { enum: string[] } } };
    expect(Object.keys(schema.definitions.rules.properties)).toEqual(Object.keys(rules).sort());
    expect(schema.definitions.preset.enum).toEqual(['govern:recommended', 'govern:strict']);
  });

  it('lets an editor catch a misspelt rule id or preset', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(text) as object);
    expect(validate({ extends: ['govern:strict'], rules: { 'handoff-evidence': 'warn', 'govern/handoff-owner': ['error'] } })).toBe(true);
    expect(validate({ rules: { 'handoff-evidenc': 'warn' } })).toBe(false);
    expect(validate({ overrides: [{ files: 'status.md', rules: { 'no-such-rule': 'off' } }] })).toBe(false);
    expect(validate({ extends: ['govern:recommended', 'govern:nope'] })).toBe(false);
    expect(validate({ rules: { 'handoff-evidence': 'eror' } })).toBe(false);
  });
});
