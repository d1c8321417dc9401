// The benchmark of the performance targets: the default content scaled ×1 and ×20
// (bench/scale.mjs; ×5 on request), and for each, the wall time and peak memory of
// `ogp-pack check`, the public DOCX, the public PDF and the full build, each run in a fresh process
// as a user runs it, beside two anchors doing the same work on the same public text
// (bench/public-markdown.mjs): pandoc converting it to DOCX, and Typst setting it as a PDF
// (bench/typst.mjs). The anchors' runs alternate with ours, round by round, so a change in the
// machine's load touches both alike. At ×1 it also times a full build with its cache directory
// removed first (cold), and `ogp-pack watch` rebuilding after one paper is edited. Prints every
// target, met or missed, with its figure, anchor and ratio, and writes them all as JSON.
// Speed is measured here, never asserted in tests.
//
//   npm run bench                      (builds dist/ first)
//   node bench/run.mjs [--factors 1,20] [--runs N] [--quick] [--json file] [--keep] [--ci] [--every]
//
// Runs: 5 at ×1 and 3 at larger factors; --runs N sets every factor's count, --quick is --runs 1.
// The public PDF and Typst run at ×1 only, where their target is; --every runs them at every
// factor.
// --ci also times `npm test` and `.ci/run` (which reinstalls node_modules), about a quarter of
// an hour; without it those two targets are reported as not measured.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleContent } from './scale.mjs';
import { publicMarkdown } from './public-markdown.mjs';
import { markdownToTypst } from './typst.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'ogp-pack');
const TYPST = fileURLToPath(new URL('./typst.mjs', import.meta.url));
const RSS_HOOK = fileURLToPath(new URL('./max-rss-hook.mjs', import.meta.url));

// ── Options ──────────────────────────────────────────────────────────────────────────────────
const USAGE = 'usage: node bench/run.mjs [--factors 1,20] [--runs N] [--quick] [--json file] [--keep] [--ci] [--every]';

function options(argv) {
  const out = { factors: [1, 20], runs: undefined, json: undefined, keep: false, ci: false, every: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--factors')) out.factors = value().split(',').map(Number);
    else if (arg.startsWith('--runs')) out.runs = Number(value());
    else if (arg === '--quick') out.runs = 1;
    else if (arg.startsWith('--json')) out.json = value();
    else if (arg === '--keep') out.keep = true;
    else if (arg === '--ci') out.ci = true;
    else if (arg === '--every') out.every = true;
    else usage(`unknown option ${arg}`);
  }
  if (out.factors.some((f) => !Number.isInteger(f) || f < 1)) usage('--factors takes whole numbers from 1, e.g. 1,5,20');
  if (out.runs !== undefined && (!Number.isInteger(out.runs) || out.runs < 1)) usage('--runs takes a whole number from 1');
  out.json ??= path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(':', '-')}.json`);
  return out;
}

function usage(problem) {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

const runsFor = (factor, runs) => runs ?? (factor <= 1 ? 5 : 3);

// ── Tools: GNU time for peak memory, pandoc for the baseline ─────────────────────────────────
const isRoot = process.getuid?.() === 0;
const has = (command, args = ['--version']) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const gnuTime = () => has('/usr/bin/time', ['-f', '%M', 'true']);

function aptInstall(pkg) {
  console.log(`installing Debian package ${pkg} (apt-get install -y ${pkg}) …`);
  try {
    execFileSync('apt-get', ['install', '-y', '-q', pkg], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-q', pkg], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

function tools() {
  const notes = [];
  let time = gnuTime();
  if (!time && isRoot) {
    try {
      aptInstall('time');
      time = gnuTime();
    } catch (error) {
      notes.push(`could not install GNU time: ${error.message}`);
    }
  }
  if (!time)
    notes.push(
      'GNU time (/usr/bin/time) is missing; install it with `sudo apt-get install time`. ogp-pack\'s peak memory comes from a --import hook (process.resourceUsage().maxRSS) instead, and pandoc\'s is not measured.',
    );
  let pandoc = has('pandoc');
  if (!pandoc && isRoot) {
    try {
      aptInstall('pandoc');
      pandoc = has('pandoc');
    } catch (error) {
      notes.push(`could not install pandoc: ${error.message}`);
    }
  }
  if (!pandoc) notes.push('pandoc is missing, so its rows and the ratios are skipped. Install it with `sudo apt-get install pandoc` (Debian) and run again.');
  const pandocVersion = pandoc ? execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0] : undefined;
  return { time, pandoc, pandocVersion, notes };
}

// ── One measured run ─────────────────────────────────────────────────────────────────────────
/**
 * Runs `argv` once in a fresh process and returns its wall time (ms, from spawn to exit, as the
 * parent sees it) and peak resident memory (MB): GNU time's %M, the largest RSS of the process,
 * worker threads included since they share it. Without GNU time a Node command gets a hook
 * that writes process.resourceUsage().maxRSS at exit. Output goes to a file, as a terminal
 * would take it, not through a pipe the parent has to drain. `env` adds to the environment.
 */
async function measure(argv, { cwd, log, useTime, env: extra = {}, expectExit = [0] }) {
  const rssFile = `${log}.rss`;
  rmSync(rssFile, { force: true });
  let command = argv;
  const env = { ...process.env, NO_COLOR: '1', ...extra };
  if (useTime) command = ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...argv];
  else if (argv[0] === process.execPath) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${RSS_HOOK}`.trim();
  if (!useTime) env.OGP_BENCH_RSS_FILE = rssFile;
  const fd = openSync(log, 'w');
  const start = process.hrtime.bigint();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (status, signal) => resolve(signal ? signal : status));
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(fd);
  if (!expectExit.includes(code)) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`${argv.slice(1).join(' ')} exited with ${code}:\n${tail}`);
  }
  let mb;
  if (existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure when it fails.
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) mb = kb / 1024;
  }
  return { ms, mb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function dirKB(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  return bytes / 1024;
}

const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);

/** A PDF's page count: poppler's pdfinfo, or pdfjs (a dependency of ogp-pack) without it. */
async function pageCount(file) {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  } catch {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    const pages = pdf.numPages;
    await pdf.destroy();
    return pages;
  }
}

const findFile = (dir, suffix) => readdirSync(dir, { recursive: true }).map(String).find((f) => f.endsWith(suffix));

// ── What is measured ─────────────────────────────────────────────────────────────────────────
// Ours run with OGP_PACK_CACHE_DIR set to a directory of the bench's own, warmed by one untimed
// `check` and full build before the timed runs; the cold build removes its directory first.
// `factors` lists where a target needs a command; --every runs the others at every factor too.
const COMMANDS = [
  { id: 'check', label: 'ogp-pack check', args: (dir) => ['check', dir] },
  { id: 'docx', label: 'build --edition public --format docx', args: (dir, out) => ['build', dir, '--edition', 'public', '--format', 'docx', '--out', out] },
  { id: 'pdf', label: 'build --edition public --format pdf', args: (dir, out) => ['build', dir, '--edition', 'public', '--format', 'pdf', '--out', out], factors: [1] },
  { id: 'full', label: 'build (all editions, all formats)', args: (dir, out) => ['build', dir, '--out', out] },
  { id: 'cold', label: 'build, cache directory removed first', args: (dir, out) => ['build', dir, '--out', out], cold: true, factors: [1] },
];
const ANCHORS = [
  { id: 'pandoc', label: 'pandoc -f markdown -t docx (public)' },
  { id: 'typst', label: 'Typst, Node binding (public PDF)', factors: [1] },
];

/**
 * `ogp-pack watch` on a copy of `dir`: waits for its first build, then edits one public paper
 * `runs` times (a sentence added at the end) and times each edit, from the file's write to the
 * "rebuilt … wrote" line, with the time the command states for the rebuild itself.
 */
async function measureWatch(dir, work, runs, env) {
  const content = path.join(work, 'content');
  const out = path.join(work, 'out');
  cpSync(dir, content, { recursive: true });
  const papers = path.join(content, 'papers');
  const paper = readdirSync(papers)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .find((f) => !/^status:\s*withheld\b/m.test(readFileSync(path.join(papers, f), 'utf8').split(/\n---\s*\n/)[0]));
  const file = path.join(papers, paper);
  const child = spawn(process.execPath, [BIN, 'watch', content, '--out', out], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let waiting;
  let buffered = '';
  const take = (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const line of parts) {
      lines.push({ line, at: process.hrtime.bigint() });
      waiting?.();
    }
  };
  child.stdout.setEncoding('utf8').on('data', take);
  child.stderr.setEncoding('utf8').on('data', take);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  /** The next line from `from` on that says a build ended, within `timeoutMs`. */
  const nextBuild = async (from, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.slice(from).find((l) => / (re)?built in [\d.]+ s: wrote /.test(l.line) || /(re)?build failed/.test(l.line) || /internal error/.test(l.line));
      if (found) {
        if (!/ (re)?built in/.test(found.line)) throw new Error(`ogp-pack watch: ${lines.slice(from).map((l) => l.line).join('\n')}`);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`ogp-pack watch printed no build line within ${timeoutMs / 1000} s:\n${lines.map((l) => l.line).join('\n')}`);
      await Promise.race([new Promise((resolve) => (waiting = resolve)), sleep(200), exited]);
    }
  };
  const samples = [];
  try {
    await nextBuild(0, 180_000);
    const original = readFileSync(file, 'utf8');
    for (let run = 0; run < runs; run++) {
      // Quiet time first, so the watcher has settled and no build is pending.
      await sleep(1000);
      const from = lines.length;
      const start = process.hrtime.bigint();
      writeFileSync(file, `${original.trimEnd()}\n\nThe benchmark edited this paper ${run + 1} times.\n`);
      const done = await nextBuild(from, 60_000);
      const stated = Number(/ (?:re)?built in ([\d.]+) s/.exec(done.line)[1]) * 1000;
      samples.push({ ms: Number(done.at - start) / 1e6, statedMs: stated });
    }
  } finally {
    child.kill('SIGINT');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  return { paper: `papers/${paper}`, samples, extraBuilds: lines.filter((l) => / rebuilt in/.test(l.line)).length - runs };
}

/** What a failed command said: its error line, else its last line. */
function failure(error) {
  const lines = String(error.message).split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /internal error|Error:/.test(l)) ?? lines.find((l) => /\berror\b/.test(l)) ?? lines.at(-1)).slice(0, 400);
}

/** Times a whole command once (for --ci), its output kept in `log`. */
async function measureOnce(argv, log) {
  return measure(argv, { cwd: ROOT, log, useTime: false });
}

// ── The benchmark ────────────────────────────────────────────────────────────────────────────
async function main() {
  const opts = options(process.argv.slice(2));
  const load = os.loadavg();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    model: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadStart: load.map((x) => +x.toFixed(2)),
  };
  const env = tools();
  const typstVersion = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler', 'package.json'), 'utf8')).version;
  console.log('ogp-pack benchmark (bench/run.mjs)');
  console.log(`machine: ${machine.cpus} CPUs, ${machine.model}, ${machine.memoryGB} GB, ${machine.platform}, Node ${machine.node}`);
  console.log(`load average at start: ${machine.loadStart.join(', ')} (1, 5, 15 min); the machine is shared, so figures include other jobs' load`);
  console.log(`memory: ${env.time ? 'GNU time -f %M (peak RSS of the process; worker threads share it)' : 'process.resourceUsage().maxRSS via a --import hook (main process and its worker threads)'}`);
  console.log(`anchors: ${env.pandocVersion ?? 'pandoc not available'}; @myriaddreamin/typst-ts-node-compiler ${typstVersion}`);
  for (const note of env.notes) console.log(`note: ${note}`);

  const work = mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-'));
  const nodeStart = [];
  for (let i = 0; i < 3; i++) nodeStart.push((await measure([process.execPath, '-e', '0'], { cwd: work, log: path.join(work, 'node.log'), useTime: env.time })).ms);
  machine.nodeStartMs = Math.round(median(nodeStart));
  console.log(`\`node -e 0\` alone: ${machine.nodeStartMs} ms (median of 3)`);

  const results = [];
  const packs = [];
  const notes = [];
  let watchResult;
  let ci = {};
  try {
    for (const factor of opts.factors) {
      const runs = runsFor(factor, opts.runs);
      const base = path.join(work, `x${factor}`);
      const dir = path.join(base, 'content');
      const summary = scaleContent(factor, dir);
      const sourceKB = dirKB(dir);
      const { markdown, included, listed } = await publicMarkdown(dir);
      const mdFile = path.join(base, 'public.md');
      const typFile = path.join(base, 'public.typ');
      writeFileSync(mdFile, markdown);
      const wanted = (c) => !c.factors || c.factors.includes(factor) || (opts.every && !c.cold);
      if (wanted(ANCHORS.find((x) => x.id === 'typst'))) writeFileSync(typFile, await markdownToTypst(markdown));
      const cache = path.join(base, 'cache');
      const coldCache = path.join(base, 'cache-cold');
      console.log(
        `\n×${factor}: ${summary.sessions} sessions, ${summary.papers} papers (${summary.withheld} withheld), ${summary.people} biographies, ${summary.workingGroups} working-group sheets, ${summary.tables} tables (${summary.dataRows} rows), ${sourceKB.toFixed(0)} KB of sources; the anchors' public text ${(Buffer.byteLength(markdown) / 1024).toFixed(0)} KB (${included} documents with text, ${listed} listed only). ${runs} run${runs > 1 ? 's' : ''} each; load average ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} …`,
      );

      // One untimed check and full build fill the warm cache. A command that fails is reported
      // as failed, with its error, and not run again.
      const failed = new Map();
      for (const id of ['check', 'full']) {
        const c = COMMANDS.find((x) => x.id === id);
        const out = path.join(base, 'out-warmup');
        rmSync(out, { recursive: true, force: true });
        try {
          await measure([process.execPath, BIN, ...c.args(dir, out)], { cwd: ROOT, log: path.join(base, 'warmup.log'), useTime: false, env: { OGP_PACK_CACHE_DIR: cache } });
        } catch (error) {
          failed.set(id, failure(error));
          console.log(`  ${id} failed: ${failed.get(id)}`);
        }
      }
      const cached = filesIn(cache);
      if (factor === opts.factors[0]) {
        if (cached === 0) notes.push('ogp-pack wrote nothing to its cache directory (OGP_PACK_CACHE_DIR), so every run is cold: the cold full build is the full build\'s own figure, not measured again.');
        else console.log(`  cache directory after the warm-up: ${cached} files, ${dirKB(cache).toFixed(0)} KB`);
      }

      const commands = COMMANDS.filter((c) => wanted(c) && !(c.cold && cached === 0));
      // Ours and the anchors alternate: pandoc, our DOCX, Typst, our PDF, then the rest.
      const order = ['pandoc', 'docx', 'typst', 'pdf', 'check', 'full', 'cold'];
      const rows = [...(env.pandoc ? ANCHORS : ANCHORS.filter((a) => a.id !== 'pandoc')).filter(wanted), ...commands]
        .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
        .map((row) => ({ ...row, factor, samples: [], failed: failed.get(row.id) }));
      for (let run = 0; run < runs; run++) {
        for (const row of rows) {
          if (row.failed) continue;
          const out = path.join(base, `out-${row.id}`);
          rmSync(out, { recursive: true, force: true });
          const log = path.join(base, `${row.id}.log`);
          let argv;
          if (row.id === 'pandoc') argv = ['pandoc', '-f', 'markdown', '-t', 'docx', '-o', path.join(base, 'pandoc.docx'), mdFile];
          else if (row.id === 'typst') argv = [process.execPath, TYPST, 'compile', typFile, path.join(base, 'typst.pdf')];
          else argv = [process.execPath, BIN, ...row.args(dir, out)];
          if (row.cold) rmSync(coldCache, { recursive: true, force: true });
          try {
            const sample = await measure(argv, { cwd: ROOT, log, useTime: env.time, env: { OGP_PACK_CACHE_DIR: row.cold ? coldCache : cache } });
            row.samples.push(sample);
            process.stdout.write(`  ${row.id} ${Math.round(sample.ms)} ms;`);
          } catch (error) {
            row.failed = failure(error);
            process.stdout.write(`  ${row.id} failed: ${row.failed}\n`);
          }
        }
      }
      process.stdout.write('\n');
      // Pages and sizes as the full build's manifests state them (one per edition), and the
      // public PDF's and Typst's page counts read from the files.
      const manifests = ['public', 'committee'].map((edition) => path.join(base, 'out-full', edition, 'manifest.json')).filter(existsSync);
      const outputs = manifests
        .flatMap((file) => JSON.parse(readFileSync(file, 'utf8')).outputs)
        .map((o) => ({ path: o.path, edition: o.edition, format: o.format, pages: o.pages, bytes: o.bytes }));
      const publicPdf = ['out-full/public', 'out-pdf/public', 'out-pdf']
        .map((d) => path.join(base, d))
        .filter(existsSync)
        .map((d) => findFile(d, '.pdf') && path.join(d, findFile(d, '.pdf')))
        .find(Boolean);
      const typstPdf = path.join(base, 'typst.pdf');
      const pages = { ours: publicPdf ? await pageCount(publicPdf) : undefined, typst: existsSync(typstPdf) ? await pageCount(typstPdf) : undefined };
      console.log(`  public PDF: ${pages.ours ? `ogp-pack ${pages.ours} pages` : 'not built'}${pages.typst ? `, Typst ${pages.typst} pages` : ''}`);
      packs.push({ factor, ...summary, sourceKB: +sourceKB.toFixed(1), anchorInputKB: +(Buffer.byteLength(markdown) / 1024).toFixed(1), pages: pages.ours, typstPages: pages.typst, outputs, runs, cacheFiles: cached });
      for (const row of rows) {
        const ms = row.samples.map((s) => s.ms);
        if (row.failed && ms.length === 0) {
          results.push({ factor, command: row.id, label: row.label, runs: 0, failed: row.failed });
          continue;
        }
        results.push({
          factor,
          command: row.id,
          label: row.label,
          runs: ms.length,
          medianMs: Math.round(median(ms)),
          minMs: Math.round(Math.min(...ms)),
          maxMs: Math.round(Math.max(...ms)),
          peakMB: row.samples.some((s) => s.mb !== undefined) ? Math.round(Math.max(...row.samples.map((s) => s.mb ?? 0))) : undefined,
          samplesMs: ms.map(Math.round),
          ...(row.failed ? { failed: row.failed } : {}),
        });
      }

      if (factor === 1) {
        const runsWatch = Math.max(runs, 3);
        console.log(`  watch: first build, then ${runsWatch} edits of one paper …`);
        try {
          watchResult = await measureWatch(dir, path.join(base, 'watch'), runsWatch, { OGP_PACK_CACHE_DIR: cache });
          console.log(`  watch: ${watchResult.samples.map((s) => `${Math.round(s.ms)} ms`).join('; ')} (${watchResult.paper})`);
        } catch (error) {
          watchResult = { failed: failure(error), samples: [] };
          console.log(`  watch failed: ${watchResult.failed}`);
        }
      }
    }

    if (opts.ci) {
      console.log('\nCI: npm test, then .ci/run (npm ci and the suite on Node 20, 22 and 24) …');
      ci.npmTest = Math.round((await measureOnce(['npm', 'test'], path.join(work, 'npm-test.log'))).ms);
      ci.ciRun = Math.round((await measureOnce([path.join(ROOT, '.ci', 'run')], path.join(work, 'ci-run.log'))).ms);
    }
  } finally {
    machine.loadEnd = os.loadavg().map((x) => +x.toFixed(2));
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`\nkept the scaled packs, outputs and logs in ${work}`);
  }
  report({ machine, packs, results, watch: watchResult, ci, notes, opts, anchors: { pandoc: env.pandocVersion, typst: `@myriaddreamin/typst-ts-node-compiler ${typstVersion}` } });
}

// ── The report ───────────────────────────────────────────────────────────────────────────────
const pad = (text, n, right = false) => (right ? String(text).padStart(n) : String(text).padEnd(n));
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const spread = (r) => `${seconds(r.medianMs)} (${seconds(r.minMs)}–${seconds(r.maxMs)}, ${r.runs} run${r.runs > 1 ? 's' : ''})`;

/** Ours against an anchor: the ratio of the medians, and the median and range of the ratios run by run. */
function ratioOf(ours, anchor) {
  const paired = ours.samplesMs.map((ms, i) => ms / anchor.samplesMs[i]).filter(Number.isFinite);
  return {
    ratio: +(ours.medianMs / anchor.medianMs).toFixed(2),
    paired: { median: +median(paired).toFixed(2), min: +Math.min(...paired).toFixed(2), max: +Math.max(...paired).toFixed(2) },
  };
}

/** Every target of the issue, from the runs; one not run says so and why. */
function targets({ results, packs, watch, ci, notes }) {
  const find = (factor, command) => results.find((r) => r.factor === factor && r.command === command);
  const out = [];
  /** A command that never ran to the end misses its target, with its error as the figure. */
  const failedRow = (name, r, limit) => out.push({ name, measured: `failed: ${r.failed}`, limit, met: false });
  const time = (name, factor, command, limitMs, why) => {
    const r = find(factor, command);
    if (r?.runs === 0) return failedRow(name, r, `≤ ${seconds(limitMs)}`);
    out.push(r ? { name, measured: spread(r), medianMs: r.medianMs, limit: `≤ ${seconds(limitMs)}`, met: r.medianMs <= limitMs } : { name, measured: `not run (${why ?? `needs ×${factor}`})`, limit: `≤ ${seconds(limitMs)}` });
  };
  const against = (name, factor, command, anchorId, limit) => {
    const r = find(factor, command);
    const a = find(factor, anchorId);
    if (r?.runs === 0) return failedRow(name, r, `≤ ${limit}×`);
    if (!r || !a || a.runs === 0) {
      out.push({ name, measured: `not run (${!r ? `needs ×${factor}` : `${anchorId} is missing`})`, limit: `≤ ${limit}×` });
      return;
    }
    const { ratio, paired } = ratioOf(r, a);
    out.push({ name, measured: spread(r), medianMs: r.medianMs, anchor: `${a.label}: ${spread(a)}`, anchorMs: a.medianMs, ratio, paired, limit: `≤ ${limit}×`, met: ratio <= limit });
  };
  time('full build ×1, warm cache: about 1.0 s', 1, 'full', 1000);
  against('full build ×1, warm cache: ≤ 2.5× pandoc DOCX', 1, 'full', 'pandoc', 2.5);
  if (find(1, 'cold')) time('full build ×1, cold (cache directory removed first)', 1, 'cold', 1500);
  else {
    const r = find(1, 'full');
    if (r?.runs === 0) failedRow('full build ×1, cold (cache directory removed first)', r, '≤ 1.50 s');
    else out.push({ name: 'full build ×1, cold (cache directory removed first)', measured: r ? `${spread(r)}; no cache yet, so every build is cold` : 'not run (needs ×1)', medianMs: r?.medianMs, limit: '≤ 1.50 s', met: r ? r.medianMs <= 1500 : undefined });
  }
  against('public PDF ×1: ≤ 2× Typst', 1, 'pdf', 'typst', 2);
  const p1 = packs.find((p) => p.factor === 1);
  if (p1 && out.at(-1).ratio !== undefined) out.at(-1).pages = `ogp-pack ${p1.pages} pages, Typst ${p1.typstPages}`;
  against('public DOCX ×1: ≤ 2× pandoc', 1, 'docx', 'pandoc', 2);
  against('public DOCX ×20: no slower than pandoc', 20, 'docx', 'pandoc', 1);
  time('check ×1', 1, 'check', 300);
  time('check ×20', 20, 'check', 2000);
  time('full build ×20', 20, 'full', 8000);
  const f20 = find(20, 'full');
  if (f20?.runs === 0) failedRow('full build ×20, peak memory', f20, '≤ 600 MB');
  else out.push(
    f20?.peakMB !== undefined
      ? { name: 'full build ×20, peak memory', measured: `${f20.peakMB} MB (largest of ${f20.runs} runs)`, peakMB: f20.peakMB, limit: '≤ 600 MB', met: f20.peakMB <= 600 }
      : { name: 'full build ×20, peak memory', measured: 'not run (needs ×20)', limit: '≤ 600 MB' },
  );
  if (watch?.samples.length) {
    const ms = watch.samples.map((s) => s.ms);
    const r = { medianMs: Math.round(median(ms)), minMs: Math.round(Math.min(...ms)), maxMs: Math.round(Math.max(...ms)), runs: ms.length };
    out.push({
      name: 'watch: rebuild after one paper is edited (edit to "rebuilt" line)',
      measured: `${spread(r)}; the command states ${seconds(median(watch.samples.map((s) => s.statedMs)))}`,
      medianMs: r.medianMs,
      limit: '≤ 0.30 s',
      met: r.medianMs <= 300,
    });
  } else if (watch?.failed) failedRow('watch: rebuild after one paper is edited', watch, '≤ 0.30 s');
  else out.push({ name: 'watch: rebuild after one paper is edited', measured: 'not run (needs ×1)', limit: '≤ 0.30 s' });
  const ciRow = (name, ms, limitMs) =>
    out.push(ms === undefined ? { name, measured: 'not measured (node bench/run.mjs --ci)', limit: `≤ ${limitMs / 60000} min` } : { name, measured: `${(ms / 60000).toFixed(1)} min (1 run)`, medianMs: ms, limit: `≤ ${limitMs / 60000} min`, met: ms <= limitMs });
  ciRow('CI: .ci/run (Node 20, 22, 24)', ci.ciRun, 300_000);
  ciRow('CI: npm test', ci.npmTest, 150_000);
  return out;
}

function report(run) {
  const { machine, packs, results, watch, notes, opts } = run;
  const find = (factor, command) => results.find((r) => r.factor === factor && r.command === command);

  console.log('\nPages (out/<edition>/manifest.json of the full build; Typst from its PDF):');
  for (const p of packs)
    if (p.outputs.length === 0) console.log(`  ×${p.factor}: no full build`);
    else console.log(`  ×${p.factor}: ${p.outputs.map((o) => `${o.path.replace(/^.*?-(public|committee)/, '$1')} ${o.pages !== undefined ? `${o.pages} pages` : `${Math.round(o.bytes / 1024)} KB`}`).join(', ')}${p.typstPages ? `; Typst's public PDF ${p.typstPages} pages` : ''}`);

  console.log(`\nMedian wall time and peak memory (max RSS over the runs); ratio = median / the anchor's median at the same factor (pandoc for DOCX and builds, Typst for the PDF)`);
  const header = `${pad('factor', 7)}${pad('command', 38)}${pad('runs', 5, true)}${pad('median ms', 11, true)}${pad('min–max ms', 17, true)}${pad('peak MB', 9, true)}  ratio`;
  console.log(header);
  console.log('-'.repeat(header.length + 24));
  for (const r of results) {
    if (r.runs === 0) {
      console.log(`${pad(`×${r.factor}`, 7)}${pad(r.label, 38)}  failed: ${r.failed}`);
      continue;
    }
    const anchor = ANCHORS.some((a) => a.id === r.command) ? undefined : find(r.factor, r.command === 'pdf' ? 'typst' : 'pandoc');
    const ratio = ANCHORS.some((a) => a.id === r.command) ? '(anchor)' : anchor?.runs ? `${ratioOf(r, anchor).ratio.toFixed(2)} × ${anchor.command}` : 'n/a';
    console.log(`${pad(`×${r.factor}`, 7)}${pad(r.label, 38)}${pad(r.runs, 5, true)}${pad(r.medianMs, 11, true)}${pad(`${r.minMs}–${r.maxMs}`, 17, true)}${pad(r.peakMB ?? 'n/a', 9, true)}  ${ratio}`);
  }
  if (watch?.samples.length) {
    const ms = watch.samples.map((s) => s.ms);
    console.log(`${pad('×1', 7)}${pad('watch, edit to "rebuilt" line', 38)}${pad(ms.length, 5, true)}${pad(Math.round(median(ms)), 11, true)}${pad(`${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))}`, 17, true)}${pad('n/a', 9, true)}`);
    if (watch.extraBuilds > 0) notes.push(`watch rebuilt ${watch.extraBuilds} more time(s) than there were edits (a save reported twice).`);
  }

  const list = targets(run);
  const status = (t) => (t.met === undefined ? 'n/a' : t.met ? 'met' : 'MISSED');
  console.log('\nTargets (on this machine; ratios are of medians, with the median and range of the run-by-run ratios):');
  const width = Math.max(...list.map((t) => t.name.length));
  for (const t of list) {
    console.log(`  ${pad(status(t), 7)}${pad(t.name, width + 2)}${pad(t.limit, 10)} ${t.measured}`);
    if (t.anchor) console.log(`  ${pad('', 7)}${pad('', width + 2)}${pad('', 10)} anchor ${t.anchor}; ratio ${t.ratio.toFixed(2)} (run by run ${t.paired.median.toFixed(2)}, ${t.paired.min.toFixed(2)}–${t.paired.max.toFixed(2)})${t.pages ? `; ${t.pages}` : ''}`);
  }
  for (const note of notes) console.log(`note: ${note}`);
  console.log(`\nload average at end: ${machine.loadEnd.join(', ')}`);

  mkdirSync(path.dirname(opts.json), { recursive: true });
  const json = { date: new Date().toISOString(), options: { factors: opts.factors, runs: opts.runs ?? 'default (5 at ×1, 3 above)' }, machine, anchors: run.anchors, packs, results, watch, ci: run.ci, targets: list.map((t) => ({ ...t, met: t.met ?? null })), notes };
  writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), opts.json) || opts.json}`);
}

await main();
