/**
 * The render worker: loads the renderers it was started for at once (while the main thread reads
 * the pack), then renders outputs and reads outputs back for the leak gate as it is asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { saveCache, useCache } from '../cache/store.js';
import { readOutput } from '../editions/leaks.js';
import { FORMATS } from './formats.js';
import { renderOutput, type WorkerReply, type WorkerRequest } from './render-jobs.js';

const port = parentPort!;
const preload = workerData as { formats: string[]; pdfReader: boolean; cache?: string };
// The cache directory the build has open, if any: the DOCX renderer keeps its deflated faces there.
useCache(preload.cache);
void Promise.all([...FORMATS.filter((f) => preload.formats.includes(f.name)).map((f) => f.load()), preload.pdfReader ? import('../editions/leaks/pdf.js') : undefined]);

/** The bytes in a buffer of their own, which can be handed to the main thread without copying. */
const own = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

async function handle(request: WorkerRequest): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  if (request.kind === 'read') return { result: await readOutput(request.name, request.bytes), transfer: [] };
  const { job, layout, fonts } = request;
  const rendered = await renderOutput({ ...job, format: FORMATS.find((f) => f.name === job.format)! }, layout, fonts);
  const bytes = own(rendered.bytes);
  const places = job.readBack ? await readOutput(job.name, bytes) : undefined;
  return { result: { ...rendered, bytes, ...(places ? { places } : {}) }, transfer: [bytes.buffer as ArrayBuffer] };
}

// One request at a time, in the order they came: two renders interleaved would hold both
// documents in memory at once and finish both late.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  queue = queue.then(() => answer(id, request));
});

function answer(id: number, request: WorkerRequest): Promise<void> {
  const began = performance.now();
  return handle(request).finally(saveCache).then(
    ({ result, transfer }) => port.postMessage({ id, result, ms: performance.now() - began } satisfies WorkerReply, transfer),
    (error: Error) => port.postMessage({ id, error: { message: error.message ?? String(error), ...(error.stack ? { stack: error.stack } : {}) } } satisfies WorkerReply),
  );
}
