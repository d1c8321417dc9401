// Prints how long `ogp-pack check` takes on the default content: the whole command as a user
// runs it (a fresh Node process each time), and where the time goes inside one run.
// Run after `npm run build`: node bench/check.mjs [runs]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

// The whole command, in fresh processes.
const wall = [];
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, ['bin/ogp-pack', 'check', 'content', '--quiet'], { cwd: ROOT, stdio: 'ignore' });
  } catch (error) {
    if (error.status !== 0 && error.status !== 1) throw error;
  }
  wall.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const node = [];
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  node.push(Number(process.hrtime.bigint() - start) / 1e6);
}

// Inside one process: loading the modules, the pipeline, and each rule.
const time = async (f) => {
  const start = performance.now();
  const value = await f();
  return [performance.now() - start, value];
};
const [importing, modules] = await time(() =>
  Promise.all([import(`${ROOT}dist/io/source-tree.js`), import(`${ROOT}dist/check/run.js`), import(`${ROOT}dist/check/registry.js`)]),
);
const [{ fileTree }, { runCheck }, { RULES }] = modules;
const tree = fileTree(`${ROOT}content`, 'content');
const [firstPipeline] = await time(() => runCheck(tree, { rules: [] }));
const [pipeline] = await time(() => runCheck(tree, { rules: [] }));
const perRule = [];
for (const rule of RULES.filter((r) => r.check)) {
  const [t] = await time(() => runCheck(tree, { rules: [rule] }));
  perRule.push([rule.id, Math.max(0, t - pipeline)]);
}
const [all, diagnostics] = await time(() => runCheck(tree));

console.log(`ogp-pack check content/ (median of ${RUNS} runs)`);
console.log(`  whole command, fresh process   ${ms(median(wall))}   (node -e 0 alone: ${ms(median(node))})`);
console.log(`  importing the check modules    ${ms(importing)}`);
console.log(`  load → validate → resolve      ${ms(firstPipeline)} first run, ${ms(pipeline)} after`);
console.log(`  all rules, warm                ${ms(all)}   (${diagnostics.length} diagnostics)`);
for (const [id, t] of perRule.sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    ${id.padEnd(28)} ${ms(t)}`);
