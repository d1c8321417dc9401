/**
 * The fuzz harness: runs seeded mutation cases (and the kept regressions) on a worker thread with
 * a heap limit, one at a time, and stops a case that takes longer than its bound. A case fails
 * when an exception escapes the pipeline, a diagnostic has the rule `internal`, the worker runs
 * out of memory, or the case outlives its bound.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTENT_DIR } from '../helpers/trees.js';

export const REGRESSIONS_DIR = fileURLToPath(new URL('./regressions', import.meta.url));
const WORKER = new URL('./worker.mjs', import.meta.url);

/** The worker's heap: the default pack plus one hostile file must fit in about a gigabyte. */
export const HEAP_MB = 1024;

export interface FuzzInput {
  /** What the case is called in reports: `seed 1, case 17` or a regression's file name. */
  name: string;
  path: string;
  bytes: Uint8Array;
  /** Also plan the public edition. */
  plan: boolean;
  /** Also run the spelling rule. */
  spelling: boolean;
}

export interface FuzzOutcome {
  name: string;
  ok: boolean;
  /** Why it failed: the escaped error, internal diagnostics, out of memory or over time. */
  failure?: string;
  ms: number;
}

/** The default content's text sources (and word list), as the fuzzer mutates them. */
export function contentSources(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(CONTENT_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(CONTENT_DIR, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

/**
 * A regression case: `{ "file": "papers/x.md", "text": "…" }`, or for a large input
 * `{ "file": …, "parts": [["text", times], …] }`, the text repeated as given and joined, then
 * optionally `"nest": [prefix, lines, text]`, lines of `text` behind 0, 1, 2… prefixes.
 */
export function readRegressions(): FuzzInput[] {
  const encoder = new TextEncoder();
  return readdirSync(REGRESSIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const spec = JSON.parse(readFileSync(path.join(REGRESSIONS_DIR, name), 'utf8')) as { file: string; text?: string; parts?: [string, number][]; nest?: [string, number, string]; plan?: boolean };
      const [prefix, lines, line] = spec.nest ?? ['', 0, ''];
      const nested = Array.from({ length: lines }, (_, k) => `${prefix.repeat(k)}${line}\n`).join('');
      const text = spec.text ?? (spec.parts ?? []).map(([part, times]) => part.repeat(times)).join('') + nested;
      return { name, path: spec.file, bytes: encoder.encode(text), plan: spec.plan ?? true, spelling: true };
    });
}

/** A worker that runs cases over `files`; restarted after a case that killed or stalled it. */
export class FuzzRunner {
  private worker?: Worker;
  private ready?: Promise<void>;
  private next = 0;

  constructor(
    private readonly files: Record<string, string>,
    private readonly boundMs: number,
  ) {}

  private start(): Promise<void> {
    this.worker = new Worker(WORKER, { workerData: { files: this.files }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.unref();
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
  }

  async run(input: FuzzInput): Promise<FuzzOutcome> {
    this.ready ??= this.start();
    await this.ready;
    const worker = this.worker!;
    const id = this.next++;
    const started = performance.now();
    return new Promise<FuzzOutcome>((resolve) => {
      const finish = (outcome: FuzzOutcome, restart: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          void worker.terminate();
          this.ready = undefined;
        }
        resolve(outcome);
      };
      const onMessage = (m: { id: number; ok: boolean; error?: string; internal?: string[]; ms: number }) => {
        if (m.id !== id) return;
        const failure = m.error ?? (m.internal && m.internal.length > 0 ? `internal diagnostics: ${m.internal.join('; ')}` : undefined);
        finish({ name: input.name, ok: m.ok, ...(failure ? { failure } : {}), ms: m.ms }, false);
      };
      const onError = (error: Error) => finish({ name: input.name, ok: false, failure: `worker died: ${error.message}`, ms: performance.now() - started }, true);
      const onExit = (code: number) => finish({ name: input.name, ok: false, failure: `worker exited with code ${code}`, ms: performance.now() - started }, true);
      // Not a timing assertion on speed: a case this slow has hung, and the worker is replaced.
      const timer = setTimeout(() => finish({ name: input.name, ok: false, failure: `no result after ${this.boundMs / 1000} s (hung)`, ms: this.boundMs }, true), this.boundMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, path: input.path, bytes: input.bytes, plan: input.plan, spelling: input.spelling });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
