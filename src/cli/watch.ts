import path from 'node:path';
import { watch as watchFiles } from 'chokidar';
import { RenderPool } from '../build/render-jobs.js';
import { saveCache } from '../cache/store.js';
import { SourceCache } from '../load/cache.js';
import { prepareBuild, runBuild, writable, type BuildOptions } from './build.js';
import { EXIT, type CliIo } from './io.js';

export interface WatchOptions extends Pick<BuildOptions, 'format' | 'edition' | 'out' | 'draft' | 'final' | 'layout'> {
  /** Quiet time after the last change before rebuilding, so a burst of saves makes one build. */
  debounceMs?: number;
  /** Parsed sources kept between builds; tests pass their own to see what was parsed. */
  cache?: SourceCache;
}

/** Editors' swap, backup and lock files, which change while the real file does not. */
const TEMPORARY = /(~|\.sw[a-p]|\.swpx|\.tmp|\.bak|\.crdownload|\.part(ial)?)$|^#.*#$|^\.#|^4913$/;

/**
 * Builds the pack, then again after every change in the content directory (which cannot hold the output directory), until `signal` aborts
 * (Ctrl-C); then exit 0. Each build prints its diagnostics (text), or one line with the time, how
 * long it took and what it wrote. A failed build writes nothing, so out/ keeps the last good pack.
 */
export async function watch(dir: string, options: WatchOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  const prepared = prepareBuild('watch', dir, { ...options, reporter: 'text' }, io);
  if (typeof prepared === 'number') return prepared;
  if (!(await writable(prepared, io, 'ogp-pack watch'))) return EXIT.contentErrors;
  const cache = options.cache ?? new SourceCache();
  const root = path.resolve(io.cwd, dir);
  const clock = io.now ?? (() => new Date());
  // `--layout FILE` may lie outside the meeting's directory; it is watched too.
  const layout = options.layout === undefined ? undefined : path.resolve(io.cwd, options.layout);
  const ignored = (file: string) => {
    if (file === layout) return false;
    const relative = path.relative(root, file);
    if (relative === '') return false;
    return relative.split(path.sep).some((part) => part.startsWith('.') || TEMPORARY.test(part));
  };

  const watcher = watchFiles(layout ? [root, layout] : root, { ignoreInitial: true, ignored, persistent: true });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  watcher.on('error', (error) => void io.stderr.write(`ogp-pack watch: ${(error as Error).message}\n`));
  // One render worker for every build, which keeps its renderers loaded.
  const pool = new RenderPool(prepared.request.formats.map((f) => f.name));
  prepared.request.pool = pool;
  // A rebuild on every save stays quick: the content checks are `check`'s to report.
  prepared.request.contentChecks = false;
  const label = path.relative(io.cwd, root) || '.';

  let building: Promise<void> | undefined;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  let first = true;
  const rebuild = async () => {
    const run = await runBuild(prepared, io, { cache });
    // What this build shaped and measured is kept at once: watch ends only on Ctrl-C.
    saveCache();
    const time = clock().toTimeString().slice(0, 8);
    const verb = first ? 'built' : 'rebuilt';
    first = false;
    if (run.code === EXIT.ok) {
      io.stdout.write(`${time} ${verb} in ${(run.ms / 1000).toFixed(1)} s: wrote ${run.written.map((w) => w.path).join(', ')}\n`);
    } else {
      io.stderr.write(`${time} ${verb === 'built' ? 'build' : 'rebuild'} failed; ${prepared.outLabel}/ keeps the last pack. Fix the sources and save.\n`);
    }
  };
  // One build at a time: changes during a build start another when it ends.
  const schedule = () => {
    if (building) {
      pending = true;
      return;
    }
    building = rebuild()
      .catch((error: unknown) => void io.stderr.write(`ogp-pack watch: internal error (a bug in ogp-pack, not in your content): ${(error as Error).stack ?? String(error)}\n`))
      .finally(() => {
        building = undefined;
        if (pending && !signal?.aborted) {
          pending = false;
          schedule();
        }
      });
  };
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(schedule, options.debounceMs ?? 100);
  });

  io.stderr.write(`Watching ${label}/ for changes; press Ctrl-C to stop.\n`);
  schedule();
  if (!signal?.aborted) await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  clearTimeout(timer);
  pending = false;
  await building;
  await watcher.close();
  await pool.close();
  return EXIT.ok;
}
