/** build: read the pack once, plan it, render each requested format, and describe the outputs. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import type { Edition } from '../editions/editions.js';
import { editionPack } from '../editions/filter.js';
import { packDate, planPack } from '../layout/build-plan.js';
import type { PackPlan } from '../layout/plan.js';
import { loadLayout, type Layout } from '../layout/template.js';
import type { Pack } from '../model/pack.js';
import { readPack } from '../pipeline.js';
import type { Format } from './formats.js';
import { sha256, type Output } from './write.js';

export interface ManifestEntry {
  path: string;
  format: string;
  edition: string;
  pages?: number;
  bytes: number;
  sha256: string;
  /** Every paper and annex document the output lists, in order, with its status in this edition. */
  papers: { title: string; status: string; printed: boolean; note?: string }[];
}

export interface Manifest {
  pack: string;
  date: string;
  outputs: ManifestEntry[];
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** The rendered files and the manifest; absent when the sources have errors. */
  outputs?: Output[];
  manifest?: Manifest;
}

export const MANIFEST = 'manifest.json';

/** The plan a build renders for one edition: the pack filtered for it, then laid out. */
export function editionPlan(pack: Pack, edition: Edition, layout: Layout, env: NodeJS.ProcessEnv, draft = false): PackPlan {
  return planPack(editionPack(pack, edition), layout, { edition, date: packDate(pack, env), draft });
}

export async function buildPack(tree: SourceTree, formats: readonly Format[], env: NodeJS.ProcessEnv): Promise<BuildResult> {
  const { pack, diagnostics } = await readPack(tree);
  if (!pack) return { diagnostics };
  const template = await loadLayout();
  diagnostics.push(...template.diagnostics);
  const { layout, fonts } = template;
  if (!layout || !fonts || hasErrors(diagnostics)) return { diagnostics };

  const plan = editionPlan(pack, pack.editions[0]!, layout, env);
  const papers = plan.parts.flatMap((part) => part.entries.map((e) => ({ title: e.title, status: e.status, printed: e.anchor !== undefined && e.note === undefined, ...(e.note ? { note: e.note } : {}) })));

  const outputs: Output[] = [];
  const entries: ManifestEntry[] = [];
  for (const format of formats) {
    const render = await format.load();
    const { bytes, pages } = await render(plan, layout, fonts);
    const name = `${plan.pack}.${format.extension}`;
    outputs.push({ name, bytes });
    entries.push({ path: name, format: format.name, edition: plan.edition.id, ...(pages !== undefined ? { pages } : {}), bytes: bytes.byteLength, sha256: sha256(bytes), papers });
  }
  const manifest: Manifest = { pack: plan.pack, date: plan.date.toISOString(), outputs: entries };
  outputs.push({ name: MANIFEST, bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) });
  return { diagnostics, outputs, manifest };
}
