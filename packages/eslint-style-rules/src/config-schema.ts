import type { RuleModule } from '@govern/core';

type Schema = Record<string, unknown>;

/**
 * The config schema (packages/core/schema/config.schema.json) with every rule id and every preset
 * listed, made from the rules' metadata so editors complete and check them and the list cannot drift
 * from the rules. `pnpm config-schema` writes it; a test checks the file is what this returns. Rule
 * ids may also be written as the ESLint plugin spells them (`govern/<id>`).
 */
export function configSchemaWithRules(schema: Schema, rules: Record<string, RuleModule>, presetNames: readonly string[]): Schema {
  const ids = Object.keys(rules).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const setting = { $ref: '#/definitions/ruleSetting' };
  const definitions = { ...(schema['definitions'] as Schema) };
  definitions['preset'] = { type: 'string', enum: [...presetNames] };
  definitions['rules'] = {
    type: 'object',
    properties: Object.fromEntries(ids.map((id) => [id, { description: rules[id]!.meta.docs.description, allOf: [setting] }])),
    patternProperties: { '^govern/': setting },
    additionalProperties: false,
  };
  return { ...schema, definitions };
}

/** The schema file's text: two-space JSON and a final newline. */
export function schemaText(schema: Schema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
