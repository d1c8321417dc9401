/**
 * A pack of another body than the default's, in French (test/fixtures/council: the planning
 * committee of a fictional town's municipal council), written in the meeting-neutral format: a
 * site visit whose items have no times, an evening meeting that runs past midnight with a break
 * among its items, its own groups of people with roles and organisations, a general table with
 * group rows, caption and notes, a withheld valuation and a paper still to follow. It is checked
 * and built through the command line, and its outputs read back by independent readers: pdfjs,
 * pdftotext and mammoth.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { describeWithTools } from './helpers/client-tools.js';
import { all, openDocx, styleOf, textOf, wAttr, W } from './helpers/docx.js';
import { openPdf, pageText, roles, squash, type StructNode } from './helpers/pdf.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNCIL = 'test/fixtures/council';
const STEM = 'valrenne-urbanisme-2026-03';

/** Every page's text of a PDF (running headers and footers included), and the roles of its structure tree. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; text: string; roles: string[]; links: string[] }> {
  const pdf = await openPdf(bytes);
  const pages: string[] = [];
  const found: string[] = [];
  const links: string[] = [];
  for (let i = 0; i < pdf.numPages; i++) {
    const page = await pdf.getPage(i + 1);
    pages.push(await pageText(pdf, i));
    found.push(...roles((await page.getStructTree()) as StructNode));
    for (const annotation of (await page.getAnnotations()) as { url?: string }[]) if (annotation.url) links.push(annotation.url);
  }
  return { pages, text: squash(pages.join(' ')), roles: found, links };
}

/** Where each phrase is in the text; -1 for a phrase not found. */
const positions = (text: string, phrases: readonly string[]) => phrases.map((phrase) => text.indexOf(phrase));

/** Expects every phrase in the text, in this order. */
function expectInOrder(text: string, phrases: readonly string[]): void {
  const at = positions(text, phrases);
  expect(at, `not found: ${JSON.stringify(phrases.filter((_, i) => at[i] === -1))}`).not.toContain(-1);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

/** The text between one phrase and the next occurrence of another (or the end). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start, from).toBeGreaterThan(-1);
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end === -1 ? undefined : end);
}

const VISIT_AGENDA = 'Ordre du jour : Visite du quai des Tanneurs';
const EVENING_AGENDA = 'Ordre du jour : Séance de la commission';
const CLOSED_AGENDA = 'Ordre du jour : Séance à huis clos';
const OVERNIGHT = 'mardi 10 mars 2026, 20:30 – mercredi 11 mars 2026, 00:45';
/** The evening meeting's lines, in the agenda's order: each item's time and end, and the break among them. */
const EVENING = [
  "20:30–20:40 Excuses et déclarations d'intérêts",
  '20:40–21:45 Permis de construire PC 26 0412',
  '21:45–22:15 Bilan de la construction de logements en 2025',
  '22:15 Suspension de séance (quinze minutes)',
  '22:30–23:15 Membres de la commission',
  "23:15–00:20 Calendrier de la révision du plan local d'urbanisme",
  '00:20–00:45 Questions diverses et clôture de la séance',
];
const QUESTIONS = "Questions à débattre en Commission de l'urbanisme :";
const SECRET = 'entre 4,1 et 4,6 millions';
const CANARY = 'canary-58203317';

describe('a French planning committee pack in the meeting-neutral format', () => {
  let out: string;
  // Each edition's outputs are in its own directory: `membres.pdf` is `<out>/membres/<stem>-membres.pdf`.
  const file = (suffix: string) => path.join(out, suffix.split('.')[0]!, `${STEM}-${suffix}`);
  const read = (suffix: string) => new Uint8Array(readFileSync(file(suffix)));
  const docxText = async (suffix: string) => squash((await mammoth.extractRawText({ buffer: Buffer.from(read(suffix)) })).value);
  const docxHtml = async (suffix: string) => (await mammoth.convertToHtml({ buffer: Buffer.from(read(suffix)) })).value;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'ogp-council-'));
    const build = await cli(['build', COUNCIL, '--out', out], ROOT);
    // The build prints the content checks' findings: here only the paper still to follow.
    expect(build.code).toBe(0);
    expect(build.stderr).not.toMatch(/\berror\b/);
  }, 120_000);

  it('checks with no errors; its only warning is the paper still to follow (spelling, which knows English only, is off in its check.yaml)', async () => {
    const { code, stdout } = await cli(['check', COUNCIL, '--format', 'json'], ROOT);
    expect(code).toBe(0);
    const findings = JSON.parse(stdout) as { rule: string; severity: string }[];
    expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning to-follow']);
  });

  it('builds both editions in both formats', () => {
    expect(readdirSync(out).sort()).toEqual(['membres', 'public']);
    for (const edition of ['membres', 'public']) expect(readdirSync(path.join(out, edition)).sort()).toEqual(['manifest.json', `${STEM}-${edition}.docx`, `${STEM}-${edition}.pdf`]);
  });

  it('prints the French labels, dates and weekdays in the PDF, and no English ones', async () => {
    for (const suffix of ['public.pdf', 'membres.pdf']) {
      const { pages, text } = await readPdf(read(suffix));
      // Every page after the cover is numbered « Page X sur Y ».
      pages.slice(1).forEach((page, i) => expect(page, `${suffix} page ${i + 2}`).toContain(`Page ${i + 2} sur ${pages.length}`));
      expect(pages[0]).not.toMatch(/Page \d/);
      for (const label of ['Sommaire', VISIT_AGENDA, EVENING_AGENDA, CLOSED_AGENDA, 'Documents de référence :', 'Version du 10 mars 2026', '10–11 mars 2026', 'mardi 10 mars 2026', 'mercredi 11 mars 2026, 09:30–10:30', "Calendrier de la révision du plan local d'urbanisme (à venir)"]) {
        expect(text, `${suffix}: ${label}`).toContain(label);
      }
      expect(text, suffix).not.toMatch(/Contents|Agenda:|Background papers|Questions for|Page \d+ of|to follow|withheld as|Tuesday|Wednesday|\bMarch\b/);
    }
    expect((await readPdf(read('public.pdf'))).text).toContain('Édition publique · PUBLIC');
    expect((await readPdf(read('membres.pdf'))).text).toContain('Édition des membres (diffusion restreinte)');
  });

  it('prints the French labels, dates and weekdays in the DOCX, with « Page X sur Y » in its footer', async () => {
    for (const suffix of ['public.docx', 'membres.docx']) {
      const text = await docxText(suffix);
      for (const label of ['Sommaire', VISIT_AGENDA, EVENING_AGENDA, 'Documents de référence :', 'Version du 10 mars 2026', OVERNIGHT, 'mardi 10 mars 2026']) expect(text, `${suffix}: ${label}`).toContain(label);
      expect(text, suffix).not.toMatch(/Contents|Agenda:|Background papers|Questions for|to follow|withheld as|Tuesday|Wednesday|\bMarch\b/);
      const { zip } = await openDocx(read(suffix));
      const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
      const footer = footers.join('');
      // « Page », the PAGE field, « sur », the NUMPAGES field.
      expect(footer, suffix).toMatch(/>Page <[\s\S]*PAGE[\s\S]*> sur <[\s\S]*NUMPAGES/);
      expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:language>fr</dc:language>');
    }
  });

  it('numbers the site visit\'s untimed items, and gives its day without times', async () => {
    const { text } = await readPdf(read('public.pdf'));
    // The agenda (its title, then its day), not its contents entry.
    const visit = between(text, `${VISIT_AGENDA} mardi 10 mars 2026 Quai des Tanneurs`, EVENING_AGENDA);
    expectInOrder(visit, ["1. Accueil par la directrice de l'urbanisme", '2. Visite des entrepôts et du futur quai public', "3. Retour à l'hôtel de ville en minibus"]);
    expect(visit).not.toMatch(/\d\d:\d\d/);
    const html = await docxHtml('public.docx');
    const rows = between(html, `${VISIT_AGENDA}</h`, EVENING_AGENDA).match(/<tr>[\s\S]*?<\/tr>/g)!.map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
    expect(rows.map((row) => row.slice(0, 3))).toEqual(['Ren', '1. ', '2. ', '3. ']);
  });

  it('prints the evening meeting past midnight: both days, its times in order, the break among the items', async () => {
    for (const suffix of ['public.pdf', 'membres.pdf']) {
      const { text } = await readPdf(read(suffix));
      // On the cover, and under the agenda's title.
      expect(text.split(OVERNIGHT), suffix).toHaveLength(3);
      // The agenda's title, then its date range and room; its lines up to the running header of its page's foot.
      const agenda = between(text, `${EVENING_AGENDA} ${OVERNIGHT} Salle du conseil`, CLOSED_AGENDA);
      expectInOrder(agenda, EVENING);
    }
    const docx = await docxText('membres.docx');
    expectInOrder(between(docx, `${EVENING_AGENDA} ${OVERNIGHT}`, CLOSED_AGENDA), EVENING);
  });

  it('renders Markdown in a session note and an item description: no asterisks, bold, italic and links', async () => {
    const { text, links } = await readPdf(read('public.pdf'));
    expect(text).toContain("Rendez-vous au portail nord ; chaussures de marche conseillées, le terrain n'est pas aménagé. Plan d'accès : valrenne.example/acces.");
    expect(text).toContain('Transformation de deux entrepôts inscrits en 96 logements, avec un quai ouvert au public.');
    expect(text).toContain('le dossier complet est sur le registre des autorisations.');
    expect(text).not.toMatch(/\*\*|\*[a-z]|\]\(/);
    expect(links).toEqual(expect.arrayContaining(['https://valrenne.example/acces', 'https://valrenne.example/urbanisme/registre']));
    for (const suffix of ['public.docx', 'membres.docx']) {
      const html = await docxHtml(suffix);
      // A note is set in italics whole, so its bold is bold italic.
      expect(html, suffix).toContain('<em>Rendez-vous au </em><strong><em>portail nord</em></strong><em> ; chaussures de marche conseillées');
      expect(html, suffix).toContain('<a href="https://valrenne.example/acces"><em>valrenne.example/acces</em></a>');
      expect(html, suffix).toContain('<strong>96 logements</strong>');
      expect(html, suffix).toContain('<em>quai ouvert au public</em>');
      expect(html, suffix).toContain('<a href="https://valrenne.example/urbanisme/registre">registre des autorisations</a>');
      expect(html, suffix).toContain('<em>La séance est </em><strong><em>publique</em></strong>');
      expect(html, suffix).not.toMatch(/\*\*|\*[a-z]|\]\(/);
    }
  });

  it('introduces questions with a French label naming the commission, without an article', async () => {
    for (const suffix of ['public.pdf', 'membres.pdf']) {
      const { text } = await readPdf(read(suffix));
      expect(text.split(QUESTIONS), suffix).toHaveLength(3);
      expect(text, suffix).not.toMatch(/Questions pour l|Steering Committee/);
    }
    for (const suffix of ['public.docx', 'membres.docx']) {
      const text = await docxText(suffix);
      expect(text.split(QUESTIONS), suffix).toHaveLength(3);
      expect(text, suffix).not.toMatch(/Questions pour l|Steering Committee/);
    }
  });

  it('prints every biography under the person\'s name, with role and organisation, in the declared groups\' order', async () => {
    const order = [
      'Élus municipaux',
      'Amandine Roche Présidente, Quartier des Tanneurs Élue en 2020',
      'Bernard Lefaucheux Vice-président, Quartier de la Gare Géomètre-expert',
      // No role: the organisation alone.
      'Hélène Marchetti Quartier du Moulin Professeure',
      'Membres associés',
      "Claire Vautrin Membre associée, Société d'histoire de Valrenne Historienne de l'architecture",
      'Services municipaux',
      "Samia Benali Directrice de l'urbanisme, Ville de Valrenne Elle dirige",
      'Thomas Eyraud Chargé des cessions foncières, Service du patrimoine Il estime',
    ];
    const start = 'Membres de la commission La commission compte';
    const { text } = await readPdf(read('membres.pdf'));
    expectInOrder(text.slice(text.lastIndexOf(start)), order);
    const docx = await docxText('public.docx');
    expectInOrder(docx.slice(docx.lastIndexOf(start)), order);
  });

  it('heads each biography in the DOCX with the name as a heading, under its group\'s heading', async () => {
    const { xml } = await openDocx(read('public.docx'));
    const paragraphs = all(await xml('word/document.xml'), 'p');
    // The name is also a contents entry, and an agenda line for a presenter.
    const stylesOf = (text: string) => paragraphs.filter((p) => textOf(p) === text).map(styleOf);
    for (const group of ['Élus municipaux', 'Membres associés', 'Services municipaux']) expect(stylesOf(group), group).toContain('Heading2');
    for (const name of ['Amandine Roche', 'Claire Vautrin', 'Thomas Eyraud']) {
      expect(stylesOf(name).filter((style) => style?.startsWith('Heading')), name).toEqual(['Heading3']);
    }
  });

  it('prints the general table in the PDF: caption above, header, ungrouped row, group rows in order, notes below', async () => {
    const { text, roles: found } = await readPdf(read('public.pdf'));
    expectInOrder(text, [
      'Logements achevés en 2025, par quartier et par type',
      'Quartier Objectif du PLU Achevés Commentaire',
      "Tous quartiers 1200 968 81 % de l'objectif",
      'Logements libres',
      'Les Tanneurs 380 301 Deux grands chantiers retardés',
      'Logements sociaux',
      "Le Moulin 320 207 Le terrain de l'ancien dépôt n'est pas encore vendu",
      "Source : déclarations d'achèvement des travaux",
      '* Dont 31 logements rachetés par la ville',
      'Les services présenteront un nouveau bilan en septembre',
    ]);
    expect(found).toContain('Caption');
  });

  it('prints the general table in the DOCX: a caption paragraph, group rows across the table, numbers right-aligned, notes after it', async () => {
    const { xml } = await openDocx(read('membres.docx'));
    const document = await xml('word/document.xml');
    const body = document.getElementsByTagNameNS(W, 'body')[0]!;
    const blocks = Array.from(body.childNodes).filter((n) => n.nodeType === 1) as ReturnType<typeof all>;
    const caption = blocks.findIndex((b) => b.localName === 'p' && textOf(b) === 'Logements achevés en 2025, par quartier et par type');
    expect(caption).toBeGreaterThan(-1);
    expect(styleOf(blocks[caption]!)).toBe('Caption');
    const table = blocks[caption + 1]!;
    expect(table.localName).toBe('tbl');
    const rows = all(table, 'tr').map((tr) => all(tr, 'tc').map(textOf));
    expect(rows).toEqual([
      ['Quartier', 'Objectif du PLU', 'Achevés', 'Commentaire'],
      ['Tous quartiers', '1200', '968', "81 % de l'objectif"],
      ['Logements libres'],
      ['Les Tanneurs', '380', '301', 'Deux grands chantiers retardés par les travaux contre les crues'],
      ['La Gare', '260', '214', ''],
      ['Logements sociaux'],
      ['Les Tanneurs', '240', '246', "Au-delà de l'objectif*"],
      ['Le Moulin', '320', '207', "Le terrain de l'ancien dépôt n'est pas encore vendu"],
    ]);
    const groupCell = all(all(table, 'tr')[2]!, 'tc')[0]!;
    expect(wAttr(all(groupCell, 'gridSpan')[0]!, 'val')).toBe('4');
    const numberCell = all(all(table, 'tr')[1]!, 'tc')[1]!;
    expect(wAttr(all(numberCell, 'jc')[0]!, 'val')).toBe('right');
    expect(blocks.slice(caption + 2, caption + 4).map(styleOf)).toEqual(['TableNote', 'TableNote']);
    const after = blocks.slice(caption + 2, caption + 4).map(textOf).join(' ');
    expect(after).toContain("Source : déclarations d'achèvement des travaux");
    expect(after).toContain('* Dont 31 logements rachetés par la ville');
  });

  it('keeps the valuation out of the public edition and prints it in the members\' edition', async () => {
    const publicPdf = (await readPdf(read('public.pdf'))).text;
    const publicDocx = await docxText('public.docx');
    for (const text of [publicPdf, publicDocx]) {
      // Under its public title with its reason, in the contents and on its stub page.
      expect(text).toContain("Cession du terrain de l'ancien dépôt (non diffusé : secret des affaires)");
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain("Estimation du terrain de l'ancien dépôt");
    }
    expect(publicPdf).toContain("Ce document n'est pas diffusé (secret des affaires). Il ne fait pas partie de l'édition publique.");
    for (const text of [(await readPdf(read('membres.pdf'))).text, await docxText('membres.docx')]) {
      expect(text).toContain("Estimation du terrain de l'ancien dépôt, rue du Moulin");
      expect(text).toContain(SECRET);
      expect(text).toContain(CANARY);
      expect(text).toContain('DIFFUSION RESTREINTE — SECRET DES AFFAIRES — NE PAS DIFFUSER');
    }
  });

  describeWithTools(['pdftotext'], 'read by pdftotext', () => {
    const pdftotext = (suffix: string) => squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file(suffix), '-'], { encoding: 'utf8' }));

    it('gives the French labels, the numbered visit, the overnight times in order and no withheld text in the public edition', () => {
      const text = pdftotext('public.pdf');
      expect(text).toContain('Page 2 sur 9');
      expect(text).toContain('Sommaire');
      expect(text).toContain(OVERNIGHT);
      expectInOrder(text.slice(text.lastIndexOf(VISIT_AGENDA)), ["1. Accueil par la directrice de l'urbanisme", '2. Visite des entrepôts', "3. Retour à l'hôtel de ville"]);
      const evening = text.slice(text.lastIndexOf(EVENING_AGENDA));
      expectInOrder(evening, ['20:30–20:40', '20:40–21:45', '21:45–22:15', '22:15 Suspension de séance', '22:30–23:15', '23:15–00:20', '00:20–00:45']);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(CANARY);
      expect(pdftotext('membres.pdf')).toContain(CANARY);
    });
  });
});
