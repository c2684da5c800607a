import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/load/config.js';
import { GovernError } from '../src/errors.js';

const dir = (name: string) => fileURLToPath(new URL(`../../../fixtures/config/${name}`, import.meta.url));

describe('loadConfig', () => {
  it('reads package.json#govern', async () => {
    const { config, file } = await loadConfig(dir('package-json'));
    expect(file).toMatch(/package\.json$/);
    expect(config.documents?.product).toEqual(['docs/features.md']);
    expect(config.rules).toEqual({ 'handoff-evidence': 'warn' });
  });

  it('reads .governrc.yaml', async () => {
    const { config } = await loadConfig(dir('yaml-rc'));
    expect(config).toEqual({ extends: ['govern:strict'], ignore: ['archive/**'] });
  });

  it('returns an empty config when there is none', async () => {
    expect(await loadConfig(dir('../example'))).toEqual({ config: {} });
  });

  it.each([
    ['broken-json', /^Invalid config govern\.config\.json: /],
    ['unknown-property', /^Invalid config \.governrc\.json: config: unknown property "ruels"; did you mean "rules"\?$/],
    ['bad-document-globs', /^Invalid config govern\.config\.json: documents\.product must be array$/],
  ])('rejects %s with a one-line GovernError', async (name, message) => {
    const error = await loadConfig(dir(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GovernError);
    expect((error as GovernError).code).toBe('config');
    expect((error as GovernError).message).toMatch(message);
    expect((error as GovernError).message).not.toContain('\n');
  });

  it('rejects a missing explicit config file', async () => {
    await expect(loadConfig(dir('yaml-rc'), 'nope.json')).rejects.toThrow('Config file not found: nope.json');
  });
});
