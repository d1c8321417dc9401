/**
 * Agendas as real meetings have them (issue 15, point 2): items without times, a session that
 * crosses midnight, timed notes among the items, and Markdown in notes, remarks, descriptions and
 * questions, read back from the plan, the PDF (pdfjs) and the DOCX (mammoth).
 */
import mammoth from 'mammoth';
import type { Root, Strong } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import { runCheck } from '../src/check/run.js';
import { memoryTree } from '../src/io/source-tree.js';
import { agendaItems, type AgendaPlan, type PackPlan } from '../src/plan/plan.js';
import { loadLayout } from '../src/plan/template.js';
import type { Pack } from '../src/model/pack.js';
import { readPack } from '../src/pipeline.js';
import { agendaLines, itemEnds, type SessionTimes } from '../src/resolve/agenda.js';
import { renderDocx } from '../src/render/docx/render.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { destinationPage, openPdf, squash } from './helpers/pdf.js';
import { lineOf } from './helpers/trees.js';

const MEETING = `pack: agenda-test
title: Agenda test meeting
short_title: Agenda test
organisation: Test organisation
series: Test series
dates: {start: 2015-10-26, end: 2015-10-27}
venue: Somewhere
sessions: [plenary, night, informal]
editions:
  - {id: public, audience: public, label: Public, marking: PUBLIC}
`;

/** A day with a timed note before the items, lunch among them and an untimed note after lunch. */
const PLENARY = `id: plenary
title: Plenary
weekday: Monday
date: 2015-10-26
start: '09:00'
end: '17:00'
location: Hall A
notes:
  - time: '08:30'
    text: Registration at the **main entrance**
  - time: '12:00'
    text: Lunch on the *terrace*
  - text: Badges are needed after lunch
items:
  - time: '09:00'
    title: Opening
    remarks: Remarks from *the chair*
    description: |
      The meeting opens with **strong words** and *quiet words*, and a [link to the partnership](https://www.opengovpartnership.org).
  - time: '10:30'
    title: Reports
    description: Reports are due <span>today</span>.
    questions:
      - Should the **committee** agree?
      - What *else* is needed?
  - time: '13:00'
    title: Afternoon discussion
`;

/** Past midnight: items and a note after 00:00 come after those before it. */
const NIGHT = `id: night
title: Night session
weekday: Monday
date: 2015-10-26
start: '21:00'
end: '01:30'
ends_next_day: true
location: Hall B
notes:
  - time: '00:30'
    text: Coffee in the lobby
items:
  - time: '21:00'
    title: Dinner talk
  - time: '23:30'
    title: Late debate
  - time: '00:45'
    title: Closing before dawn
`;

/** The source gives only the order. */
const INFORMAL = `id: informal
title: Informal programme
date: 2015-10-27
location: Garden
items:
  - title: Walk in the park
  - title: Lightning talks
  - title: Farewell
`;

const FILES = { 'meeting.yaml': MEETING, 'sessions/plenary.yaml': PLENARY, 'sessions/night.yaml': NIGHT, 'sessions/informal.yaml': INFORMAL };
const tree = () => memoryTree(FILES, 'content');

const AGENDA_RULES = ['agenda-time-order', 'agenda-overlap', 'agenda-session-bounds', 'agenda-start', 'agenda-end', 'session-collision', 'weekday'];

let pack: Pack;
let plan: PackPlan;
let pdf: PDFDocumentProxy;
let html: string;
let docxText: string;

beforeAll(async () => {
  const read = await readPack(tree());
  if (!read.pack) throw new Error(read.diagnostics.map(String).join('\n'));
  pack = read.pack;
  const { layout, fonts } = await loadLayout();
  plan = editionPlan(pack, pack.editions[0]!, layout!, fonts!, {});
  pdf = await openPdf((await renderPdf(plan, layout!, fonts!)).bytes);
  const docx = Buffer.from((await renderDocx(plan, layout!, fonts!)).bytes);
  html = (await mammoth.convertToHtml({ buffer: docx })).value;
  docxText = (await mammoth.extractRawText({ buffer: docx })).value;
}, 120_000);

const agenda = (id: string): AgendaPlan => plan.agendas.find((a) => a.anchor === `agenda-${id}`)!;
/** Each entry as the time column and the first words of the text show it. */
const lines = (a: AgendaPlan) => a.entries.map((e) => [e.marker, e.kind === 'note' ? toString(e.text) : e.title]);

describe('the agenda check rules', () => {
  it('accept untimed items, a session past midnight and a session without times', async () => {
    const findings = (await runCheck(tree())).filter((d) => AGENDA_RULES.includes(d.ruleId ?? ''));
    expect(findings.map(String)).toEqual([]);
  });

  it('still report a session past midnight that does not say so, naming `ends_next_day`', async () => {
    const files = { ...FILES, 'sessions/night.yaml': NIGHT.replace('ends_next_day: true\n', '') };
    const findings = (await runCheck(memoryTree(files, 'content'))).filter((d) => AGENDA_RULES.includes(d.ruleId ?? ''));
    expect(findings.map((d) => d.ruleId)).toContain('agenda-end');
    expect(findings.find((d) => d.ruleId === 'agenda-end')!.reason).toContain('add `ends_next_day: true`');
  });
});

describe('the session schema', () => {
  it('reports an `end` without a `start` at the `end` key, saying what to add', async () => {
    const plenary = PLENARY.replace("start: '09:00'\n", '');
    const { diagnostics } = await readPack(memoryTree({ ...FILES, 'sessions/plenary.yaml': plenary }, 'content'));
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.reason}`)).toEqual([`content/sessions/plenary.yaml:${lineOf(plenary, 'end:')}:1: \`end\` needs \`start\`: add \`start\` or remove \`end\` (session schema).`]);
  });
});

describe('the resolved agenda', () => {
  it('parses the Markdown once, with positions in the session file', () => {
    const opening = pack.sessions[0]!.items[0]!;
    const strong: Strong[] = [];
    visit(opening.description as Root, 'strong', (node: Strong) => void strong.push(node));
    expect(strong.map((s) => toString(s))).toEqual(['strong words']);
    const line = lineOf(PLENARY, '**strong words**');
    expect(strong[0]!.position?.start).toMatchObject({ line, column: PLENARY.split('\n')[line - 1]!.indexOf('**strong') + 1 });
    const note = pack.sessions[0]!.notes[0]!.text;
    expect(note.children[0]!.position?.start.line).toBe(lineOf(PLENARY, 'Registration'));
  });

  it('is not changed by planning, which leaves out raw HTML from a copy', async () => {
    const { pack: fresh } = await readPack(tree());
    const before = structuredClone(fresh!.sessions);
    const { layout, fonts } = await loadLayout();
    const planned = editionPlan(fresh!, fresh!.editions[0]!, layout!, fonts!, {});
    expect(fresh!.sessions).toEqual(before);
    const reports = agendaItems(planned.agendas[0]!)[1]!;
    expect(toString(reports.description)).toBe('Reports are due today.');
    expect(JSON.stringify(reports.description)).not.toContain('span');
  });

  it('ends an item at the next item, at a timed note in between, or not at all when unknown', () => {
    const [plenary, night, informal] = pack.sessions;
    expect(plenary!.items.map((i) => i.end)).toEqual(['10:30', '12:00', '17:00']);
    expect(night!.items.map((i) => i.end)).toEqual(['23:30', '00:30', '01:30']);
    expect(informal!.items.map((i) => i.end)).toEqual([undefined, undefined, undefined]);
  });
});

describe('the agenda plan', () => {
  it('puts a timed note among the items by its time, an untimed note after the note above it', () => {
    expect(lines(agenda('plenary'))).toEqual([
      ['08:30', 'Registration at the main entrance'],
      ['09:00–10:30', 'Opening'],
      ['10:30–12:00', 'Reports'],
      ['12:00', 'Lunch on the terrace'],
      ['', 'Badges are needed after lunch'],
      ['13:00–17:00', 'Afternoon discussion'],
    ]);
  });

  it('orders a session past midnight by the clock of the night, and names both days', () => {
    expect(lines(agenda('night'))).toEqual([
      ['21:00–23:30', 'Dinner talk'],
      ['23:30–00:30', 'Late debate'],
      ['00:30', 'Coffee in the lobby'],
      ['00:45–01:30', 'Closing before dawn'],
    ]);
    expect(agenda('night').when).toBe('Monday 26 October 2015, 21:00 – Tuesday 27 October 2015, 01:30');
  });

  it('numbers the items of an agenda without times, and gives its day only', () => {
    expect(lines(agenda('informal'))).toEqual([
      ['1.', 'Walk in the park'],
      ['2.', 'Lightning talks'],
      ['3.', 'Farewell'],
    ]);
    expect(agenda('informal').when).toBe('Tuesday 27 October 2015');
    // Numbers need less room than times.
    expect(agenda('informal').column).toBeLessThan(agenda('plenary').column);
    expect(agendaItems(agenda('informal')).every((i) => i.time === undefined && i.end === undefined)).toBe(true);
    expect(plan.cover.sessions.map((s) => s.when)).toEqual([agenda('plenary').when, agenda('night').when, agenda('informal').when]);
  });
});

/** The text of an agenda's pages, up to the next agenda, with the font of every text item. */
async function agendaPages(a: AgendaPlan): Promise<{ text: string; runs: { str: string; font: string }[] }> {
  const first = await destinationPage(pdf, a.anchor);
  const next = plan.agendas[plan.agendas.indexOf(a) + 1];
  const last = next ? (await destinationPage(pdf, next.anchor)) - 1 : first;
  let text = '';
  const runs: { str: string; font: string }[] = [];
  for (let i = first; i <= last; i++) {
    const page = await pdf.getPage(i + 1);
    // The operator list loads the page's fonts, so their names can be read.
    await page.getOperatorList();
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? ' ' : '');
      runs.push({ str: item.str, font: (page.commonObjs.get(item.fontName) as { name: string }).name });
    }
  }
  return { text: squash(text), runs };
}

/** Whether `needles` occur in `text` one after another, each after the end of the one before. */
const inOrder = (text: string, needles: string[]) => {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    if (at === -1) return false;
    from = at + needle.length;
  }
  return true;
};

describe('the agendas in the PDF', () => {
  it('print notes and items in time order, with their times, and an untimed agenda numbered', async () => {
    const plenary = await agendaPages(agenda('plenary'));
    expect(inOrder(plenary.text, ['08:30', 'Registration', '09:00–10:30', 'Opening', '10:30–12:00', 'Reports', '12:00', 'Lunch', 'Badges', '13:00–17:00', 'Afternoon discussion'])).toBe(true);
    const night = await agendaPages(agenda('night'));
    expect(night.text).toContain('Monday 26 October 2015, 21:00 – Tuesday 27 October 2015, 01:30');
    expect(inOrder(night.text, ['21:00–23:30', 'Dinner talk', '23:30–00:30', 'Late debate', '00:30', 'Coffee in the lobby', '00:45–01:30', 'Closing before dawn'])).toBe(true);
    const informal = await agendaPages(agenda('informal'));
    expect(inOrder(informal.text, ['1.', 'Walk in the park', '2.', 'Lightning talks', '3.', 'Farewell'])).toBe(true);
  });

  it('draw the Markdown of notes, remarks, descriptions and questions, never its asterisks', async () => {
    const { text, runs } = await agendaPages(agenda('plenary'));
    expect(text).not.toMatch(/[*_]/);
    const fontOf = (words: string) => runs.find((r) => r.str.includes(words))?.font ?? `no run "${words}"`;
    // Notes and remarks are italic, so their strong words are bold italic.
    expect(fontOf('main entrance')).toMatch(/BoldItalic/);
    expect(fontOf('Registration at the')).toMatch(/-Italic$/);
    expect(fontOf('the chair')).toMatch(/-Italic$/);
    expect(fontOf('strong words')).toMatch(/-Bold$/);
    expect(fontOf('quiet words')).toMatch(/-Italic$/);
    expect(fontOf('The meeting opens with')).toMatch(/-Regular$/);
    expect(fontOf('committee')).toMatch(/-Bold$/);
    expect(fontOf('else')).toMatch(/-Italic$/);
  });

  it('make a Markdown link in a description a link', async () => {
    const page = await pdf.getPage((await destinationPage(pdf, agenda('plenary').anchor)) + 1);
    const urls = (await page.getAnnotations()).filter((a) => a.subtype === 'Link').map((a) => a.url);
    expect(urls).toContain('https://www.opengovpartnership.org/');
  });
});

describe('the agendas in the DOCX', () => {
  it('list notes and items in time order, with their times, and an untimed agenda numbered', () => {
    const text = squash(docxText);
    expect(inOrder(text, ['08:30', 'Registration', '09:00–10:30', 'Opening', '10:30–12:00', 'Reports', '12:00', 'Lunch', 'Badges', '13:00–17:00', 'Afternoon discussion'])).toBe(true);
    expect(inOrder(text, ['21:00–23:30', 'Dinner talk', '23:30–00:30', 'Late debate', '00:30', 'Coffee in the lobby', '00:45–01:30', 'Closing before dawn'])).toBe(true);
    expect(inOrder(text, ['1.', 'Walk in the park', '2.', 'Lightning talks', '3.', 'Farewell'])).toBe(true);
    expect(text).toContain('Monday 26 October 2015, 21:00 – Tuesday 27 October 2015, 01:30');
  });

  it('set the Markdown as strong and emphasis, never as asterisks', () => {
    expect(docxText).not.toMatch(/[*_]/);
    // mammoth nests a note's strong words inside its emphasis, in either order.
    expect(html).toMatch(/<(em|strong)><(em|strong)>main entrance<\/(em|strong)><\/(em|strong)>/);
    expect(html).toMatch(/<em>Registration at the <\/em>/);
    expect(html).toMatch(/<em>Remarks from <\/em><em>the chair<\/em>|<em>Remarks from the chair<\/em>/);
    expect(html).toContain('<strong>strong words</strong>');
    expect(html).toContain('<em>quiet words</em>');
    expect(html).toContain('<li>Should the <strong>committee</strong> agree?</li>');
    expect(html).toContain('<li>What <em>else</em> is needed?</li>');
    expect(html).toContain('<a href="https://www.opengovpartnership.org">link to the partnership</a>');
  });
});

describe('agenda time', () => {
  const session = (fields: Partial<SessionTimes> & { notes?: { time?: string }[]; items: { time?: string }[] }) => ({ start: '09:00', end: '17:00', ...fields });
  const order = (s: Parameters<typeof agendaLines>[0]) => agendaLines(s).map((l) => `${l.kind}${l.index}`);

  it('opens the agenda with a note before the start, even when the first items have no time', () => {
    const s = session({ notes: [{ time: '12:00' }, { time: '08:30' }], items: [{}, {}, { time: '13:00' }] });
    expect(order(s)).toEqual(['note1', 'item0', 'item1', 'note0', 'item2']);
  });

  it('puts a note the items cannot place after them, and one before the start of a night session first', () => {
    expect(order(session({ start: undefined, end: undefined, notes: [{ time: '12:00' }], items: [{}, {}] }))).toEqual(['item0', 'item1', 'note0']);
    const night = session({ start: '21:00', end: '01:30', ends_next_day: true, notes: [{ time: '00:30' }, { time: '20:30' }], items: [{ time: '21:00' }, { time: '01:00' }] });
    expect(order(night)).toEqual(['note1', 'item0', 'note0', 'item1']);
  });

  it('leaves an end unknown where the next item has no time, and the session none', () => {
    expect(itemEnds(session({ items: [{ time: '09:00' }, {}, { time: '11:00' }] }))).toEqual([undefined, undefined, '17:00']);
    expect(itemEnds(session({ end: undefined, items: [{ time: '09:00' }, { time: '11:00' }] }))).toEqual(['11:00', undefined]);
  });

  it('shows only the start of an item whose end is unknown, and nothing for an untimed item among timed ones', async () => {
    const files = { ...FILES, 'sessions/informal.yaml': INFORMAL.replace('  - title: Lightning talks', "  - time: '10:00'\n    title: Lightning talks") };
    const { pack: mixed } = await readPack(memoryTree(files, 'content'));
    const { layout, fonts } = await loadLayout();
    const informal = editionPlan(mixed!, mixed!.editions[0]!, layout!, fonts!, {}).agendas.find((a) => a.anchor === 'agenda-informal')!;
    expect(lines(informal)).toEqual([
      ['', 'Walk in the park'],
      ['10:00', 'Lightning talks'],
      ['', 'Farewell'],
    ]);
    expect(informal.column).toBe(layout!.agenda.timeColumn);
  });
});
