/**
 * Runs fuzz cases on a worker thread, against the compiled pipeline in `dist/`: the harness can
 * then stop a case that hangs and cap its memory (the worker's heap limit), which a test running
 * on the main thread could not. Each case: load → validate → resolve → the check rules (spelling
 * only on some cases), and for some cases the public edition's plan.
 */
import { parentPort, workerData } from 'node:worker_threads';

const dist = new URL('../../dist/', import.meta.url);
const [{ memoryTree }, { readPack }, { checkPack }, { editionPlan }, { loadLayout }, { SourceCache }, { RULES }] = await Promise.all(
  ['io/source-tree.js', 'pipeline.js', 'check/run.js', 'build/build.js', 'plan/template.js', 'load/cache.js', 'check/registry.js'].map((m) => import(new URL(m, dist).href)),
);
// Spelling costs more than every other rule together (its work grows with the whole pack's prose): it runs on the full cases only.
const WITHOUT_SPELLING = RULES.filter((rule) => rule.id !== 'spelling');
const { files } = workerData;
const { layout, fonts } = await loadLayout();
// Unchanged sources are parsed once, as watch does: each case then costs what its one file costs.
const cache = new SourceCache();

parentPort.on('message', async ({ id, path, bytes, plan, spelling }) => {
  const started = performance.now();
  try {
    const tree = memoryTree({ ...files, [path]: bytes }, 'content');
    const read = await readPack(tree, cache);
    const diagnostics = await checkPack(tree, read, spelling ? {} : { rules: WITHOUT_SPELLING });
    let planned = false;
    if (plan && read.pack) {
      const edition = read.pack.editions.find((e) => e.id === 'public') ?? read.pack.editions[0];
      if (edition) {
        editionPlan(read.pack, edition, layout, fonts, { SOURCE_DATE_EPOCH: '1445817600' });
        planned = true;
      }
    }
    const internal = diagnostics.filter((d) => d.ruleId === 'internal').map((d) => `${d.file}:${d.line}:${d.column} ${d.reason}`);
    parentPort.postMessage({ id, ok: internal.length === 0, internal, planned, diagnostics: diagnostics.length, ms: performance.now() - started, heap: process.memoryUsage().heapUsed });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: performance.now() - started });
  }
});
parentPort.postMessage({ ready: true });
