import type { PackPlan } from '../plan/plan.js';
import type { FontFiles, Layout } from '../plan/template.js';

export interface Rendered {
  bytes: Uint8Array;
  /** The page count, when the format has fixed pages. */
  pages?: number;
  /** The text drawn on each page, in drawing order, when the format has fixed pages: what its text layer must give back. */
  text?: string[];
  /** The page (from 1) of every link target, when the format has fixed pages. */
  anchors?: Record<string, number>;
}

/** The page (from 1) of every link target in a PDF. */
export type Pages = Readonly<Record<string, number>>;

export interface RenderOptions {
  /**
   * The page (from 1) of every link target in the PDF of the same plan: what a format without
   * fixed pages prints as page numbers. A function when that PDF is still being rendered: the
   * renderer does all it can first, and calls it when it needs them.
   */
  pages?: Pages | (() => Promise<Pages>);
}

/** Draws a pack. Renderers read only the plan, the layout and its font files' bytes: no files, no clock, no randomness. */
export type Renderer = (plan: PackPlan, layout: Layout, fonts: FontFiles, options?: RenderOptions) => Promise<Rendered>;

export interface Format {
  name: string;
  extension: string;
  /** Loads the renderer on demand, so that commands which render nothing never load its machinery. */
  load(): Promise<Renderer>;
  /** The format prints the pack's page numbers without fixed pages of its own: it takes them from the PDF's pagination. */
  paged?: boolean;
}

/** Where every link target of the plan falls in its PDF, laid out but not written. */
export async function packPages(plan: PackPlan, layout: Layout, fonts: FontFiles): Promise<Record<string, number>> {
  return (await import('../render/pdf/index.js')).pdfPages(plan, layout, fonts);
}

/** The output formats, in the order `build` writes them. */
export const FORMATS: readonly Format[] = [
  { name: 'pdf', extension: 'pdf', load: async () => (await import('../render/pdf/index.js')).renderPdf },
  { name: 'docx', extension: 'docx', load: async () => (await import('../render/docx/render.js')).renderDocx, paged: true },
];
