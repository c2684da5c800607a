import { readFileSync } from 'node:fs';

export function cliVersion(): string {
  const data = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return data.version;
}
