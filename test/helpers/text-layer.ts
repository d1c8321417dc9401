/** Rendering packs' PDFs with the text their renderer placed on each page, for tests of the text layer. */
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { editionPlan } from '../../src/build/build.js';
import type { Rendered, Renderer } from '../../src/build/formats.js';
import { fileTree } from '../../src/io/source-tree.js';
import type { PackPlan } from '../../src/plan/plan.js';
import { loadLayout, type FontFiles, type Layout } from '../../src/plan/template.js';
import { readPack } from '../../src/pipeline.js';
import { CONTENT_DIR } from './trees.js';

/** The multi-script pack: Polish, Turkish, Vietnamese, Greek and Cyrillic names and papers, ligatures, a withheld paper with a canary. */
export const MULTISCRIPT_DIR = fileURLToPath(new URL('../fixtures/multiscript', import.meta.url));

export const PACK_DIRS = { default: CONTENT_DIR, multiscript: MULTISCRIPT_DIR } as const;

export interface EditionPlans {
  plans: Record<string, PackPlan>;
  layout: Layout;
  fonts: FontFiles;
}

/** Every edition's plan of the pack in `dir`, by edition id. */
export async function editionPlans(dir: string): Promise<EditionPlans> {
  const { pack, diagnostics } = await readPack(fileTree(dir));
  if (!pack) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const { layout, fonts } = await loadLayout();
  return { plans: Object.fromEntries(pack.editions.map((edition) => [edition.id, editionPlan(pack, edition, layout!, fonts!, {})])), layout: layout!, fonts: fonts! };
}

/**
 * The PDF renderer in a module instance of its own, so that its parsed fonts and shaped words
 * are shared only by the documents it renders, as they are by the outputs of one build.
 */
export async function freshRenderer(): Promise<Renderer> {
  vi.resetModules();
  return (await import('../../src/render/pdf/index.js')).renderPdf;
}

/** The editions rendered one after another by one renderer, in the order given. */
export async function renderInOrder(render: Renderer, { plans, layout, fonts }: EditionPlans, order: readonly string[]): Promise<Record<string, Rendered>> {
  const rendered: Record<string, Rendered> = {};
  for (const id of order) rendered[id] = await render(plans[id]!, layout, fonts);
  return rendered;
}

/** Text as the text layer is compared: whitespace and invisible characters left out (readers infer spaces from positions, even before a mark), then composed (NFC). */
export const folded = (text: string): string => text.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '').normalize('NFC');
