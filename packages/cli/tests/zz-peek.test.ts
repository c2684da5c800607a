import { it } from 'vitest';
import { runCli, fixture } from './run-cli.js';
it('peek', async () => {
  for (const d of ['example', 'messy', 'status-backlog']) console.log((await runCli(['-C', fixture(d), 'status'])).stdout);
});
