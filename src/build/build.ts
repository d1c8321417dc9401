/** build: read the pack once, plan it, render each requested format, and describe the outputs. */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import { packDate, planPack } from '../layout/build-plan.js';
import { loadLayout } from '../layout/template.js';
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

export async function buildPack(tree: SourceTree, formats: readonly Format[], env: NodeJS.ProcessEnv): Promise<BuildResult> {
  const { pack, diagnostics } = await readPack(tree);
  if (!pack) return { diagnostics };
  const template = await loadLayout();
  diagnostics.push(...template.diagnostics);
  const { layout } = template;
  if (!layout || hasErrors(diagnostics)) return { diagnostics };

  // Until editions are configurable, a build renders the first edition the meeting declares.
  const [first] = pack.meeting.editions;
  const edition = { id: first.id, label: first.label, marking: first.marking };
  if (formats.length === 0) {
    diagnostics.push(diagnostic({ file: `${tree.label}/meeting.yaml`, rule: 'build', message: 'No output format is available to build.' }));
    return { diagnostics };
  }
  const plan = planPack(pack, layout, { edition, date: packDate(pack, env) });
  const papers = plan.parts.flatMap((part) => part.entries.map((e) => ({ title: e.title, status: e.status, printed: e.anchor !== undefined, ...(e.note ? { note: e.note } : {}) })));

  const outputs: Output[] = [];
  const entries: ManifestEntry[] = [];
  for (const format of formats) {
    const render = await format.load();
    const { bytes, pages } = await render(plan, layout);
    const name = `${plan.pack}.${format.extension}`;
    outputs.push({ name, bytes });
    entries.push({ path: name, format: format.name, edition: edition.id, ...(pages !== undefined ? { pages } : {}), bytes: bytes.byteLength, sha256: sha256(bytes), papers });
  }
  const manifest: Manifest = { pack: plan.pack, date: plan.date.toISOString(), outputs: entries };
  outputs.push({ name: MANIFEST, bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) });
  return { diagnostics, outputs, manifest };
}
