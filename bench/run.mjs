// The benchmark of issue 7: the default content scaled ×1, ×5 and ×20 (bench/scale.mjs), and for
// each, the median wall time and the peak memory of `ogp-pack check`, the public DOCX, the public
// PDF and the full build, each run a fresh process as a user runs it, beside pandoc converting
// the same public edition (bench/public-markdown.mjs) to DOCX. Prints the table, how time grows
// with content, and the targets met or missed. Speed is measured here, never asserted in tests.
//
//   npm run bench                      (builds dist/ first)
//   node bench/run.mjs [--factors 1,5,20] [--runs N] [--json file] [--keep]
//
// Runs: by default 5 at ×1 and 3 at larger factors (a full build at ×20 takes about half a
// minute); --runs N sets every factor's count.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleContent } from './scale.mjs';
import { publicMarkdown } from './public-markdown.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'ogp-pack');
const RSS_HOOK = fileURLToPath(new URL('./max-rss-hook.mjs', import.meta.url));

// ── Options ──────────────────────────────────────────────────────────────────────────────────
function options(argv) {
  const out = { factors: [1, 5, 20], runs: undefined, json: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--factors')) out.factors = value().split(',').map(Number);
    else if (arg.startsWith('--runs')) out.runs = Number(value());
    else if (arg.startsWith('--json')) out.json = value();
    else if (arg === '--keep') out.keep = true;
    else usage(`unknown option ${arg}`);
  }
  if (out.factors.some((f) => !Number.isInteger(f) || f < 1)) usage('--factors takes whole numbers from 1, e.g. 1,5,20');
  if (out.runs !== undefined && (!Number.isInteger(out.runs) || out.runs < 1)) usage('--runs takes a whole number from 1');
  return out;
}

function usage(problem) {
  console.error(`${problem}\nusage: node bench/run.mjs [--factors 1,5,20] [--runs N] [--json file] [--keep]`);
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
 * would take it, not through a pipe the parent has to drain.
 */
async function measure(argv, { cwd, log, useTime, expectExit = [0] }) {
  const rssFile = `${log}.rss`;
  rmSync(rssFile, { force: true });
  let command = argv;
  const env = { ...process.env, NO_COLOR: '1' };
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

function dirKB(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  return bytes / 1024;
}

// ── The benchmark ────────────────────────────────────────────────────────────────────────────
const COMMANDS = [
  { id: 'check', label: 'ogp-pack check', args: (dir) => ['check', dir] },
  { id: 'docx', label: 'build --edition public --format docx', args: (dir, out) => ['build', dir, '--edition', 'public', '--format', 'docx', '--out', out] },
  { id: 'pdf', label: 'build --edition public --format pdf', args: (dir, out) => ['build', dir, '--edition', 'public', '--format', 'pdf', '--out', out] },
  { id: 'full', label: 'build (all editions, all formats)', args: (dir, out) => ['build', dir, '--out', out] },
];
const PANDOC = { id: 'pandoc', label: 'pandoc -f markdown -t docx (public)' };

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
  console.log('ogp-pack benchmark (bench/run.mjs)');
  console.log(`machine: ${machine.cpus} CPUs, ${machine.model}, ${machine.memoryGB} GB, ${machine.platform}, Node ${machine.node}`);
  console.log(`load average at start: ${machine.loadStart.join(', ')} (1, 5, 15 min); the machine is shared, so figures include other jobs' load`);
  console.log(`memory: ${env.time ? 'GNU time -f %M (peak RSS of the process; worker threads share it)' : 'process.resourceUsage().maxRSS via a --import hook (main process and its worker threads)'}`);
  console.log(`baseline: ${env.pandocVersion ?? 'pandoc not available'}`);
  for (const note of env.notes) console.log(`note: ${note}`);

  const work = mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-'));
  const nodeStart = [];
  for (let i = 0; i < 3; i++) nodeStart.push((await measure([process.execPath, '-e', '0'], { cwd: work, log: path.join(work, 'node.log'), useTime: env.time })).ms);
  machine.nodeStartMs = Math.round(median(nodeStart));
  console.log(`\`node -e 0\` alone: ${machine.nodeStartMs} ms (median of 3)`);

  const results = [];
  const packs = [];
  try {
    for (const factor of opts.factors) {
      const runs = runsFor(factor, opts.runs);
      const dir = path.join(work, `x${factor}`, 'content');
      const summary = scaleContent(factor, dir);
      const sourceKB = dirKB(dir);
      const { markdown, included, listed } = await publicMarkdown(dir);
      const mdFile = path.join(work, `x${factor}`, 'public.md');
      writeFileSync(mdFile, markdown);
      console.log(
        `\n×${factor}: ${summary.sessions} sessions, ${summary.papers} papers (${summary.withheld} withheld), ${summary.people} biographies, ${summary.workingGroups} working-group sheets, ${summary.tables} tables (${summary.dataRows} rows), ${sourceKB.toFixed(0)} KB of sources; pandoc's input ${(Buffer.byteLength(markdown) / 1024).toFixed(0)} KB (${included} documents with text, ${listed} listed only). ${runs} run${runs > 1 ? 's' : ''} each; load average ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} …`,
      );
      const rows = COMMANDS.map((c) => ({ factor, ...c, samples: [] }));
      if (env.pandoc) rows.push({ factor, ...PANDOC, samples: [] });
      // Commands alternate run by run, so a change in the machine's load touches all of them alike.
      for (let run = 0; run < runs; run++) {
        for (const row of rows) {
          const out = path.join(work, `x${factor}`, `out-${row.id}`);
          rmSync(out, { recursive: true, force: true });
          const log = path.join(work, `x${factor}`, `${row.id}.log`);
          const argv =
            row.id === 'pandoc' ? ['pandoc', '-f', 'markdown', '-t', 'docx', '-o', path.join(work, `x${factor}`, 'pandoc.docx'), mdFile] : [process.execPath, BIN, ...row.args(dir, out)];
          const sample = await measure(argv, { cwd: ROOT, log, useTime: env.time });
          row.samples.push(sample);
          process.stdout.write(`  ${row.id} ${Math.round(sample.ms)} ms${run === runs - 1 && row === rows.at(-1) ? '\n' : ';'}`);
        }
      }
      // Pages and sizes as the full build's manifest states them.
      // Each edition has its own directory and manifest.
      const manifests = ['public', 'committee'].map((edition) => JSON.parse(readFileSync(path.join(work, `x${factor}`, 'out-full', edition, 'manifest.json'), 'utf8')));
      const outputs = manifests.flatMap((manifest) => manifest.outputs).map((o) => ({ path: o.path, edition: o.edition, format: o.format, pages: o.pages, bytes: o.bytes }));
      const publicPdf = outputs.find((o) => o.edition === 'public' && o.format === 'pdf');
      packs.push({ factor, ...summary, sourceKB: +sourceKB.toFixed(1), pandocInputKB: +(Buffer.byteLength(markdown) / 1024).toFixed(1), pages: publicPdf?.pages, outputs, runs });
      for (const row of rows) {
        results.push({
          factor,
          command: row.id,
          label: row.label,
          runs: row.samples.length,
          medianMs: Math.round(median(row.samples.map((s) => s.ms))),
          minMs: Math.round(Math.min(...row.samples.map((s) => s.ms))),
          maxMs: Math.round(Math.max(...row.samples.map((s) => s.ms))),
          peakMB: row.samples.some((s) => s.mb !== undefined) ? Math.round(Math.max(...row.samples.map((s) => s.mb ?? 0))) : undefined,
        });
      }
    }
  } finally {
    machine.loadEnd = os.loadavg().map((x) => +x.toFixed(2));
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`\nkept the scaled packs and outputs in ${work}`);
  }
  report(machine, packs, results, opts);
}

// ── The report ───────────────────────────────────────────────────────────────────────────────
function report(machine, packs, results, opts) {
  const find = (factor, command) => results.find((r) => r.factor === factor && r.command === command);
  const pad = (text, n, right = false) => (right ? String(text).padStart(n) : String(text).padEnd(n));

  console.log('\nPages (out/<edition>/manifest.json of the full build):');
  for (const p of packs) console.log(`  ×${p.factor}: ${p.outputs.map((o) => `${o.path.replace(/^.*?-(public|committee)/, '$1')} ${o.pages !== undefined ? `${o.pages} pages` : `${Math.round(o.bytes / 1024)} KB`}`).join(', ')}`);

  console.log(`\nMedian wall time and peak memory (max RSS over the runs); ratio = this command's median / pandoc's DOCX median at the same factor`);
  const header = `${pad('factor', 7)}${pad('command', 38)}${pad('runs', 5, true)}${pad('median ms', 11, true)}${pad('min–max ms', 17, true)}${pad('peak MB', 9, true)}  ratio vs pandoc DOCX`;
  console.log(header);
  console.log('-'.repeat(header.length + 6));
  for (const r of results) {
    const pandoc = find(r.factor, 'pandoc');
    const ratio =
      r.command === 'pandoc' ? '(baseline)' : pandoc ? `${(r.medianMs / pandoc.medianMs).toFixed(2)}${r.command === 'docx' ? ' (same work: public DOCX)' : ' (against pandoc DOCX)'}` : 'n/a';
    console.log(`${pad(`×${r.factor}`, 7)}${pad(r.label, 38)}${pad(r.runs, 5, true)}${pad(r.medianMs, 11, true)}${pad(`${r.minMs}–${r.maxMs}`, 17, true)}${pad(r.peakMB ?? 'n/a', 9, true)}  ${ratio}`);
  }

  // Growth: time per page and per source KB, and each factor's time against ×1's scaled by the factor.
  const factors = packs.map((p) => p.factor);
  const base = factors.includes(1) ? 1 : factors[0];
  console.log(`\nGrowth with content (linear: ms per page and per source KB stay flat as the pack grows; startup costs make small packs look dearer per page)`);
  console.log(`${pad('command', 38)}${factors.map((f) => pad(`×${f} ms/page`, 14, true)).join('')}${factors.map((f) => pad(`×${f} ms/KB`, 12, true)).join('')}${factors.filter((f) => f !== base).map((f) => pad(`×${f}/×${base} (vs ${f / base})`, 20, true)).join('')}`);
  const growth = {};
  for (const c of [...COMMANDS, PANDOC]) {
    const per = factors.map((f) => find(f, c.id));
    if (per.some((r) => !r)) continue;
    const pages = (f) => packs.find((p) => p.factor === f).pages;
    const kb = (f) => (c.id === 'pandoc' ? packs.find((p) => p.factor === f).pandocInputKB : packs.find((p) => p.factor === f).sourceKB);
    const ratios = factors.filter((f) => f !== base).map((f) => find(f, c.id).medianMs / find(base, c.id).medianMs);
    growth[c.id] = Object.fromEntries(factors.map((f) => [f, { msPerPage: +(find(f, c.id).medianMs / pages(f)).toFixed(1), msPerKB: +(find(f, c.id).medianMs / kb(f)).toFixed(1) }]));
    console.log(
      `${pad(c.label, 38)}${factors.map((f) => pad((find(f, c.id).medianMs / pages(f)).toFixed(1), 14, true)).join('')}${factors.map((f) => pad((find(f, c.id).medianMs / kb(f)).toFixed(1), 12, true)).join('')}${ratios.map((x) => pad(x.toFixed(1), 20, true)).join('')}`,
    );
  }
  console.log('  (pandoc\'s ms/KB is per KB of its Markdown input; ogp-pack\'s per KB of the content directory)');

  // Targets. Linear growth: between the two largest factors, time grows no faster than 1.25× content.
  const targets = [];
  const target = (name, figure, met) => targets.push({ name, figure, met });
  const r1full = find(1, 'full');
  target('full build ×1 < 1.0 s', r1full ? `${r1full.medianMs} ms` : 'not run', r1full ? r1full.medianMs < 1000 : undefined);
  const r1check = find(1, 'check');
  target('check ×1 < 0.3 s', r1check ? `${r1check.medianMs} ms` : 'not run', r1check ? r1check.medianMs < 300 : undefined);
  const r20docx = find(20, 'docx');
  const r20pandoc = find(20, 'pandoc');
  target(
    'public DOCX ×20 ≤ pandoc (ratio ≤ 1.0)',
    r20docx && r20pandoc ? `${r20docx.medianMs} ms vs ${r20pandoc.medianMs} ms, ratio ${(r20docx.medianMs / r20pandoc.medianMs).toFixed(2)}` : 'not run',
    r20docx && r20pandoc ? r20docx.medianMs <= r20pandoc.medianMs : undefined,
  );
  const r20full = find(20, 'full');
  target('full build ×20 < 8 s', r20full ? `${r20full.medianMs} ms` : 'not run', r20full ? r20full.medianMs < 8000 : undefined);
  target('full build ×20 < 600 MB', r20full?.peakMB !== undefined ? `${r20full.peakMB} MB` : 'not run', r20full?.peakMB !== undefined ? r20full.peakMB < 600 : undefined);
  if (factors.length >= 2) {
    const [a, b] = factors.slice(-2);
    const superlinear = COMMANDS.map((c) => {
      const ra = find(a, c.id);
      const rb = find(b, c.id);
      return { id: c.id, excess: rb.medianMs / ra.medianMs / (b / a) };
    });
    target(
      `linear growth (×${b} vs ×${a}: time ratio / ${b / a} ≤ 1.25 for every command)`,
      superlinear.map((s) => `${s.id} ${s.excess.toFixed(2)}`).join(', '),
      superlinear.every((s) => s.excess <= 1.25),
    );
  } else target('linear growth', 'needs two factors', undefined);
  console.log('\nTargets (issue 7, on this machine):');
  for (const t of targets) console.log(`  ${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${pad(t.name, 66)} ${t.figure}`);
  console.log(`\nload average at end: ${machine.loadEnd.join(', ')}`);

  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ date: new Date().toISOString(), machine, packs, results, growth, targets }, null, 2)}\n`);
    console.log(`wrote ${opts.json}`);
  }
}

await main();
