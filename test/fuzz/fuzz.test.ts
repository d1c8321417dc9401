/**
 * The mutation fuzzer. `npm test` replays every kept regression and runs a short seeded run;
 * `npm run fuzz` runs 10,000 cases (FUZZ_CASES, FUZZ_SEED and FUZZ_CASE_MS change the run).
 * A failing case is written to `regressions/`, so that it is replayed from then on.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSources, FuzzRunner, readRegressions, REGRESSIONS_DIR, type FuzzOutcome } from './harness.js';
import { fuzzCase } from './mutate.mjs';

const CASES = Number(process.env.FUZZ_CASES ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20151026);
/** A case still running after this long has hung: 5 minutes in `npm test`, where the machine may be busy with the whole suite; `npm run fuzz` sets 60 s. */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 300_000);
/** Every tenth case also plans the public edition, and every 25th runs spelling too. */
const PLAN_EVERY = 10;
const SPELLING_EVERY = 25;

const files = contentSources();
const runner = new FuzzRunner(files, CASE_MS);
afterAll(() => runner.close());

describe('fuzzing', () => {
  it('replays every kept regression without an internal error', async () => {
    const regressions = readRegressions();
    expect(regressions.length).toBeGreaterThan(0);
    const failures: FuzzOutcome[] = [];
    for (const input of regressions) {
      const outcome = await runner.run(input);
      if (!outcome.ok) failures.push(outcome);
    }
    expect(failures).toEqual([]);
  }, 120 * CASE_MS);

  it(`survives ${CASES} seeded mutations of the default content (seed ${SEED})`, async () => {
    const failures: FuzzOutcome[] = [];
    const times: number[] = [];
    for (let index = 0; index < CASES; index++) {
      const { path: file, bytes, mutations } = fuzzCase(files, SEED, index);
      const name = `seed ${SEED}, case ${index} (${file}: ${mutations.join(', ')})`;
      const outcome = await runner.run({ name, path: file, bytes, plan: index % PLAN_EVERY === 0, spelling: index % SPELLING_EVERY === 0 });
      times.push(outcome.ms);
      // Reported, not asserted: the slowest shapes are where a limit may be missing.
      if (outcome.ms > 5_000) console.log(`fuzz: slow case, ${Math.round(outcome.ms)} ms: ${name}`);
      // Progress, so that a long run shows where it is and what it found so far.
      if ((index + 1) % 250 === 0) console.log(`fuzz: ${index + 1} of ${CASES} cases, ${failures.length + (outcome.ok ? 0 : 1)} failures, slowest ${Math.round(Math.max(...times))} ms`);
      if (!outcome.ok) {
        failures.push(outcome);
        // Kept as a regression, replayed by every later run.
        writeFileSync(path.join(REGRESSIONS_DIR, `seed-${SEED}-case-${index}.json`), `${JSON.stringify({ file, text: new TextDecoder().decode(bytes), plan: index % PLAN_EVERY === 0 })}\n`);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    console.log(`fuzz: ${CASES} cases, seed ${SEED}: ${failures.length} failures; per case median ${at(0.5)} ms, 99th percentile ${at(0.99)} ms, slowest ${at(1)} ms; total ${Math.round(times.reduce((a, b) => a + b, 0) / 1000)} s`);
    expect(failures.map((f) => `${f.name}: ${f.failure}`)).toEqual([]);
  }, CASES * CASE_MS);
});
