/**
 * The DOCX renderer: the pack plan as one Markdown tree, compiled by remark-docx with the pack
 * plugin, then finished at the OOXML level for what remark-docx cannot express (running headers
 * and footers, settings, document properties, the Table Grid style, reproducible ids and zip).
 */
import type { Renderer } from '../../build/formats.js';
import { packProperties } from '../../layout/properties.js';
import { fill } from '../../layout/template.js';
import { packPlugin } from './builders.js';
import { markdownToDocx } from './engine.js';
import { finishDocx } from './ooxml.js';
import { packTree } from './pack-tree.js';
import { look, styles, tableGridStyle } from './styles.js';

export const renderDocx: Renderer = async (plan, layout) => {
  const lk = look(layout);
  const properties = packProperties(plan);
  const { tree, sections, anchors } = packTree(plan, layout.labels.contents);
  const compiled = await markdownToDocx(tree, {
    title: properties.title,
    subject: properties.subject,
    creator: properties.author,
    styles: styles(layout, lk),
    size: { width: lk.page.width, height: lk.page.height },
    margin: lk.page.margin,
    plugins: [packPlugin(lk, layout.labels, anchors, plan.images)],
  });
  const bytes = await finishDocx(compiled, {
    sections,
    header: plan.shortTitle,
    page: fill(layout.labels.page, { page: '\u0000PAGE\u0000', pages: '\u0000NUMPAGES\u0000' }),
    date: plan.date,
    language: plan.language,
    title: properties.title,
    subject: properties.subject,
    creator: properties.author,
    tableStyle: tableGridStyle(lk, layout.tables.cellPadding),
    bullets: layout.lists.bullets,
  });
  return { bytes };
};
