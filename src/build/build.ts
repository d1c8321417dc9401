/**
 * build: read the pack once, then for each edition filter it, plan it, render each format and
 * read every output of an edition that withholds something back through the leak gate. Nothing
 * is returned for writing unless every output rendered and passed.
 */
import { diagnostic, hasErrors, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { RULES } from '../check/registry.js';
import { checkPack } from '../check/run.js';
import type { SourceTree } from '../io/source-tree.js';
import { toFollowFindings } from '../check/rules/placeholders.js';
import { outputStem, type Edition } from '../editions/editions.js';
import { editionPack } from '../editions/filter.js';
import { findLeaks, modelPlaces, secretsOf, type Place, type Secret } from '../editions/leaks.js';
import { packDate, planPack } from '../layout/build-plan.js';
import type { PackPlan } from '../layout/plan.js';
import { loadLayout, type Layout } from '../layout/template.js';
import type { Pack } from '../model/pack.js';
import type { SourceCache } from '../load/cache.js';
import { readPack } from '../pipeline.js';
import type { Format } from './formats.js';
import { RenderPool, type RenderJob } from './render-jobs.js';
import { sha256, type Output } from './write.js';

export interface ManifestEntry {
  path: string;
  format: string;
  edition: string;
  pages?: number;
  bytes: number;
  sha256: string;
  /**
   * Every paper and annex document the output lists, in order, as this edition lists it (a
   * withheld paper under its public title), and whether its text is printed.
   */
  papers: { title: string; status: string; printed: boolean; note?: string }[];
}

export interface Manifest {
  pack: string;
  date: string;
  draft: boolean;
  outputs: ManifestEntry[];
}

export interface BuildRequest {
  formats: readonly Format[];
  /** Edition ids to build; every edition when absent. */
  editions?: readonly string[];
  /** Watermark every page DRAFT and say so in the file names. */
  draft?: boolean;
  /** Refuse to build while any paper is still to follow. */
  final?: boolean;
  /** Render outputs on a worker thread as well as this one (default true). */
  parallel?: boolean;
  /** A render pool kept across builds (`watch`), used instead of one started for this build; the caller closes it. */
  pool?: RenderPool;
  /** Told when each output starts rendering and when it is rendered and gated; for progress reports. */
  progress?: (event: ProgressEvent) => void;
  /** Parsed sources kept from the previous build of the same directory, for `watch`. */
  cache?: SourceCache;
}

/** One output's progress: `start` before it renders, `done` once it is rendered and read back. */
export interface ProgressEvent {
  phase: 'start' | 'done';
  /** The output's file name, e.g. `pack-public.pdf`. */
  output: string;
  edition: string;
  format: string;
  /** Milliseconds since its start (on `done`). */
  ms?: number;
  pages?: number;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** The rendered files and the manifest; absent when the sources have errors or a leak was found. */
  outputs?: Output[];
  manifest?: Manifest;
  /** The request does not fit the pack, e.g. an edition it does not declare. */
  usage?: string;
}

export const MANIFEST = 'manifest.json';

/** The rules `check` runs after reading the pack (not the pipeline's own checks). */
const RULE_CHECKS = new Set(RULES.filter((rule) => rule.check).map((rule) => rule.id));

/** The plan a build renders for one edition: the pack filtered for it, then laid out. */
export function editionPlan(pack: Pack, edition: Edition, layout: Layout, env: NodeJS.ProcessEnv, draft = false): PackPlan {
  return planPack(editionPack(pack, edition), layout, { edition, date: packDate(pack, env), draft });
}

/** Names the asked-for edition ids the meeting does not declare, and those it does. */
function unknownEditions(pack: Pack, ids: readonly string[]): string | undefined {
  const unknown = ids.filter((id) => !pack.editions.some((e) => e.id === id));
  if (unknown.length === 0) return undefined;
  return `unknown edition ${unknown.map((u) => `"${u}"`).join(', ')}; this meeting has ${pack.editions.map((e) => e.id).join(', ')}.`;
}

export async function buildPack(tree: SourceTree, request: BuildRequest, env: NodeJS.ProcessEnv): Promise<BuildResult> {
  // A build of more than one output starts its render worker at once, so that it loads the
  // renderers while this thread reads the pack.
  if (request.pool) return buildWith(request.pool, tree, request, env);
  const single = request.formats.length === 1 && request.editions?.length === 1;
  const pool = new RenderPool(
    request.formats.map((f) => f.name),
    request.parallel !== false && !single,
  );
  try {
    return await buildWith(pool, tree, request, env);
  } finally {
    await pool.close();
  }
}

async function buildWith(pool: RenderPool, tree: SourceTree, request: BuildRequest, env: NodeJS.ProcessEnv): Promise<BuildResult> {
  const read = await readPack(tree, request.cache);
  const { validated } = read;
  // check's reading of the same sources: every error it would report stops the build, as configured in check.yaml.
  const checked = await checkPack(tree, read, { errorsOnly: true });
  // The pipeline's own warnings are shown as before; the rules' only when they stop the build.
  const diagnostics = checked.filter((d) => severityOf(d) === 'error' || !RULE_CHECKS.has(d.ruleId ?? ''));
  const pack = read.pack ?? (hasErrors(diagnostics) ? undefined : read.resolved);
  if (request.final) {
    for (const f of toFollowFindings(validated, true)) diagnostics.push(diagnostic({ file: f.file, span: f.span, rule: 'to-follow', severity: 'error', message: `${f.message} \`build --final\` builds only a complete pack.` }));
  }
  if (!pack || hasErrors(diagnostics)) return { diagnostics };
  const usage = request.editions && unknownEditions(pack, request.editions);
  if (usage) return { diagnostics, usage };
  const template = await loadLayout();
  diagnostics.push(...template.diagnostics);
  const { layout, fonts } = template;
  if (!layout || !fonts || hasErrors(diagnostics)) return { diagnostics };

  const draft = request.draft ?? false;
  const date = packDate(pack, env);
  const editions = pack.editions.filter((e) => !request.editions || request.editions.includes(e.id));
  const jobs: (RenderJob & { edition: Edition; secrets: Secret[]; papers: ManifestEntry['papers'] })[] = [];
  const secretsByEdition: Secret[][] = [];
  for (const edition of editions) {
    const filtered = editionPack(pack, edition);
    const secrets = secretsOf(pack, edition);
    secretsByEdition.push(secrets);
    // Nothing withheld may be left in the model the renderers see, e.g. a restricted title pasted
    // into the meeting's metadata. Rendering goes on, so the outputs' findings show where it went.
    if (secrets.length > 0) diagnostics.push(...findLeaks(`${edition.id} edition`, modelPlaces(filtered), secrets, edition));

    const plan = planPack(filtered, layout, { edition, date, draft });
    const papers = plan.parts.flatMap((part) => part.entries.map((e) => ({ title: e.title, status: e.status, printed: e.anchor !== undefined && e.note === undefined, ...(e.note ? { note: e.note } : {}) })));
    for (const format of request.formats) {
      const name = `${outputStem(plan.pack, edition, draft)}.${format.extension}`;
      jobs.push({ name, format, plan, readBack: secrets.length > 0, edition, secrets, papers });
    }
  }
  const rendered = await pool.render(jobs, layout, fonts, (event) => {
    const job = jobs[event.index]!;
    const about = { output: job.name, edition: job.edition.id, format: job.format.name };
    request.progress?.(event.phase === 'start' ? { phase: 'start', ...about } : { phase: 'done', ...about, ms: event.ms, ...(event.pages !== undefined ? { pages: event.pages } : {}) });
  });

  const outputs: Output[] = [];
  const entries: ManifestEntry[] = [];
  jobs.forEach((job, index) => {
    const { bytes, pages, places } = rendered[index]!;
    if (places) diagnostics.push(...findLeaks(job.name, places, job.secrets, job.edition));
    outputs.push({ name: job.name, bytes });
    entries.push({ path: job.name, format: job.format.name, edition: job.edition.id, ...(pages !== undefined ? { pages } : {}), bytes: bytes.byteLength, sha256: sha256(bytes), papers: job.papers });
  });
  const manifest: Manifest = { pack: pack.meeting.pack, date: date.toISOString(), draft, outputs: entries };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  // A manifest that lists only editions withholding something is as public as they are.
  if (secretsByEdition.every((secrets) => secrets.length > 0)) {
    const places: Place[] = [{ place: 'text', text: new TextDecoder().decode(manifestBytes), names: true }];
    diagnostics.push(...findLeaks(MANIFEST, places, secretsByEdition.flat()));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  outputs.push({ name: MANIFEST, bytes: manifestBytes });
  return { diagnostics, outputs, manifest };
}
