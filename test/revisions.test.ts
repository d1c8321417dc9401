/** Comparing two circulations, and the changes page and supplement a comparison makes of a plan. */
import { describe, expect, it } from 'vitest';
import type { CirculatedItem, CirculatedPaper, Circulation } from '../src/revisions/circulation.js';
import { circulationOf } from '../src/revisions/circulation.js';
import { compareCirculations, unchanged } from '../src/revisions/compare.js';
import { formatChanges } from '../src/revisions/report.js';
import { runningTitles } from '../src/plan/build-plan.js';
import { supplementPlan, withChanges } from '../src/revisions/plan.js';
import { editionPlan } from '../src/build/build.js';
import { loadLayout } from '../src/plan/template.js';
import { readPack } from '../src/pipeline.js';
import { contentTree } from './helpers/trees.js';
import { toString } from 'mdast-util-to-string';
import { renderOutput } from '../src/build/render-jobs.js';
import { FORMATS } from '../src/build/formats.js';
import { findLeaks, readOutput, secretsOf } from '../src/editions/leaks.js';

const paper = (id: string, extra: Partial<CirculatedPaper> = {}): CirculatedPaper => ({ id, title: `Paper ${id}`, status: 'included', part: 'papers', printed: true, text: `text-${id}`, sections: [{ heading: 'One', sha256: '1' }], ...extra });
const item = (title: string, time?: string, end?: string): CirculatedItem => ({ agenda: 'agenda-a', session: 'Session A', title, ...(time ? { time } : {}), ...(end ? { end } : {}) });
const circulation = (papers: CirculatedPaper[], agenda: CirculatedItem[], date = '2015-10-20T00:00:00.000Z'): Circulation => ({ date, papers, agenda });

describe('compareCirculations', () => {
  it('puts each kind of change in its own list, once, and nothing unchanged', () => {
    const before = circulation(
      [paper('same'), paper('late', { status: 'to-follow', printed: false, text: undefined, sections: undefined }), paper('gone'), paper('edited', { sections: [{ heading: '', sha256: 'a' }, { heading: 'Costs', sha256: 'b' }, { heading: 'Risks', sha256: 'c' }] }), paper('moved', { status: 'at-meeting', printed: false })],
      [item('Welcome', '16:00', '16:10'), item('Reports', '16:10', '17:00'), item('Dropped', '17:00')],
    );
    const after = circulation(
      [paper('same'), paper('late'), paper('edited', { text: 'changed', sections: [{ heading: '', sha256: 'a' }, { heading: 'Costs', sha256: 'B' }, { heading: 'Timeline', sha256: 'd' }] }), paper('moved', { status: 'to-follow', printed: false }), paper('new')],
      // Welcome's end moves only because Reports starts later: only Reports is retimed.
      [item('Welcome', '16:00', '16:20'), item('Reports', '16:20', '17:00'), item('Closing', '17:00')],
      '2015-10-25T00:00:00.000Z',
    );
    const changes = compareCirculations(before, after);
    expect(changes.since).toBe('2015-10-20T00:00:00.000Z');
    expect(changes.added.map((c) => c.paper.id)).toEqual(['new']);
    expect(changes.available.map((c) => c.paper.id)).toEqual(['late']);
    expect(changes.withdrawn.map((c) => c.paper.id)).toEqual(['gone']);
    expect(changes.status.map((c) => [c.paper.id, c.from, c.paper.status])).toEqual([['moved', 'at-meeting', 'to-follow']]);
    expect(changes.revised.map((c) => [c.paper.id, c.sections])).toEqual([['edited', ['Costs', 'Timeline', 'Risks']]]);
    expect(changes.agendaAdded.map((i) => i.title)).toEqual(['Closing']);
    expect(changes.agendaRemoved.map((i) => i.title)).toEqual(['Dropped']);
    expect(changes.agendaRetimed.map((r) => [r.item.title, r.from.time, r.item.time])).toEqual([['Reports', '16:10', '16:20']]);
  });

  it('finds nothing between a circulation and itself', () => {
    const same = circulation([paper('a'), paper('b', { status: 'withheld', printed: false, id: undefined })], [item('Welcome', '16:00')]);
    expect(unchanged(compareCirculations(same, structuredClone(same)))).toBe(true);
  });

  it('tells a paper listed by its public title alone by that title, so a renamed public title is a withdrawal and an addition', () => {
    const before = circulation([{ title: 'Country notes', status: 'withheld', part: 'papers', printed: false }], []);
    const after = circulation([{ title: 'Country notes (2)', status: 'withheld', part: 'papers', printed: false }], []);
    const changes = compareCirculations(before, after);
    expect([changes.added.map((c) => c.paper.title), changes.withdrawn.map((c) => c.paper.title)]).toEqual([['Country notes (2)'], ['Country notes']]);
  });
});

describe('the plan of a comparison', async () => {
  const { pack } = await readPack(contentTree());
  const { layout, fonts } = await loadLayout();
  const publicEdition = pack!.editions.find((e) => e.id === 'public')!;
  const plan = editionPlan(pack!, publicEdition, layout!, fonts!, {});
  const running = runningTitles(layout!, fonts!, plan.shortTitle);
  const now = circulationOf(plan, new Map());

  it('records a withheld paper the edition does not carry by its public title and status alone', () => {
    const withheld = now.papers.filter((p) => p.status === 'withheld');
    expect(withheld.length).toBeGreaterThan(0);
    for (const p of withheld) expect(Object.keys(p).sort()).toEqual(['part', 'printed', 'status', 'title']);
  });

  it('marks a revised paper and lists it on the changes page; the supplement holds it alone', () => {
    const before = structuredClone(now);
    const revised = before.papers.find((p) => p.id === 'joint-declaration')!;
    revised.text = 'earlier';
    revised.sections = [{ heading: '', sha256: 'earlier' }];
    const changes = compareCirculations(before, now);
    const marked = withChanges(plan, changes, layout!.labels.changes, running);
    expect(toString(marked.changes!.body)).toContain('Papers revised');
    const entries = marked.parts.flatMap((p) => p.entries).filter((e) => e.revised);
    expect(entries.map((e) => [e.id, e.revised])).toEqual([['joint-declaration', 'Revised 26 October 2015']]);
    expect(marked.parts.flatMap((p) => p.documents).filter((d) => d.revised).map((d) => d.id)).toEqual(['joint-declaration']);
    const supplement = supplementPlan(marked, changes, layout!.labels.changes, 2, running);
    expect(supplement.parts.flatMap((p) => p.documents.map((d) => d.id))).toEqual(['joint-declaration']);
    expect(supplement.agendas).toEqual([]);
    expect(supplement.cover.title).toBe('Supplementary pack 2 to the pack of 26 October 2015');
  });

  it('prints the changes as text, Markdown and JSON', () => {
    const before = { ...structuredClone(now), papers: now.papers.filter((p) => p.id !== 'joint-declaration') };
    const changes = compareCirculations(before, now);
    const args = [changes, layout!.labels.changes, 'en-GB'] as const;
    expect(formatChanges(...args, 'text', 'public')).toBe(`Changes since the pack of 26 October 2015 (public edition)\n\nPapers added\n  - ${now.papers.find((p) => p.id === 'joint-declaration')!.title}\n`);
    expect(formatChanges(...args, 'markdown', 'public')).toContain('#### Papers added\n- Joint Declaration');
    expect(JSON.parse(formatChanges(...args, 'json', 'public')).added[0].paper.id).toBe('joint-declaration');
  });
});

describe('the leak gate over a changes page', async () => {
  const { pack } = await readPack(contentTree());
  const { layout, fonts } = await loadLayout();
  const edition = pack!.editions.find((e) => e.id === 'public')!;
  const plan = editionPlan(pack!, edition, layout!, fonts!, {});
  const now = circulationOf(plan, new Map());
  const revised = (heading: string) => {
    const before = structuredClone(now);
    const paper = before.papers.find((p) => p.id === 'joint-declaration')!;
    paper.text = 'earlier';
    paper.sections = [{ heading, sha256: 'earlier' }];
    return withChanges(plan, compareCirculations(before, now), layout!.labels.changes, runningTitles(layout!, fonts!, plan.shortTitle));
  };

  // A changes page is made only of what the edition may say; this one is forced to name a withheld paper's canary, to show the gate reads it.
  it.each(FORMATS.map((f) => [f.name, f] as const))('reads the %s changes page back and finds what it must not carry', async (_, format) => {
    const findings = async (heading: string) => {
      const marked = revised(heading);
      const { bytes } = await renderOutput({ name: `pack.${format.extension}`, format, plan: marked, readBack: true }, layout!, fonts!);
      return findLeaks(`pack.${format.extension}`, await readOutput(`pack.${format.extension}`, bytes), secretsOf(pack!, edition), edition);
    };
    expect(await findings('Commitments')).toEqual([]);
    expect((await findings('ogp-pack canary 9RT2 trust fund')).map((d) => d.ruleId)).toContain('withheld-text');
  }, 60_000);
});
