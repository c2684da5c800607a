// Preloaded with `node --import` into every benchmarked process: on exit it records the peak
// resident set size (KB), so all commands are measured the same way without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
