/**
 * The leak gate: secrets of withheld papers, read from synthetic PDFs and DOCX zips that plant
 * one secret in one place each, and from the real outputs of the default content.
 */
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, editionPlan } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { editionPack } from '../src/editions/filter.js';
import { blockTexts, findLeaks, modelPlaces, readOutput, secretsOf, type Place, type Secret } from '../src/editions/leaks.js';
import { readXml } from '../src/editions/leaks/docx.js';
import { words } from '../src/editions/leaks/words.js';
import { parseMarkdown } from '../src/load/markdown.js';
import { loadLayout } from '../src/plan/template.js';
import type { Pack } from '../src/model/pack.js';
import { readPack } from '../src/pipeline.js';
import { contentTree } from './helpers/trees.js';

const SECRET_TITLE = 'Trust Fund for Ruritania';
/** The trust fund paper's own title, which the public agenda prints. */
const PUBLIC_TITLE = 'Draft OGP Trust Fund concept note';
const CANARY = 'ogp-pack canary 4QX7 country updates';
const SENTENCE = 'This text was written for the ogp-pack project so that the default pack exercises its handling of withheld papers.';
const SPLIT_SENTENCE = ["It is not the Steering Committee's paper on country updates, which", 'the source pack withheld as pre-decision and does not contain.'] as const;

/** The default content, with the trust fund paper given a restricted title and listed under its former one. */
const titledContent = (edits: Parameters<typeof contentTree>[0] = {}) =>
  contentTree({
    'papers/trust-fund-concept-note.md': (text) => text.replace(`title: ${PUBLIC_TITLE}\n`, `title: ${SECRET_TITLE}\npublic_title: ${PUBLIC_TITLE}\n`),
    ...edits,
  });

async function packOf(tree = titledContent()): Promise<Pack> {
  const { pack, diagnostics } = await readPack(tree);
  if (!pack) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return pack;
}

/** The place a leak message names: everything before " contains ". */
const placeOf = (d: Diagnostic) => d.message.slice(0, d.message.indexOf(' contains '));
const placesOf = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map(placeOf))].sort();
const kindsOf = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map((d) => /contains (the title|text|the canary|the id) of/.exec(d.message)?.[1]))].sort();

let secrets: Secret[];
beforeAll(async () => {
  const pack = await packOf();
  secrets = secretsOf(pack, pack.editions[0]!);
});

async function leaksIn(name: string, bytes: Uint8Array): Promise<Diagnostic[]> {
  return findLeaks(name, await readOutput(name, bytes), secrets);
}

describe('secretsOf', () => {
  it('takes a withheld title only when a different public title replaces it', async () => {
    const titles = secrets.filter((s) => s.kind === 'title');
    expect(titles).toEqual([{ paper: PUBLIC_TITLE, kind: 'title', text: SECRET_TITLE }]);
    // Country updates has no public title: its title is listed in the public edition.
    expect(secrets.filter((s) => s.paper === 'Country updates').map((s) => s.kind)).not.toContain('title');

    const contained = await packOf(
      titledContent({ 'papers/country-updates.md': (text) => text.replace('title: Country updates\n', 'title: Country updates\npublic_title: Country updates (summary)\n') }),
    );
    expect(secretsOf(contained, contained.editions[0]!).filter((s) => s.kind === 'title').map((s) => s.paper)).toEqual([PUBLIC_TITLE]);
  });

  it('keeps a restricted title a secret even where a public source prints it, so that the gate reports the source', async () => {
    const renamed = await packOf(
      contentTree({ 'papers/trust-fund-concept-note.md': (text) => text.replace(`title: ${PUBLIC_TITLE}\n`, `title: ${PUBLIC_TITLE}\npublic_title: A financing facility\n`) }),
    );
    const titles = secretsOf(renamed, renamed.editions[0]!).filter((s) => s.kind === 'title');
    expect(titles).toEqual([{ paper: 'A financing facility', kind: 'title', text: PUBLIC_TITLE }]);
    // The working-level agenda speaks of the "draft OGP Trust Fund concept note": the filtered model carries it.
    const found = findLeaks('public edition', modelPlaces(editionPack(renamed, renamed.editions[0]!)), titles);
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/^session "working-level" contains the title of the withheld paper "A financing facility"/)]);
    expect(found.map((d) => d.file)).toEqual(['content/sessions/working-level.yaml']);
  });

  it('names papers by their public title, and takes canaries, ids and every block of text', () => {
    expect(secrets.map((s) => s.paper)).not.toContain(SECRET_TITLE);
    expect(secrets.filter((s) => s.kind === 'canary').map((s) => s.text)).toEqual([CANARY, 'ogp-pack canary 9RT2 trust fund']);
    expect(secrets.filter((s) => s.kind === 'id').map((s) => s.text)).toEqual(['country-updates', 'trust-fund-concept-note']);
    const texts = secrets.filter((s) => s.kind === 'text').map((s) => ` ${words(s.text).join(' ')} `);
    expect(texts.some((t) => t.includes(` ${words(SENTENCE).join(' ')} `))).toBe(true);
    expect(texts.some((t) => t.includes(` ${words(SPLIT_SENTENCE.join(' ')).join(' ')} `))).toBe(true);
    // Short blocks are secrets too: the gate matches their runs, `check` warns on shorter ones.
    expect(texts).toContain(` ${words(`Leak gate marker: ${CANARY}.`).join(' ')} `);
  });

  it('reads every word a block prints: hard breaks, table rows, alt text and notes, but no raw HTML', () => {
    const body = parseMarkdown(
      '# Heading words\n\nIn 2016  \nand 2017 the fund grows.[^1]\n\n| Year | Sum |\n| --- | --- |\n| 2016 | 4.5 million |\n\n![A chart of the fund](chart.png)\n\n<!-- an editor\'s note -->\n\n[^1]: A note on the sums.\n',
    );
    const printed = ['Heading words', 'In 2016 and 2017 the fund grows', 'Year Sum', '2016 4.5 million', 'A chart of the fund', 'A note on the sums'];
    expect(blockTexts(body).map((text) => words(text).join(' '))).toEqual(printed.map((text) => words(text).join(' ')));
  });

  it('has no secrets for an edition that carries withheld papers', async () => {
    const pack = await packOf();
    expect(pack.editions[1]!.carries.has('withheld')).toBe(true);
    expect(secretsOf(pack, pack.editions[1]!)).toEqual([]);
  });

  it('keeps a sentence that a carried paper quotes: printing it is a leak of the withheld text', async () => {
    const quoted = 'It is not the draft concept note for the OGP Trust Fund, which the source pack withheld as pre-decision and does not contain.';
    const pack = await packOf(titledContent({ 'papers/joint-declaration.md': (text) => `${text}\n${quoted}\n` }));
    expect(secretsOf(pack, pack.editions[0]!).some((s) => s.kind === 'text' && s.text.includes(quoted))).toBe(true);
  });
});

describe('a withheld paper listed by its own title', () => {
  const LISTED = 'Draft OGP Trust Fund concept note for 2016';
  const repeating = () =>
    contentTree({
      'papers/trust-fund-concept-note.md': (text) =>
        `${text.replace(`title: ${PUBLIC_TITLE}\n`, `title: ${LISTED}\n`)}\nThis ${LISTED} sets out the options the Steering Committee weighs for the fund after the review.\n\nMarker: canary 7 draft OGP trust fund concept note for.\n`,
    });

  it('may repeat that title, or 7 words of it, in its text: the listing that prints it is no leak, the rest of the sentence stays secret', async () => {
    const pack = await packOf(repeating());
    const secrets = secretsOf(pack, pack.editions[0]!);
    const contents = `Background papers ${LISTED} (withheld: pre-decision)`;
    expect(findLeaks('public.pdf', [{ place: 'page 2 text', page: 2, text: contents }], secrets)).toEqual([]);
    const quoted = `${contents}. It sets out the options the Steering Committee weighs for the fund after the review.`;
    expect(findLeaks('public.pdf', [{ place: 'page 2 text', page: 2, text: quoted }], secrets).map((d) => d.ruleId)).toEqual(['withheld-text']);
  });
});

describe('findLeaks', () => {
  const secret = (kind: Secret['kind'], text: string, unless?: string[]): Secret => ({ paper: 'Country updates', kind, text, ...(unless ? { unless } : {}) });

  it('matches words whatever the case, spacing, line breaks, punctuation and compatibility forms', () => {
    const text = 'Seen: OGP-PACK\ncanary   4qx7 —  Coun\u00ADtry\nupdates?';
    expect(findLeaks('x', [{ place: 'p', text }], [secret('canary', CANARY)])).toHaveLength(1);
    expect(findLeaks('x', [{ place: 'p', text: 'ｏｇｐ-ｐａｃｋ canary 4QX7 country updates' }], [secret('canary', CANARY)])).toHaveLength(1);
    // Word boundaries: a longer word is a different word.
    expect(findLeaks('x', [{ place: 'p', text: 'ogp-pack canary 4QX7 country updatesx' }], [secret('canary', CANARY)])).toEqual([]);
  });

  it('searches ids only in names places, case ignored (unless one word), with token boundaries, also as Word bookmark names, not in other sites\' URLs', () => {
    const id = [secret('id', 'country-updates', ['country-updates-annex'])];
    const found = (text: string, names = true) => findLeaks('x', [{ place: 'p', text, names }], id).length;
    expect(found('#paper-country-updates--background')).toBe(1);
    expect(found('paper_country_updates')).toBe(1);
    expect(found('paper-country-updates', false)).toBe(0);
    expect(found('paper-Country-Updates')).toBe(1);
    expect(found('paper-Country-Updates-Annex')).toBe(0);
    // A one-word id in another case is an ordinary word, e.g. in an outline title beside the destinations.
    const word = [secret('id', 'position')];
    expect(findLeaks('x', [{ place: 'p', text: 'Position paper', names: true }], word)).toEqual([]);
    expect(findLeaks('x', [{ place: 'p', text: 'paper-position', names: true }], word)).toHaveLength(1);
    expect(found('https://example.org/country-updates')).toBe(0);
    expect(found('https://example.org/x #paper-country-updates')).toBe(1);
    expect(found('country-updatesx')).toBe(0);
    expect(found('paper-country-updates-annex')).toBe(0);
    expect(found('paper-country-updates-annex paper-country-updates')).toBe(1);
  });

  it('reports once per place, paper and kind, names the place and the paper, and never quotes the secret', () => {
    const places: Place[] = [
      { place: 'page 3 text', text: `${CANARY}. ${SENTENCE} ${SENTENCE}` },
      { place: 'outline', text: SECRET_TITLE },
    ];
    const diagnostics = findLeaks('pack-public.pdf', places, secrets, { label: 'Public' });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'page 3 text contains the canary of the withheld paper "Country updates". The Public edition must not carry it: find what put it there (the edition filter, a renderer, or another document quoting the paper) and remove it.',
      expect.stringMatching(/^page 3 text contains text of the withheld paper "Country updates"/),
      expect.stringMatching(/^page 3 text contains text of the withheld paper "Draft OGP Trust Fund concept note"/),
      expect.stringMatching(/^outline contains the title of the withheld paper "Draft OGP Trust Fund concept note"/),
    ]);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ file: 'pack-public.pdf', ruleId: 'withheld-text', fatal: true });
      for (const s of secrets) expect(d.message).not.toContain(s.text);
    }
  });

  it('reports the same find on many pages once, with the page ranges', () => {
    const places: Place[] = [2, 3, 4, 5, 7, 9].map((page) => ({ place: `page ${page} text`, text: `Header: ${SECRET_TITLE}` }));
    places.push({ place: 'link target on page 4', text: SECRET_TITLE });
    const diagnostics = findLeaks('pack-public.pdf', places, secrets.filter((s) => s.kind === 'title'));
    expect(diagnostics.map((d) => d.message.slice(0, d.message.indexOf(' of the withheld')))).toEqual(['pages 2–5, 7, 9 text contains the title', 'link target on page 4 contains the title']);
  });

  it('reports a fallback place only for what no other place showed', () => {
    const diagnostics = findLeaks(
      'x',
      [
        { place: 'page 1 text', text: SENTENCE },
        { place: 'running text across pages', text: `${SENTENCE} ${SPLIT_SENTENCE.join('\n')}`, fallback: true },
      ],
      [secret('text', SENTENCE), secret('text', SPLIT_SENTENCE.join(' '))],
    );
    expect(placesOf(diagnostics)).toEqual(['page 1 text', 'running text across pages']);
    expect(findLeaks('x', [{ place: 'page 1 text', text: SENTENCE }, { place: 'running', text: SENTENCE, fallback: true }], [secret('text', SENTENCE)])).toHaveLength(1);
  });

  // Its speed is measured in bench/, not asserted here: a loaded machine would fail it for nothing.
  it('finds a run of a secret among 700 pages of text made of the same words', () => {
    const vocabulary = words('the of and a to in is for on that by with as at from open government partnership steering committee country action plan civil society review');
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const prose = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
    const pages: Place[] = Array.from({ length: 700 }, (_, i) => ({ place: `page ${i + 1} text`, text: prose(500) }));
    pages.push({ place: 'running text across pages', text: pages.map((p) => p.text).join('\n'), fallback: true });
    const many: Secret[] = Array.from({ length: 40 }, (_, i) => ({ paper: `Paper ${i % 4}`, kind: 'text', text: prose(12) }));
    many.push({ paper: 'Paper 0', kind: 'text', text: words(pages[350]!.text).slice(100, 112).join(' ') });
    const diagnostics = findLeaks('x', pages, many);
    expect(placesOf(diagnostics)).toContain('page 351 text');
  });
});

/** A small PDF drawn by pdfkit with its standard Helvetica. */
async function pdfkit(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, ...options });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const innocentPage = (doc: PDFKit.PDFDocument) => {
  doc.addPage();
  doc.text('Agenda of the meeting in Mexico City, with nothing withheld on it.');
};

describe('readOutput on a PDF', () => {
  it('reads the document info Title', async () => {
    const diagnostics = await leaksIn('x.pdf', await pdfkit(innocentPage, { info: { Title: SECRET_TITLE } }));
    expect(placesOf(diagnostics)).toEqual(['PDF string objects', 'document info Title']);
    expect(kindsOf(diagnostics)).toEqual(['the title']);
  });

  it('reads the XMP metadata', async () => {
    const bytes = await pdfkit(
      (doc) => {
        innocentPage(doc);
        (doc as unknown as { appendXML(xml: string): void }).appendXML(
          `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:rights>${CANARY}</dc:rights></rdf:Description>`,
        );
      },
      { pdfVersion: '1.7' },
    );
    const diagnostics = await leaksIn('x.pdf', bytes);
    expect(placesOf(diagnostics)).toEqual(['PDF streams', 'XMP metadata']);
    expect(kindsOf(diagnostics)).toEqual(['the canary']);
  });

  it('reads outline titles', async () => {
    const diagnostics = await leaksIn(
      'x.pdf',
      await pdfkit((doc) => {
        innocentPage(doc);
        doc.outline.addItem('Papers').addItem(SECRET_TITLE);
      }),
    );
    expect(placesOf(diagnostics)).toEqual(['PDF string objects', 'outline']);
    expect(kindsOf(diagnostics)).toEqual(['the title']);
  });

  it('reads link URLs and named destinations', async () => {
    const url = await leaksIn(
      'x.pdf',
      await pdfkit((doc) => {
        innocentPage(doc);
        doc.text('Read more', { link: `https://example.org/${CANARY.replace(/ /g, '-')}` });
      }),
    );
    expect(placesOf(url)).toEqual(['PDF string objects', 'link target on page 1']);
    // The canary's last words, hyphenated, are also the paper's id; in another site's URL that is no name of the pack.
    expect(kindsOf(url)).toEqual(['the canary']);

    const destination = await leaksIn(
      'x.pdf',
      await pdfkit((doc) => {
        innocentPage(doc);
        doc.addNamedDestination('paper-country-updates');
      }),
    );
    expect(placesOf(destination)).toEqual(['PDF string objects', 'named destinations']);
    expect(kindsOf(destination)).toEqual(['the id']);
  });

  it('reads structure tree alt text', async () => {
    const diagnostics = await leaksIn(
      'x.pdf',
      await pdfkit(
        (doc) => {
          innocentPage(doc);
          doc.addStructure(doc.struct('Figure', { alt: SENTENCE }, () => doc.rect(72, 200, 100, 50).stroke()));
        },
        { tagged: true } as PDFKit.PDFDocumentOptions,
      ),
    );
    expect(placesOf(diagnostics)).toEqual(['PDF string objects', 'structure tree alt text']);
    expect(kindsOf(diagnostics)).toEqual(['text']);
  });

  it('reads a sentence split over two text runs', async () => {
    const diagnostics = await leaksIn(
      'x.pdf',
      await pdfkit((doc) => {
        innocentPage(doc);
        doc.text('This text was written for the ogp-', { continued: true }).font('Helvetica-Bold').text('pack project so that the default pack exercises its handling of withheld papers.');
      }),
    );
    expect(placesOf(diagnostics)).toEqual(['page 1 text']);
    expect(kindsOf(diagnostics)).toEqual(['text']);
  });

  it('reads a sentence split over a page break, past the running header', async () => {
    const halves = ['The treasury will contribute four million', 'dollars before the end of year.'];
    const page = (text: string) => (doc: PDFKit.PDFDocument) => {
      doc.addPage();
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.text('Steering Committee meeting, Mexico City', 72, 30);
      doc.endMarkedContent();
      doc.markContent('P');
      doc.text(text, 72, 100);
      doc.endMarkedContent();
    };
    const bytes = await pdfkit((doc) => {
      page(halves[0]!)(doc);
      page(halves[1]!)(doc);
    });
    // Each half is shorter than a run the gate refuses; only the running text shows the whole.
    const diagnostics = findLeaks('x.pdf', await readOutput('x.pdf', bytes), [{ paper: 'Country updates', kind: 'text', text: halves.join(' ') }]);
    expect(placesOf(diagnostics)).toEqual(['running text across pages']);
    expect(kindsOf(diagnostics)).toEqual(['text']);
  });

  it('finds nothing in a PDF with nothing withheld', async () => {
    expect(await leaksIn('x.pdf', await pdfkit(innocentPage, { info: { Title: PUBLIC_TITLE }, pdfVersion: '1.7' }))).toEqual([]);
  });
});

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraphs = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`;
const INNOCENT = '<w:p><w:r><w:t xml:space="preserve">Agenda of the meeting in Mexico City, </w:t></w:r><w:r><w:t>with nothing withheld.</w:t></w:r></w:p>';

/** A small DOCX-shaped zip: an innocent document part, with some parts replaced or added. */
async function docx(parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('word/document.xml', paragraphs(INNOCENT));
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('readOutput on a DOCX', () => {
  it('joins the runs of a paragraph and breaks between paragraphs, cells and tabs', () => {
    const { text, attributes } = readXml(
      `<w:p><w:r><w:t>Coun</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>try</w:t></w:r><w:r><w:tab/><w:t>up</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>dates &amp; more</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:bookmarkStart w:id="1" w:name="a&amp;b"/>`,
    );
    expect(words(text)).toEqual(words('country up dates more x'));
    expect(words(text)).toHaveLength(5);
    expect(attributes.split('\n')).toEqual(['1', 'a&b']);
  });

  it('reads a header', async () => {
    const header = `<w:hdr ${W}><w:p><w:r><w:t>ogp-pack canary 4Q</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>X7 country updates</w:t></w:r></w:p></w:hdr>`;
    const diagnostics = await leaksIn('x.docx', await docx({ 'word/header1.xml': header }));
    expect(placesOf(diagnostics)).toEqual(['word/header1.xml']);
    expect(kindsOf(diagnostics)).toEqual(['the canary']);
  });

  it('reads the core properties', async () => {
    const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${SECRET_TITLE}</dc:title><dc:creator>OGP</dc:creator></cp:coreProperties>`;
    const diagnostics = await leaksIn('x.docx', await docx({ 'docProps/core.xml': core }));
    expect(placesOf(diagnostics)).toEqual(['docProps/core.xml']);
    expect(kindsOf(diagnostics)).toEqual(['the title']);
  });

  it('reads bookmark names as names', async () => {
    const body = `<w:p><w:bookmarkStart w:id="0" w:name="paper_country_updates"/><w:r><w:t>Country</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>${INNOCENT}`;
    const diagnostics = await leaksIn('x.docx', await docx({ 'word/document.xml': paragraphs(body) }));
    expect(placesOf(diagnostics)).toEqual(['word/document.xml attributes']);
    expect(kindsOf(diagnostics)).toEqual(['the id']);
  });

  it('reads field codes, split over runs, as names', async () => {
    const field = (code: string[]) =>
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>${code.map((piece) => `<w:r><w:instrText xml:space="preserve">${piece}</w:instrText></w:r>`).join('')}<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
    const diagnostics = await leaksIn('x.docx', await docx({ 'word/document.xml': paragraphs(field([' PAGEREF paper_coun', 'try_updates \\h ']) + INNOCENT) }));
    expect(placesOf(diagnostics)).toEqual(['word/document.xml field codes']);
    expect(kindsOf(diagnostics)).toEqual(['the id']);
  });

  it('reads comments', async () => {
    const comments = `<w:comments ${W}><w:comment w:id="0" w:author="Editor"><w:p><w:r><w:t>${SENTENCE}</w:t></w:r></w:p></w:comment></w:comments>`;
    const diagnostics = await leaksIn('x.docx', await docx({ 'word/comments.xml': comments }));
    expect(placesOf(diagnostics)).toEqual(['word/comments.xml']);
    expect(kindsOf(diagnostics)).toEqual(['text']);
  });

  it('reads zip entry names', async () => {
    const diagnostics = await leaksIn('x.docx', await docx({ 'word/media/trust-fund-concept-note.xml': '<x/>' }));
    expect(placesOf(diagnostics)).toEqual(['zip entry names']);
    expect(kindsOf(diagnostics)).toEqual(['the id']);
  });
});

describe('readOutput on other files', () => {
  it('reads the file name and, as text, a manifest', async () => {
    const manifest = new TextEncoder().encode(JSON.stringify({ outputs: [{ path: 'pack-public.pdf', papers: [{ title: 'Country updates', anchor: 'paper-country-updates' }] }] }));
    const diagnostics = await leaksIn('manifest.json', manifest);
    expect(placesOf(diagnostics)).toEqual(['text']);
    expect(kindsOf(diagnostics)).toEqual(['the id']);
    expect(placesOf(await leaksIn('trust-fund-concept-note.json', new TextEncoder().encode('{}')))).toEqual(['file name']);
  });
});

describe('the outputs of the default content', () => {
  let pack: Pack;
  let publicOutputs: { name: string; bytes: Uint8Array }[];
  let committeeOutputs: { name: string; bytes: Uint8Array }[];
  let defaultSecrets: Secret[];

  beforeAll(async () => {
    pack = await packOf(contentTree());
    defaultSecrets = secretsOf(pack, pack.editions[0]!);
    const built = await buildPack(contentTree(), { formats: FORMATS, editions: ['public'] }, {});
    if (!built.outputs) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
    publicOutputs = built.outputs;
    const { layout, fonts } = await loadLayout();
    const plan = editionPlan(pack, pack.editions[1]!, layout!, fonts!, {});
    committeeOutputs = [];
    for (const format of FORMATS) {
      const { bytes } = await (await format.load())(plan, layout!, fonts!);
      committeeOutputs.push({ name: `${plan.pack}-committee.${format.extension}`, bytes });
    }
  }, 240_000);

  it('finds nothing in the public PDF, DOCX and manifest', async () => {
    expect(publicOutputs.map((o) => o.name.split('.').pop()).sort()).toEqual(['docx', 'json', 'pdf']);
    for (const { name, bytes } of publicOutputs) expect(findLeaks(name, await readOutput(name, bytes), defaultSecrets)).toEqual([]);
  });

  it('finds the canaries, sentences and ids of both withheld papers in the committee outputs', async () => {
    const [pdf, docxOutput] = committeeOutputs;
    const inPdf = findLeaks(pdf!.name, await readOutput(pdf!.name, pdf!.bytes), defaultSecrets);
    const inDocx = findLeaks(docxOutput!.name, await readOutput(docxOutput!.name, docxOutput!.bytes), defaultSecrets);
    for (const diagnostics of [inPdf, inDocx]) {
      expect(kindsOf(diagnostics)).toEqual(['text', 'the canary', 'the id']);
      expect(new Set(diagnostics.map((d) => /paper "([^"]+)"/.exec(d.message)![1]))).toEqual(new Set(['Country updates', PUBLIC_TITLE]));
      for (const d of diagnostics) for (const s of defaultSecrets.filter((s) => s.kind !== 'title')) expect(d.message).not.toContain(s.text);
    }
    expect(placesOf(inPdf)).toEqual(expect.arrayContaining(['named destinations', 'PDF string objects']));
    expect(placesOf(inPdf).some((place) => /^pages? [\d–, ]+ text$/.test(place))).toBe(true);
    expect(placesOf(inPdf).some((place) => /^link target on pages? [\d–, ]+$/.test(place))).toBe(true);
    // The ids are in the bookmarks' names, which the contents' and agendas' PAGEREF fields name too.
    expect(placesOf(inDocx)).toEqual(['word/document.xml', 'word/document.xml attributes', 'word/document.xml field codes']);
  });
});

describe('modelPlaces', () => {
  it('finds nothing withheld in the filtered pack, and every kind of secret in the unfiltered one', async () => {
    const pack = await packOf();
    const edition = pack.editions[0]!;
    expect(findLeaks('model', modelPlaces(editionPack(pack, edition)), secrets)).toEqual([]);
    const unfiltered = findLeaks('model', modelPlaces(pack), secrets);
    expect(kindsOf(unfiltered)).toEqual(['text', 'the canary', 'the id', 'the title']);
    expect(placesOf(unfiltered)).toEqual(expect.arrayContaining(['document "Country updates"', `document "${PUBLIC_TITLE}"`]));
  });
});
