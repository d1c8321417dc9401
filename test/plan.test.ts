import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import { packDate, repeats } from '../src/plan/build-plan.js';
import { agendaItems, type PackPlan, type PackTable } from '../src/plan/plan.js';
import { columnWidths, hinted } from '../src/plan/tables.js';
import { fontMeasure, oneSpace, shorten } from '../src/plan/measure.js';
import { memoryTree } from '../src/io/source-tree.js';
import { loadLayout } from '../src/plan/template.js';
import { readPack } from '../src/pipeline.js';
import { contentTree, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';


async function defaultPlan(): Promise<PackPlan> {
  const { pack } = await readPack(contentTree());
  const { layout, fonts } = await loadLayout();
  return editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {});
}

function tablesOf(plan: PackPlan, id: string): PackTable[] {
  const doc = plan.parts.flatMap((p) => p.documents).find((d) => d.id === id)!;
  return doc.body.children.filter((n): n is PackTable => n.type === 'packTable');
}

describe('the pack plan of the default content', () => {
  it('has the cover, two agendas with item end times, and the papers then the annex', async () => {
    const plan = await defaultPlan();
    expect(plan.cover.dates).toMatch(/^26\s?–\s?27 October 2015$/u);
    expect(plan.cover.sessions.map((s) => s.when)).toEqual(['Monday 26 October 2015, 16:00–19:00', 'Tuesday 27 October 2015, 16:30–19:00']);
    expect(plan.cover.version).toBe('Version of 26 October 2015');
    expect(plan.agendas.map((a) => agendaItems(a).length)).toEqual([7, 5]);
    const ministerial = plan.agendas[1]!;
    expect(agendaItems(ministerial)[0]).toMatchObject({ time: '16:30', end: '16:45', marker: '16:30–16:45' });
    expect(agendaItems(ministerial).at(-1)!.end).toBe('19:00');
    expect(plan.parts.map((p) => [p.id, p.divider])).toEqual([['papers', false], ['annex', true]]);
    expect(plan.parts[1]!.title).toBe('Steering Committee Annex');
  });

  it('links printed papers, gives the others their status note, and a withheld paper a stub page under a neutral id', async () => {
    const plan = await defaultPlan();
    const refs = new Map(plan.agendas.flatMap((a) => agendaItems(a).flatMap((i) => i.papers)).map((r) => [r.title, r]));
    expect(refs.get('Joint Declaration on Open Government for the Implementation of the 2030 Agenda for Sustainable Development')).toMatchObject({ anchor: 'paper-joint-declaration', status: 'included' });
    expect(refs.get('Country updates')).toEqual({ id: 'withheld-1', title: 'Country updates', status: 'withheld', presence: 'stub', note: 'withheld as pre-decision', anchor: 'paper-withheld-1' });
    expect(refs.get('Independent Reporting Mechanism Then-and-Now')!.presence).toBe('text');
    expect(refs.get('Copy of draft bylaws')!.presence).toBe('listed');
    expect(refs.get('List of endorsing governments and civil society organisations')).toMatchObject({ note: 'to be circulated at the meeting' });
    expect(refs.get('List of endorsing governments and civil society organisations')!.anchor).toBeUndefined();
    expect(refs.get('Copy of draft bylaws')!.note).toBe('to follow');
    const documents = new Map(plan.parts.flatMap((p) => p.documents).map((d) => [d.id, d]));
    expect(documents.has('country-updates')).toBe(false);
    expect(documents.get('withheld-1')).toMatchObject({ title: 'Country updates (withheld as pre-decision)', headings: [] });
    expect(documents.get('withheld-1')!.marking).toBeUndefined();
    expect(documents.has('access-to-information')).toBe(true);
  });

  it('follows the editions declared in meeting.yaml: stubs off, a suffix, a watermark and its own withheld marking', async () => {
    const editions = `editions:
  - {id: public, audience: public, label: Public, marking: PUBLIC, stubs: false, watermark: EMBARGOED}
  - {id: members, audience: restricted, label: Members, marking: MEMBERS ONLY, carries: [included, withheld], suffix: m, withheld_marking: 'CONFIDENTIAL ({reason})'}
`;
    const { pack } = await readPack(contentTree({ 'meeting.yaml': (t) => t.slice(0, t.indexOf('editions:')) + editions }));
    const { layout, fonts } = await loadLayout();
    expect(pack!.editions.map((e) => [e.id, e.suffix, e.stubs])).toEqual([['public', 'public', false], ['members', 'm', true]]);

    const listed = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {}, true);
    const ref = listed.agendas.flatMap((a) => agendaItems(a).flatMap((i) => i.papers)).find((r) => r.title === 'Country updates')!;
    expect(ref).toEqual({ id: 'withheld-1', title: 'Country updates', status: 'withheld', presence: 'listed', note: 'withheld as pre-decision' });
    expect(listed.parts.flatMap((p) => p.documents).map((d) => d.id)).not.toContain('withheld-1');
    expect(listed.edition).toMatchObject({ watermark: 'DRAFT · EMBARGOED', footer: 'Public edition · PUBLIC' });

    const members = editionPlan(pack!, pack!.editions[1]!, layout!, fonts!, {});
    expect(members.parts[0]!.documents.find((d) => d.id === 'country-updates')).toMatchObject({ title: 'Country updates', marking: 'CONFIDENTIAL (pre-decision)' });
    expect(members.cover).toMatchObject({ edition: 'Members edition (restricted)', marking: 'MEMBERS ONLY' });
    // The edition that prints a withheld paper marks it restricted in its contents and agendas.
    expect(members.contents.find((line) => line.title === 'Country updates')).toMatchObject({ kind: 'paper', restricted: 'restricted', anchor: 'paper-country-updates' });
    expect(members.agendas.flatMap((a) => agendaItems(a).flatMap((i) => i.papers)).find((r) => r.title === 'Country updates')).toMatchObject({ presence: 'text', restricted: 'restricted' });
    expect(listed.contents.some((line) => line.restricted)).toBe(false);
    expect(members.edition.audience).toBe('restricted');
    expect(members.edition.watermark).toBeUndefined();
  });

  it('refuses two editions with one file name suffix', async () => {
    const editions = 'editions:\n  - {id: public, audience: public, label: Public, marking: PUBLIC}\n  - {id: press, audience: public, label: Press, marking: PUBLIC, suffix: public}\n';
    const { pack, diagnostics } = await readPack(contentTree({ 'meeting.yaml': (t) => t.slice(0, t.indexOf('editions:')) + editions }));
    expect(pack).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.reason}`)).toEqual([
      `18:74 duplicate-id Editions 1 and 2 share the file name suffix "public", so one would overwrite the other's outputs. Give each edition its own.`,
    ]);
  });

  it('gives every heading a unique anchor, with headings from depth 2', async () => {
    const plan = await defaultPlan();
    const anchors = plan.parts.flatMap((p) => p.documents.flatMap((d) => d.headings.map((h) => h.anchor)));
    expect(new Set(anchors).size).toBe(anchors.length);
    const note = plan.parts[1]!.documents.find((d) => d.id === 'subnational-concept-note')!;
    expect(note.headings.filter((h) => h.depth === 2).map((h) => h.text)).toContain('Annex 1: Pilot Program Design Process');
    expect(note.headings.find((h) => h.text === 'Pioneers')).toMatchObject({ depth: 3, anchor: 'paper-subnational-concept-note--pioneers' });
  });

  it('expands the biographies under their group headings', async () => {
    const plan = await defaultPlan();
    const bios = plan.parts[0]!.documents.find((d) => d.id === 'iep-biographies')!;
    const text = toString(bios.body);
    expect(bios.headings.map((h) => h.text).slice(0, 4)).toEqual(['Founding member in attendance', 'Jonathan Fox', 'New members in attendance', 'Anuradha Joshi']);
    expect(bios.headings.find((h) => h.text === 'Jonathan Fox')).toMatchObject({ depth: 3, anchor: 'paper-iep-biographies--jonathan-fox' });
    expect(text).toContain('Ernesto Velasco-Sánchez is a consultant');
    expect(text.indexOf('Jonathan Fox is')).toBeLessThan(text.indexOf('Joshi is currently a Senior Fellow'));
  });

  it('leaves the pack as it was, so the next edition is planned from the same biographies', async () => {
    // A paper of biographies with a top-level heading of its own, so a heading in a biography shifts below it.
    const tree = contentTree({
      'papers/iep-biographies.md': (t) => `${t.trimEnd()}\n\n# Panel\n\nThe panel's members, by group.\n`,
      'people/jonathan-fox.md': (t) => `${t.trimEnd()}\n\n## Publications\n\nSee [his career](#publications).\n`,
    });
    const { pack } = await readPack(tree);
    const { layout, fonts } = await loadLayout();
    const before = structuredClone(pack!.documents.get('iep-biographies'));
    const first = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {});
    expect(JSON.stringify(first)).toContain('Publications');
    expect(pack!.documents.get('iep-biographies')).toEqual(before);
    expect(editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {})).toEqual(first);
  });

  it('turns data into tables with group rows and content-measured widths', async () => {
    const plan = await defaultPlan();
    const [complete, planned] = tablesOf(plan, 'peer-exchange-2015');
    expect(complete!.rows.filter((r) => r.kind === 'group').map((r) => r.kind === 'group' && r.label)).toEqual(['Bilateral/ Regional', 'Working Groups']);
    expect(complete!.rows.filter((r) => r.kind === 'cells')).toHaveLength(44);
    expect(planned!.rows.filter((r) => r.kind === 'cells')).toHaveLength(8);
    expect(complete!.header.map((cell) => cell.map((n) => toString(n)).join(''))).toEqual(['', 'Countries Involved', 'Date', 'Format', 'Description']);
    const [number, , date, , description] = complete!.widths;
    expect(number!).toBeLessThan(date!);
    expect(date!).toBeLessThan(description!);
    expect(description!).toBeGreaterThan(0.4);
    expect(complete!.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const [then] = tablesOf(plan, 'irm-then-and-now');
    const cells = then!.rows.flatMap((r) => (r.kind === 'cells' ? r.cells.map((c) => c.map((n) => toString(n)).join(' ')) : []));
    expect(cells).toContain('Shortened commitment presentations in IRM reports, but more milestones now. Reports getting longer*. First end-of-term* reports forthcoming.');
    // The default pack's data titles repeat their papers' titles, so no caption says it twice.
    expect(then!.caption).toBeUndefined();
    expect(complete!.caption).toBeUndefined();
  });
});

describe('what the plan prints of a body', () => {
  async function notePlan() {
    const edit = (t: string) => `${t}\nSee [the pilot](#proposal-for-pilot-program) and [nowhere](#nowhere).\n\n<!-- ask legal before circulating -->\n`;
    const { pack } = await readPack(contentTree({ 'papers/subnational-concept-note.md': edit }));
    const { layout, fonts } = await loadLayout();
    return editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {}).parts[1]!.documents.find((d) => d.id === 'subnational-concept-note')!;
  }

  it('points #slug links at the heading’s pack anchor and prints a link to no heading as its text', async () => {
    const last = (await notePlan()).body.children.at(-1)!;
    expect(last.type).toBe('paragraph');
    const links = last.type === 'paragraph' ? last.children.filter((n) => n.type === 'link') : [];
    expect(links.map((l) => l.url)).toEqual(['#paper-subnational-concept-note--proposal-for-pilot-program']);
    expect(toString(last)).toBe('See the pilot and nowhere.');
  });

  it('leaves out raw HTML such as an editor’s comment', async () => {
    const doc = await notePlan();
    expect(JSON.stringify(doc.body)).not.toContain('ask legal');
  });
});

describe('Markdown tables', () => {
  it('have as many cells in every row as in the header, as in GFM', async () => {
    const edit = (t: string) => `${t}\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n`;
    const { pack } = await readPack(contentTree({ 'papers/joint-declaration.md': edit }));
    const { layout, fonts } = await loadLayout();
    const doc = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {}).parts[0]!.documents.find((d) => d.id === 'joint-declaration')!;
    const table = doc.body.children.find((n): n is PackTable => n.type === 'packTable')!;
    expect(table.rows.map((r) => (r.kind === 'cells' ? r.cells.map((c) => c.map((n) => toString(n)).join('')) : []))).toEqual([['1', '2'], ['4', '']]);
  });
});

describe('column widths', () => {
  // Extents in points: each cell's text on one line, and its longest word.
  it('gives every column at least its longest word and shares the rest by content length', () => {
    const widths = columnWidths([[{ line: 10, word: 10 }, { line: 14, word: 14 }], [{ line: 70, word: 45 }], [{ line: 400, word: 60 }]], 300);
    expect(widths.map((w) => w * 300)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(widths[0]! * 300).toBeGreaterThanOrEqual(14);
    expect(widths[1]! * 300).toBeGreaterThanOrEqual(45);
    expect(widths[0]!).toBeLessThan(widths[1]!);
    expect(widths[2]!).toBeGreaterThan(0.5);
  });

  it('keeps natural widths when everything fits, spread across the table', () => {
    expect(columnWidths([[{ line: 20, word: 20 }], [{ line: 60, word: 30 }]], 100)).toEqual([0.25, 0.75]);
  });

  it('measures words in the layout’s font: no column of the default pack is narrower than its longest word', async () => {
    const plan = await defaultPlan();
    const { layout, fonts } = await loadLayout();
    const measure = fontMeasure(fonts!);
    const width = 595.28 - layout!.page.margins.left - layout!.page.margins.right;
    const inset = 2 * layout!.tables.cellPadding;
    const tables = plan.parts.flatMap((p) => p.documents).flatMap((d) => d.body.children.filter((n): n is PackTable => n.type === 'packTable'));
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) {
      if (table.widths.length < 2) continue;
      table.widths.forEach((fraction, c) => {
        const words = table.rows.flatMap((row) => (row.kind === 'cells' ? toString({ type: 'root', children: row.cells[c] ?? [] }).split(/\s+/) : []));
        const longest = Math.max(0, ...words.map((word) => measure.width(word, 'regular', layout!.sizes.table)));
        expect(fraction * width).toBeGreaterThanOrEqual(longest + inset);
      });
    }
  });
});

describe('typesetting decisions', () => {
  it('shortens a running title at a word boundary, with an ellipsis, never inside a word', () => {
    const width = (text: string) => text.length;
    expect(shorten('OGP Subnational Government Pilot Program: Summary memo and draft resolution', 60, width)).toBe('OGP Subnational Government Pilot Program: Summary memo and…');
    expect(shorten('Short title', 60, width)).toBe('Short title');
    // Punctuation before the cut is dropped: `Program:…` reads as a cut, `Program…` as a shortening.
    expect(shorten('Pilot Program: Summary', 16, width)).toBe('Pilot Program…');
  });

  it('gives every section of the default pack a running title that fits beside the short title', async () => {
    const plan = await defaultPlan();
    const { layout, fonts } = await loadLayout();
    const measure = fontMeasure(fonts!);
    const small = layout!.sizes.small;
    const room = 595.28 - layout!.page.margins.left - layout!.page.margins.right - measure.width(plan.shortTitle, 'regular', small) - 2 * small;
    const titles = new Map([...plan.agendas.map((a) => [a.anchor, a.title] as const), ...plan.parts.flatMap((p) => p.documents.map((d) => [d.anchor, d.title] as const))]);
    const running = plan.sections.filter((s) => s.running);
    expect(running.length).toBe(plan.sections.length - 1);
    let shortened = 0;
    for (const section of running) {
      expect(measure.width(section.running!, 'italic', small)).toBeLessThanOrEqual(room);
      const full = titles.get(section.anchor!);
      if (!full || full === section.running) continue;
      shortened++;
      // Whole words of the title, then the ellipsis.
      const head = section.running!.slice(0, -1);
      expect(section.running!.endsWith('…')).toBe(true);
      expect(full.startsWith(head)).toBe(true);
      expect(full[head.length]).toMatch(/[\s,;:.]/);
    }
    expect(shortened).toBeGreaterThan(0);
  });

  it('typesets a run of spaces as one space, in titles and text', async () => {
    const tree = contentTree({ 'papers/joint-declaration.md': (t) => `${t.replace('title: ', 'title: Joint   ')}\nA run    of  spaces.\n` });
    const { pack } = await readPack(tree);
    const { layout, fonts } = await loadLayout();
    const doc = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {}).parts[0]!.documents.find((d) => d.id === 'joint-declaration')!;
    expect(doc.title.startsWith('Joint Joint')).toBe(true);
    expect(toString(doc.body)).toContain('A run of spaces.');
    expect(oneSpace('a \t b')).toBe('a b');
  });

  it('leaves out of the cover what only repeats: the series of the organisation’s initials and the title, a marking that names the edition', async () => {
    expect(repeats('OGP Steering Committee', ['Open Government Partnership', 'Steering Committee Meeting'])).toBe(true);
    expect(repeats('Planning committee', ['Valrenne', 'Meeting'])).toBe(false);
    expect(repeats('PUBLIC', ['Public edition'])).toBe(true);
    expect(repeats('PUBLIC', ['Édition publique'])).toBe(true);
    expect(repeats('RESTRICTED — committee members only', ['Committee edition (restricted)'])).toBe(false);
    const plan = await defaultPlan();
    expect(plan.cover.series).toBeUndefined();
    expect(plan.cover.marking).toBeUndefined();
    // Both sessions meet in one place: the agendas name it, the cover names the venue once.
    expect(plan.cover.sessions.every((s) => s.location === undefined)).toBe(true);
    expect(plan.agendas.every((a) => a.location)).toBe(true);
  });
});

describe('the pack date', () => {
  it('comes from SOURCE_DATE_EPOCH, else the meeting’s first day', async () => {
    const { pack } = await readPack(contentTree());
    expect(packDate(pack!, { SOURCE_DATE_EPOCH: '1445817600' }).toISOString()).toBe('2015-10-26T00:00:00.000Z');
    expect(packDate(pack!, {}).toISOString()).toBe('2015-10-26T00:00:00.000Z');
    expect(packDate(pack!, { SOURCE_DATE_EPOCH: '0' }).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(() => packDate(pack!, { SOURCE_DATE_EPOCH: ' 1445817600' })).toThrow(/whole number of seconds/);
  });
});

describe('the meeting-neutral vocabulary in the plan', () => {
  /** A small meeting's plan, with the diagnostics of reading it. */
  async function smallPlan(files: Record<string, string>) {
    const tree = memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': MINIMAL_SESSION, ...files });
    const { pack, diagnostics } = await readPack(tree);
    const { layout, fonts } = await loadLayout();
    return { plan: pack && editionPlan(pack, pack.editions[0]!, layout!, fonts!, {}), diagnostics: diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`) };
  }
  const questionsItem = `${MINIMAL_SESSION}    questions: [What now?]\n`;

  it('introduces questions with the body meeting.yaml names, or with the unnamed label when it names none', async () => {
    const named = await smallPlan({ 'meeting.yaml': `${MINIMAL_MEETING}body: Board of Trustees\n`, 'sessions/only.yaml': questionsItem });
    expect(named.plan!.agendas[0]!.questions).toBe('Questions for the Board of Trustees:');
    const unnamed = await smallPlan({ 'sessions/only.yaml': questionsItem });
    expect(unnamed.plan!.agendas[0]!.questions).toBe('Questions for discussion:');
  });

  it('prints a declared group\'s people by id when it lists none, each under their name with role and organisation', async () => {
    const person = (id: string, name: string, extra: string) => `---\nid: ${id}\nname: ${name}\n${extra}group: trustees\nattending: true\n---\n\nTrustee since 2020.\n`;
    const { plan, diagnostics } = await smallPlan({
      'papers/board.md': '---\nid: board\ntitle: The board\nstatus: included\ngroups:\n  - {id: trustees, title: Trustees}\n---\n',
      'people/b-okoye.md': person('b-okoye', 'Bola Okoye', 'role: Treasurer\n'),
      'people/a-lund.md': person('a-lund', 'Anna Lund', 'organisation: Lund Trust\n'),
    });
    expect(diagnostics.filter((d) => !d.endsWith('unreferenced-paper'))).toEqual([]);
    const body = plan!.parts[0]!.documents[0]!.body.children.map((n) => `${n.type}${n.type === 'heading' ? n.depth : ''} ${toString(n)}`);
    expect(body).toEqual(['heading2 Trustees', 'heading3 Anna Lund', 'paragraph Lund Trust', 'paragraph Trustee since 2020.', 'heading3 Bola Okoye', 'paragraph Treasurer', 'paragraph Trustee since 2020.']);
  });

  it('still builds the 2015 groups undeclared, warning once per group where it is first used', async () => {
    const person = (id: string, group: string) => `---\nid: ${id}\nname: ${id}\ngroup: ${group}\nattending: true\n---\n\nBiography.\n`;
    const { plan, diagnostics } = await smallPlan({
      'people/a.md': person('a', 'new'),
      'people/b.md': person('b', 'new'),
      'people/c.md': person('c', 'founding'),
      'papers/bios.md': '---\nid: bios\ntitle: Bios\nstatus: included\npeople:\n  - {heading: New members, group: new, people: [a, b]}\n---\n',
    });
    expect(plan).toBeDefined();
    expect(diagnostics.filter((d) => d.endsWith('declared-groups')).sort()).toEqual(['content/people/a.md:4 declared-groups', 'content/people/c.md:4 declared-groups']);
  });

  it('refuses a group that no paper declares, beyond the 2015 two', async () => {
    const { plan, diagnostics } = await smallPlan({ 'people/a.md': '---\nid: a\nname: A\ngroup: trustees\nattending: true\n---\n\nBio.\n' });
    expect(plan).toBeUndefined();
    expect(diagnostics).toEqual(['content/people/a.md:4 unknown-reference']);
  });

  it('plans a general table: caption, alignment, ungrouped rows before group rows, notes, hinted widths', async () => {
    const { plan } = await smallPlan({
      'papers/t.md': '---\nid: t\ntitle: Figures\nstatus: included\n---\n\n::table{data="figures"}\n',
      'data/figures.yaml': 'kind: table\nid: figures\ntitle: Figures by year\ncolumns:\n  - {id: year, label: Year, width: 0.25}\n  - {id: count, label: Count, align: right}\n  - {id: note, label: Note}\nrows:\n  - {year: 2024, count: 3}\ngroups:\n  - label: Later\n    rows:\n      - {year: 2025, count: 4, note: A *longer* remark about the year}\nnotes: [\'Source: a survey.\']\n',
    });
    const [table] = tablesOf(plan!, 't');
    expect(table!.caption).toBe('Figures by year');
    expect(table!.align).toEqual([null, 'right', null]);
    expect(table!.rows.map((r) => (r.kind === 'group' ? `group ${r.label}` : r.cells.map((c) => c.map((n) => toString(n)).join('')).join('|')))).toEqual(['2024|3|', 'group Later', '2025|4|A longer remark about the year']);
    expect(table!.notes!.map((n) => n.map((b) => toString(b)).join(''))).toEqual(['Source: a survey.']);
    expect(table!.widths[0]).toBeCloseTo(0.25);
    expect(table!.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(table!.widths[2]!).toBeGreaterThan(table!.widths[1]!);
  });

  it('applies width hints: a hinted column gets its share, the rest is shared as measured, hints over the whole are scaled', () => {
    expect(hinted([0.2, 0.3, 0.5], [undefined, undefined, undefined])).toEqual([0.2, 0.3, 0.5]);
    const widths = hinted([0.2, 0.3, 0.5], [0.5, undefined, undefined]);
    expect(widths[0]).toBeCloseTo(0.5);
    expect(widths[1]! / widths[2]!).toBeCloseTo(0.3 / 0.5);
    expect(hinted([0.5, 0.5], [0.8, 0.8])).toEqual([0.5, 0.5]);
  });
});
