// Loaded with `node --import` by bench/run.mjs when GNU time is missing: at exit, writes the
// process's peak resident memory in KB (worker threads share it) to $OGP_BENCH_RSS_FILE,
// keeping the larger figure if a child Node process wrote one first.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.OGP_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    let previous = 0;
    try {
      previous = Number(readFileSync(file, 'utf8')) || 0;
    } catch {}
    writeFileSync(file, String(Math.max(previous, process.resourceUsage().maxRSS)));
  });
}
