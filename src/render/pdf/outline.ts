/**
 * The PDF outline (bookmarks), mirroring the contents: contents, agendas, each part with its
 * documents and their headings to depth 3, each pointing at the page and height of its target.
 */
import { CONTENTS_ANCHOR, type PackPlan } from '../../plan/plan.js';
import type { Doc, Pagination } from './flow.js';
import type { PdfStyle } from './style.js';

interface OutlineNode {
  addItem(title: string, options?: Record<string, unknown>): OutlineNode;
}

export function outline(doc: Doc, style: PdfStyle, plan: PackPlan, pagination: Pagination): void {
  const root = doc.outline as unknown as OutlineNode;
  const add = (parent: OutlineNode, title: string, anchor: string | undefined): OutlineNode | undefined => {
    const placed = anchor === undefined ? undefined : pagination.anchors.get(anchor);
    if (!placed) return undefined;
    // pdfkit measures the destination's left from the page's right edge and its top from the page's top.
    return parent.addItem(title, { pageNumber: placed.page, top: placed.y, left: style.page.width });
  };
  add(root, plan.labels.contents, CONTENTS_ANCHOR);
  if (plan.changes) add(root, plan.changes.title, plan.changes.anchor);
  for (const agenda of plan.agendas) add(root, agenda.title, agenda.anchor);
  for (const part of plan.parts) {
    const partNode = add(root, part.title, part.anchor);
    if (!partNode) continue;
    for (const document of part.documents) {
      const docNode = add(partNode, document.title, document.anchor);
      if (!docNode) continue;
      let section: OutlineNode | undefined;
      for (const heading of document.headings) {
        if (heading.depth === 2) section = add(docNode, heading.text, heading.anchor);
        else add(section ?? docNode, heading.text, heading.anchor);
      }
    }
  }
}
