/**
 * The render worker: loads the renderers it was started for at once (while the main thread reads
 * the pack), then renders the jobs it is sent, one at a time, posting each output as it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FORMATS } from './formats.js';
import { renderJob, type WorkerMessage, type WorkerRequest } from './render-jobs.js';

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const { formats } = workerData as { formats: string[] };
const ready = Promise.all(FORMATS.filter((f) => formats.includes(f.name)).map((f) => f.load()));

/** The bytes in a buffer of their own, which can be handed to the main thread without copying. */
const own = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

port.on('message', async ({ jobs, layout, fonts }: WorkerRequest) => {
  try {
    await ready;
    for (const { index, job } of jobs) {
      const started = performance.now();
      post({ type: 'start', index });
      const rendered = await renderJob({ ...job, format: FORMATS.find((f) => f.name === job.format)! }, layout, fonts);
      const bytes = own(rendered.bytes);
      post({ type: 'done', index, ms: performance.now() - started, rendered: { ...rendered, bytes } }, [bytes.buffer as ArrayBuffer]);
    }
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message ?? String(error), ...((error as Error).stack ? { stack: (error as Error).stack } : {}) });
  }
});
