// Preloaded with `node --import` into every benchmarked process: on exit it records the peak
// resident set size (KB) and the CPU time used (µs, all threads), so all commands are measured the same
// way without /usr/bin/time. CPU time says less about what a user waits for, and more when the machine
// is busy with other work.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}`);
  });
}
