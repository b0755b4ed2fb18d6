// Preload used by the bench when /usr/bin/time is missing: writes the process's CPU time and peak
// RSS to BENCH_USAGE_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(file, JSON.stringify({ cpuMs, maxRssKb: usage.maxRSS }));
  });
}
