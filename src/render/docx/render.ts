/**
 * The DOCX renderer: the pack plan as one Markdown tree, compiled by remark-docx with the pack
 * plugin, then finished at the OOXML level for what remark-docx cannot express (running headers
 * and footers, embedded fonts, settings, document properties, the Table Grid style, reproducible
 * ids and zip).
 */
import { packPages, type Renderer } from '../../build/formats.js';
import { packProperties } from '../../plan/properties.js';
import { fill, PAGE_SIZES, type Layout } from '../../plan/template.js';
import { watermarkPlacement } from '../../plan/watermark.js';
import { packPlugin } from './builders.js';
import { markdownToDocx } from './engine.js';
import { finishDocx, type DocxWatermark } from './ooxml.js';
import { packTree } from './pack-tree.js';
import { hex, look, styles, tableGridStyle } from './styles.js';

export const renderDocx: Renderer = async (plan, layout, fonts, options = {}) => {
  const lk = look(layout);
  const properties = packProperties(plan);
  // The page numbers are the PDF's: given by the build (perhaps once it has rendered that PDF), else laid out here.
  const pages = options.pages ?? (await packPages(plan, layout, fonts));
  const { tree, sections, anchors } = packTree(plan);
  const compiled = await markdownToDocx(tree, {
    title: properties.title,
    subject: properties.subject,
    creator: properties.author,
    styles: styles(layout, lk),
    size: { width: lk.page.width, height: lk.page.height },
    margin: lk.page.margin,
    plugins: [packPlugin(lk, plan.labels, anchors, plan.images)],
  });
  const bytes = await finishDocx(compiled, {
    sections,
    header: plan.shortTitle,
    footer: plan.edition.footer,
    footerColour: lk.colours.restricted,
    ...(plan.edition.watermark ? { watermark: docxWatermark(plan.edition.watermark, layout) } : {}),
    font: { family: layout.fonts.family, files: fonts },
    page: fill(plan.labels.page, { page: '\u0000PAGE\u0000', pages: '\u0000NUMPAGES\u0000' }),
    date: plan.date,
    language: plan.language,
    title: properties.title,
    subject: properties.subject,
    keywords: properties.keywords,
    creator: properties.author,
    tableStyle: tableGridStyle(lk, layout.tables.cellPadding),
    bullets: layout.lists.bullets,
    pages,
  });
  return { bytes };
};

/**
 * Word fits a text watermark's letters to its box, so the box must have the text's proportions.
 * They are estimated from the number of characters: an average bold letter is this many ems wide…
 */
const EM_PER_CHARACTER = 0.65;
/** …and the box is as tall as a capital, about 0.72 em in Noto Sans, since the letters are fitted to it. */
const BOX_HEIGHT = 0.72;

/** The watermark as the PDF places it: along the page's rising diagonal, at the same size. */
function docxWatermark(text: string, layout: Layout): DocxWatermark {
  const placement = watermarkPlacement(text.length * EM_PER_CHARACTER, PAGE_SIZES[layout.page.size], layout.sizes.watermark);
  return { text, font: layout.fonts.family, colour: hex(layout.colours.watermark), width: placement.width, height: placement.size * BOX_HEIGHT, rotation: 360 - placement.angle };
}
