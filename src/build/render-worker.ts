/**
 * The render worker: loads the renderers it was started for at once (while the main thread reads
 * the pack), then renders outputs and reads outputs back for the leak gate as it is asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { saveCache, useCache } from '../cache/store.js';
import { readOutput } from '../editions/leaks.js';
import { FORMATS, type Pages } from './formats.js';
import { renderOutput, type WorkerReply, type WorkerRequest } from './render-jobs.js';

const port = parentPort!;
const preload = workerData as { formats: string[]; pdfReader: boolean; cache?: string };
// The cache directory the build has open, if any: the DOCX renderer keeps its deflated faces there.
useCache(preload.cache);
void Promise.all([...FORMATS.filter((f) => preload.formats.includes(f.name)).map((f) => f.load()), preload.pdfReader ? import('../editions/leaks/pdf.js') : undefined]);

/** The bytes in a buffer of their own, which can be handed to the main thread without copying. */
const own = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

/** Page numbers sent after the render request they are for, by its id; whichever of the two comes first makes the entry. */
const pagesFor = new Map<number, { promise: Promise<Pages>; give(message: Extract<WorkerRequest, { kind: 'pages' }>): void }>();

function pagesOf(id: number) {
  let entry = pagesFor.get(id);
  if (!entry) {
    let give!: (message: Extract<WorkerRequest, { kind: 'pages' }>) => void;
    const promise = new Promise<Pages>((resolve, reject) => {
      give = (message) => ('error' in message ? reject(new Error(message.error)) : resolve(message.pages));
    });
    // Rejected pages fail their render; until the render asks for them they are not unhandled.
    promise.catch(() => undefined);
    entry = { promise, give };
    pagesFor.set(id, entry);
  }
  return entry;
}

/** A request; `ms` leaves out the time a render waited for its page numbers. */
async function handle(id: number, request: Exclude<WorkerRequest, { kind: 'pages' }>): Promise<{ result: unknown; transfer: ArrayBuffer[]; ms: number }> {
  const began = performance.now();
  if (request.kind === 'read') return { result: await readOutput(request.name, request.bytes), transfer: [], ms: performance.now() - began };
  const { job, layout, fonts } = request;
  let waited = 0;
  const pages = async () => {
    const asked = performance.now();
    try {
      return await pagesOf(id).promise;
    } finally {
      waited = performance.now() - asked;
    }
  };
  const format = FORMATS.find((f) => f.name === job.format)!;
  const rendered = await renderOutput({ ...job, format }, layout, fonts, request.pagesFollow ? { pages } : {}).finally(() => pagesFor.delete(id));
  const bytes = own(rendered.bytes);
  const places = job.readBack ? await readOutput(job.name, bytes) : undefined;
  return { result: { ...rendered, bytes, ...(places ? { places } : {}) }, transfer: [bytes.buffer as ArrayBuffer], ms: performance.now() - began - waited };
}

// One request at a time, in the order they came: two renders interleaved would hold both
// documents in memory at once and finish both late. A DOCX waiting for its page numbers keeps
// its turn, for the same reason. Page numbers go straight to the render waiting for them.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  if (request.kind === 'pages') pagesOf(id).give(request);
  else queue = queue.then(() => answer(id, request));
});

function answer(id: number, request: Exclude<WorkerRequest, { kind: 'pages' }>): Promise<void> {
  return handle(id, request)
    .finally(saveCache)
    .then(
      ({ result, transfer, ms }) => port.postMessage({ id, result, ms } satisfies WorkerReply, transfer),
      (error: Error) => port.postMessage({ id, error: { message: error.message ?? String(error), ...(error.stack ? { stack: error.stack } : {}) } } satisfies WorkerReply),
    );
}
