/**
 * The OOXML finishing step: what remark-docx 0.3.29 cannot express, added to the package it
 * writes, and everything that would differ between two builds made the same.
 *
 * - the running header (short title) and footer (the edition line, "Page X of Y" as PAGE /
 *   NUMPAGES fields) on every section but the cover's, a banner above the running header of a
 *   section whose document has a marking, and a watermark in the header of every section;
 * - `updateFields` in settings.xml, so Word refreshes the contents' page numbers on open;
 * - the Table Grid table style;
 * - document properties from the plan (title, subject, keywords, language, the plan's date), nothing from
 *   the build machine;
 * - bookmark ids numbered in document order (the `docx` package gives every bookmark id 1) and
 *   hyperlink relationship ids numbered in order (it draws them from nanoid);
 * - the zip with fixed timestamps and a fixed entry order.
 */
import JSZip from 'jszip';

/** What a section's header and footer carry. */
export interface SectionFurniture {
  /** The running header and the footer: every section but the cover's. */
  running: boolean;
  /** A banner above the running header, e.g. a withheld paper's marking. */
  banner?: string;
  /** The running title of the section (the current paper's), shortened as the plan decided. */
  title?: string;
}

/** A watermark across every page, drawn as Word draws its own text watermark. */
export interface DocxWatermark {
  text: string;
  font: string;
  /** `RRGGBB`. */
  colour: string;
  /** The box Word fits the text to, in points, before rotation. */
  width: number;
  height: number;
  /** Clockwise rotation in degrees, as VML measures it. */
  rotation: number;
}

export interface FinishOptions {
  /** What each section's header and footer carry, in document order. */
  sections: readonly SectionFurniture[];
  /** The running header's text. */
  header: string;
  /** The footer's edition line. */
  footer: string;
  /** The edition line's colour, `RRGGBB`: the restricted colour, as in the PDF. */
  footerColour: string;
  /** Drawn on every page, the cover's included. */
  watermark?: DocxWatermark;
  /** The footer's page label, with `\0PAGE\0` and `\0NUMPAGES\0` where the fields go. */
  page: string;
  date: Date;
  language: string;
  title: string;
  subject: string;
  keywords: string;
  /** The organisation, as author: never the build machine's user. */
  creator: string;
  /** Table style XML (`<w:style w:type="table">`) to add to styles.xml. */
  tableStyle: string;
  /** Bullet characters by list level, cycling. */
  bullets: readonly string[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
/** The earliest time a zip entry can carry (DOS dates start in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 0);

export async function finishDocx(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array | string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    parts.set(name, /\.(xml|rels)$/.test(name) ? await entry.async('string') : await entry.async('uint8array'));
  }
  const text = (name: string) => {
    const value = parts.get(name);
    if (typeof value !== 'string') throw new Error(`the DOCX has no ${name}`);
    return value;
  };

  renumberRelationships(parts);

  // One header part per distinct header, numbered in order of first use; one footer part.
  let rels = text('word/_rels/document.xml.rels');
  let types = text('[Content_Types].xml');
  const addPart = (name: string, xml: string, kind: 'header' | 'footer') => {
    const id = `rIdPack${kind[0]!.toUpperCase()}${kind.slice(1)}${name.replace(/\D/g, '')}`;
    parts.set(`word/${name}`, xml);
    rels = rels.replace('</Relationships>', `<Relationship Id="${id}" Type="${REL}/${kind}" Target="${name}"/></Relationships>`);
    types = types.replace('</Types>', `<Override ContentType="${CT}.${kind}+xml" PartName="/word/${name}"/></Types>`);
    return id;
  };
  // A section without a header of its own would show the previous section's, so the cover, the first section, is the only one without.
  const headerKey = (s: SectionFurniture) => (s.running || s.banner || options.watermark ? `${s.running}\u0000${s.banner ?? ''}` : undefined);
  const headerIds = new Map<string, string>();
  for (const furniture of options.sections) {
    const key = headerKey(furniture);
    if (key === undefined || headerIds.has(key)) continue;
    const n = headerIds.size + 1;
    headerIds.set(key, addPart(`header${n}.xml`, headerXml(furniture, options.header, options.watermark, n), 'header'));
  }
  const footerId = options.sections.some((s) => s.running) ? addPart('footer1.xml', footerXml(options.footer, options.footerColour, options.page), 'footer') : undefined;
  parts.set('word/_rels/document.xml.rels', rels);
  parts.set('[Content_Types].xml', types);

  let document = text('word/document.xml');
  let section = 0;
  document = document.replace(/<w:sectPr(\s[^>]*)?>/g, (open) => {
    const furniture = options.sections[section++];
    if (furniture === undefined) throw new Error('the DOCX has more sections than the pack');
    const key = headerKey(furniture);
    const header = key === undefined ? '' : `<w:headerReference w:type="default" r:id="${headerIds.get(key)}"/>`;
    const footer = furniture.running ? `<w:footerReference w:type="default" r:id="${footerId}"/>` : '';
    return `${open}${header}${footer}`;
  });
  if (section !== options.sections.length) throw new Error(`the DOCX has ${section} sections, the pack ${options.sections.length}`);
  parts.set('word/document.xml', renumberDrawings(renumberBookmarks(document)));

  const settings = text('word/settings.xml');
  parts.set('word/settings.xml', settings.includes('<w:compat>') ? settings.replace('<w:compat>', '<w:updateFields w:val="true"/><w:compat>') : settings.replace('</w:settings>', '<w:updateFields w:val="true"/></w:settings>'));

  const styles = text('word/styles.xml');
  const tableNormal = styles.includes('w:styleId="TableNormal"') ? '' : TABLE_NORMAL;
  parts.set(
    'word/styles.xml',
    styles
      // Normal is the default paragraph style: text without a style of its own takes it.
      .replace('<w:style w:type="paragraph" w:styleId="Normal">', '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">')
      .replace('</w:styles>', `${tableNormal}${options.tableStyle}</w:styles>`),
  );

  parts.set('word/numbering.xml', bulletGlyphs(text('word/numbering.xml'), options.bullets));
  parts.set('docProps/core.xml', coreXml(options));
  parts.set('docProps/app.xml', APP_XML);

  return pack(parts, options.date);
}

/** Hyperlink relationships get `rIdLink1`, `rIdLink2`, … in each part's order instead of random ids. */
function renumberRelationships(parts: Map<string, Uint8Array | string>) {
  for (const [relsName, rels] of parts) {
    const source = relsName.match(/^(.*)_rels\/(.+)\.rels$/);
    if (!source || typeof rels !== 'string') continue;
    const partName = `${source[1]}${source[2]}`;
    const renamed = new Map<string, string>();
    const fixed = rels.replace(/Id="(rId[^"]*)"/g, (whole, id: string) => {
      if (/^rId\d+$/.test(id)) return whole;
      const next = `rIdLink${renamed.size + 1}`;
      renamed.set(id, next);
      return `Id="${next}"`;
    });
    if (renamed.size === 0) continue;
    parts.set(relsName, fixed);
    const part = parts.get(partName);
    if (typeof part === 'string') parts.set(partName, part.replace(/r:id="([^"]*)"/g, (whole, id: string) => (renamed.has(id) ? `r:id="${renamed.get(id)}"` : whole)));
  }
}

/** Gives each bookmark its own id, in document order; a bookmark's end takes the id of the innermost open start. */
export function renumberBookmarks(xml: string): string {
  let next = 0;
  const open: number[] = [];
  return xml.replace(/<w:bookmark(Start|End)\b([^>]*?)\/>/g, (_whole, kind: string, attributes: string) => {
    const id = kind === 'Start' ? (open.push(++next), next) : (open.pop() ?? 0);
    return `<w:bookmark${kind}${attributes.replace(/\sw:id="[^"]*"/, ` w:id="${id}"`)}/>`;
  });
}

/** Gives each drawing its own `wp:docPr` id in document order (the `docx` package gives each id 1). */
export function renumberDrawings(xml: string): string {
  let next = 0;
  return xml.replace(/<wp:docPr\b([^>]*?)\sid="[^"]*"/g, (_whole, before: string) => `<wp:docPr${before} id="${++next}"`);
}

/** remark-docx's bullets (● ○ ■) replaced by the template's, level by level; task-list boxes stay. */
export function bulletGlyphs(xml: string, bullets: readonly string[]): string {
  return xml.replace(/<w:lvl w:ilvl="(\d+)"[^>]*>.*?<\/w:lvl>/g, (level, ilvl: string) =>
    level.includes('<w:numFmt w:val="bullet"/>') ? level.replace(/<w:lvlText w:val="[●○■]"\/>/, `<w:lvlText w:val="${escapeXml(bullets[Number(ilvl) % bullets.length]!)}"/>`) : level,
  );
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const textRun = (value: string) => `<w:r><w:t xml:space="preserve">${escapeXml(value)}</w:t></w:r>`;

/** A field with a cached result, e.g. ` PAGE ` showing `1` until the reader computes it. */
const fieldRuns = (instruction: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

const V = 'urn:schemas-microsoft-com:vml';
const O = 'urn:schemas-microsoft-com:office:office';
const W10 = 'urn:schemas-microsoft-com:office:word';

/** A header: the banner, then the running header; the watermark, anchored to the page, rides in the first paragraph. */
function headerXml(furniture: SectionFurniture, running: string, watermark: DocxWatermark | undefined, n: number): string {
  const paragraphs: [style: string, runs: string][] = [];
  if (furniture.banner) paragraphs.push(['Banner', textRun(furniture.banner)]);
  if (furniture.running) paragraphs.push(['Header', textRun(running)]);
  if (paragraphs.length === 0) paragraphs.push(['Header', '']);
  if (watermark) paragraphs[0]![1] = watermarkRun(watermark, n) + paragraphs[0]![1];
  const body = paragraphs.map(([style, runs]) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${runs}</w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W}" xmlns:r="${R}" xmlns:v="${V}" xmlns:o="${O}" xmlns:w10="${W10}">${body}</w:hdr>`;
}

/** Word's text watermark shape (WordArt "plain text"), as Word writes it into each header that shows one. */
const TEXT_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>' +
  ['sum #0 0 10800', 'prod #0 2 1', 'sum 21600 0 @1', 'sum 0 0 @2', 'sum 21600 0 @3', 'if @0 @3 0', 'if @0 21600 @1', 'if @0 0 @2', 'if @0 @4 21600', 'mid @5 @6', 'mid @8 @5', 'mid @7 @8', 'mid @6 @7', 'sum @6 0 @5'].map((eqn) => `<v:f eqn="${eqn}"/>`).join('') +
  '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>';

/** The watermark, centred on the page behind the text; Word recognises it by its `PowerPlusWaterMarkObject` name. */
function watermarkRun(watermark: DocxWatermark, n: number): string {
  const points = (value: number) => `${Number(value.toFixed(2))}`;
  const style = [
    'position:absolute',
    'margin-left:0',
    'margin-top:0',
    `width:${points(watermark.width)}pt`,
    `height:${points(watermark.height)}pt`,
    `rotation:${points(watermark.rotation)}`,
    'z-index:-251654144',
    'mso-position-horizontal:center',
    'mso-position-horizontal-relative:page',
    'mso-position-vertical:center',
    'mso-position-vertical-relative:page',
  ].join(';');
  return (
    `<w:r><w:rPr><w:noProof/></w:rPr><w:pict>${TEXT_SHAPE_TYPE}` +
    `<v:shape id="PowerPlusWaterMarkObject${n}" o:spid="_x0000_s${2048 + n}" type="#_x0000_t136" style="${style}" o:allowincell="f" fillcolor="#${watermark.colour}" stroked="f">` +
    `<v:textpath style="font-family:&quot;${escapeXml(watermark.font)}&quot;;font-weight:bold;font-size:1pt" string="${escapeXml(watermark.text)}"/><w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>`
  );
}

function footerXml(edition: string, colour: string, page: string): string {
  const label = page
    .split('\u0000')
    .map((piece, i) => (i % 2 === 1 ? fieldRuns(piece) : piece ? textRun(piece) : ''))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="${colour}"/></w:rPr><w:t xml:space="preserve">${escapeXml(edition)}</w:t></w:r><w:r><w:tab/></w:r>${label}</w:p></w:ftr>`;
}

function coreXml(o: FinishOptions): string {
  const when = new Date(Math.max(o.date.getTime(), ZIP_EPOCH)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(o.title)}</dc:title><dc:subject>${escapeXml(o.subject)}</dc:subject><cp:keywords>${escapeXml(o.keywords)}</cp:keywords><dc:creator>${escapeXml(o.creator)}</dc:creator><dc:language>${escapeXml(o.language)}</dc:language>` +
    `<cp:lastModifiedBy>${escapeXml(o.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

const APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>ogp-pack</Application></Properties>';

/** Table Normal, the base of every table style, as Word defines it. */
const TABLE_NORMAL =
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';

/** The package as a zip: `[Content_Types].xml` and the package relationships first, then every part by name, all with one timestamp. */
async function pack(parts: Map<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !first.includes(n)).sort()];
  // JSZip writes DOS times from the UTC fields, so this is the same instant on every machine.
  const stamp = new Date(Math.max(date.getTime(), ZIP_EPOCH));
  const zip = new JSZip();
  for (const name of names) zip.file(name, parts.get(name)!, { date: stamp, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
