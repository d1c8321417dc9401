/**
 * build: read the pack once, then for each edition filter it, plan it, render each format and
 * read every output of an edition that withholds something back through the leak gate. Nothing
 * is returned for writing unless every output rendered and passed.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import { outputStem, type Edition } from '../editions/editions.js';
import { editionPack } from '../editions/filter.js';
import { allowanceDiagnostics, findLeaks, modelPlaces, secretsOf, withheldIds, type Secret } from '../editions/leaks.js';
import { packDate, planPack, runningTitles } from '../plan/build-plan.js';
import type { PackPlan } from '../plan/plan.js';
import { loadLayout, PACK_LAYOUT, type FontFiles, type Layout, type PackLayoutFile } from '../plan/template.js';
import type { Pack } from '../model/pack.js';
import type { SourceCache } from '../load/cache.js';
import { readPack } from '../pipeline.js';
import { contentFindings } from './content-findings.js';
import type { Format } from './formats.js';
import { RenderPool, type RenderJob } from './render-jobs.js';
import { TextLayerError, textLayerMismatch } from './text-layer.js';
import { MANIFEST, sha256, type Output } from './write.js';
import { circulationOf, type Circulation } from '../revisions/circulation.js';
import { compareCirculations } from '../revisions/compare.js';
import { earlierCirculation, sourceDigests, type Earlier } from '../revisions/earlier.js';
import { supplementPlan, withChanges } from '../revisions/plan.js';

export interface ManifestEntry {
  /** The file name inside the edition's directory. */
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

/** One edition's `manifest.json`, in `<out>/<edition>/` beside the outputs it lists. */
export interface Manifest {
  pack: string;
  edition: string;
  date: string;
  draft: boolean;
  outputs: ManifestEntry[];
  /** What this circulation of the edition holds, to compare a later one with (`build --since`, `diff`); a supplement records the whole pack's. */
  circulation: Circulation;
  /** A supplementary pack: its number and the date of the pack it supplements. */
  supplement?: { number: number; since: string };
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
  /** The pack's own layout (`--layout FILE`); else the content directory's `layout.yaml`, when there is one. */
  layout?: PackLayoutFile;
  /** Run `check`'s rules and return their findings (default true); `watch` leaves them to `check`, to rebuild quickly. */
  contentChecks?: boolean;
  /** The earlier circulation (`--since`): each edition gets a changes page after its contents and its revised papers marked. */
  since?: Earlier;
  /** With `since`: build supplementary pack number N, of the new and revised papers and the changed agendas only. */
  supplement?: number;
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
  /** The rendered files and each edition's manifest, named `<edition>/<file>`; absent when the sources have errors or a leak was found. */
  outputs?: Output[];
  /** One manifest per edition built, in the meeting's order. */
  manifests?: Manifest[];
  /** The request does not fit the pack, e.g. an edition it does not declare. */
  usage?: string;
  /** What `check` finds in the content (its rules), for the report; not in `diagnostics`, unless `--final` refused it. */
  findings?: Diagnostic[];
  /** How many errors and warnings were left out of `findings` because they are in or about withheld papers. */
  withheldFindings?: number;
}

/** An edition's directory in the output directory; a supplement's is its own, so that writing it leaves the pack it supplements in place. */
export const outputDirectory = (edition: string, supplement?: number) => (supplement ? `${edition}-supplement-${supplement}` : edition);

/** The plan a build renders for one edition: the pack filtered for it, then laid out. */
export function editionPlan(pack: Pack, edition: Edition, layout: Layout, fonts: FontFiles, env: NodeJS.ProcessEnv, draft = false): PackPlan {
  return planPack(editionPack(pack, edition), layout, { edition, fonts, date: packDate(pack, env), draft, avoid: withheldIds(pack, edition) });
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
  const { pack } = read;
  // check's rules over the same reading: every error they report stops the build; a build that
  // reports no content findings (watch) runs only the rules that can stop it.
  const content = await contentFindings(tree, read, { final: request.final ?? false, errorsOnly: request.contentChecks === false });
  const diagnostics = [...content.stages, ...content.refused];
  const result = await buildRead(pool, tree, request, env, pack, diagnostics, read.sources);
  return { ...result, findings: content.shown, withheldFindings: content.withheld };
}

async function buildRead(pool: RenderPool, tree: SourceTree, request: BuildRequest, env: NodeJS.ProcessEnv, pack: Pack | undefined, diagnostics: Diagnostic[], sources: readonly { file: string; text: string }[]): Promise<BuildResult> {
  if (!pack || hasErrors(diagnostics)) return { diagnostics };
  const usage = request.editions && unknownEditions(pack, request.editions);
  if (usage) return { diagnostics, usage };
  const template = await loadLayout(undefined, { language: pack.meeting.language, pack: request.layout ?? { tree, file: PACK_LAYOUT } });
  diagnostics.push(...template.diagnostics);
  const { layout, fonts, logo } = template;
  if (!layout || !fonts || hasErrors(diagnostics)) return { diagnostics };

  const draft = request.draft ?? false;
  const date = packDate(pack, env);
  const editions = pack.editions.filter((e) => !request.editions || request.editions.includes(e.id));
  const jobs: (RenderJob & { edition: Edition; secrets: Secret[]; papers: ManifestEntry['papers'] })[] = [];
  const secretsByEdition: Secret[][] = [];
  const circulations: Circulation[] = [];
  const sinceDates: string[] = [];
  const digests = sourceDigests(pack, sources);
  const supplement = request.since && request.supplement ? request.supplement : undefined;
  for (const edition of editions) {
    const filtered = editionPack(pack, edition);
    const secrets = secretsOf(pack, edition);
    secretsByEdition.push(secrets);
    // Nothing withheld may be left in the model the renderers see, e.g. a restricted title pasted
    // into the meeting's metadata. Rendering goes on, so the outputs' findings show where it went.
    if (secrets.length > 0) diagnostics.push(...findLeaks(`${edition.id} edition`, modelPlaces(filtered), secrets, edition));

    diagnostics.push(...allowanceDiagnostics(pack, edition));
    let plan = planPack(filtered, layout, { edition, fonts, date, draft, avoid: withheldIds(pack, edition), ...(logo ? { logo } : {}) });
    const circulation = circulationOf(plan, digests);
    circulations.push(circulation);
    if (request.since) {
      // Compared edition by edition: each side is what that edition's own manifest may say.
      const before = earlierCirculation(request.since, edition, layout, fonts);
      if (typeof before === 'string') return { diagnostics, usage: before };
      const changes = compareCirculations(before, circulation);
      sinceDates.push(changes.since);
      const running = runningTitles(layout, fonts, plan.shortTitle);
      plan = withChanges(plan, changes, layout.labels.changes, running);
      if (supplement) plan = supplementPlan(plan, changes, layout.labels.changes, supplement, running);
    }
    const papers = plan.parts.flatMap((part) => part.entries.map((e) => ({ title: e.title, status: e.status, printed: e.anchor !== undefined && e.note === undefined, ...(e.note ? { note: e.note } : {}) })));
    // The PDF first: a format that prints its page numbers follows it.
    const formats = [...request.formats].sort((a, b) => Number(b.name === 'pdf') - Number(a.name === 'pdf'));
    let pdf: number | undefined;
    for (const format of formats) {
      const name = `${outputStem(plan.pack, edition, draft)}${supplement ? `-supplement-${supplement}` : ''}.${format.extension}`;
      if (format.name === 'pdf') pdf = jobs.length;
      jobs.push({ name, format, plan, readBack: secrets.length > 0, edition, secrets, papers, ...(format.paged && pdf !== undefined ? { after: pdf } : {}) });
    }
  }
  const rendered = await pool.render(jobs, layout, fonts, (event) => {
    const job = jobs[event.index]!;
    const about = { output: job.name, edition: job.edition.id, format: job.format.name };
    request.progress?.(event.phase === 'start' ? { phase: 'start', ...about } : { phase: 'done', ...about, ms: event.ms, ...(event.pages !== undefined ? { pages: event.pages } : {}) });
  });

  const outputs: Output[] = [];
  const manifests: Manifest[] = [];
  editions.forEach((edition, e) => {
    const entries: ManifestEntry[] = [];
    const directory = outputDirectory(edition.id, supplement);
    jobs.forEach((job, index) => {
      if (job.edition !== edition) return;
      const { bytes, pages, places, text } = rendered[index]!;
      const name = `${directory}/${job.name}`;
      if (places && text) {
        const mismatch = textLayerMismatch(text, places);
        if (mismatch) throw new TextLayerError(name, mismatch);
      }
      if (places) diagnostics.push(...findLeaks(name, places, job.secrets, job.edition));
      outputs.push({ name, bytes });
      entries.push({ path: job.name, format: job.format.name, edition: edition.id, ...(pages !== undefined ? { pages } : {}), bytes: bytes.byteLength, sha256: sha256(bytes), papers: job.papers });
    });
    const manifest: Manifest = {
      pack: pack.meeting.pack,
      edition: edition.id,
      date: date.toISOString(),
      draft,
      outputs: entries,
      circulation: circulations[e]!,
      ...(supplement ? { supplement: { number: supplement, since: sinceDates[e]! } } : {}),
    };
    const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
    // Each edition's manifest lists only that edition's papers, so it is searched as its outputs are.
    const secrets = secretsByEdition[e]!;
    if (secrets.length > 0) diagnostics.push(...findLeaks(`${directory}/${MANIFEST}`, [{ place: 'text', text: new TextDecoder().decode(manifestBytes), names: true }], secrets, edition));
    outputs.push({ name: `${directory}/${MANIFEST}`, bytes: manifestBytes });
    manifests.push(manifest);
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  return { diagnostics, outputs, manifests };
}
