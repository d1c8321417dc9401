import { toString } from 'mdast-util-to-string';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pack, PeopleSection } from '../src/model/pack.js';
import type { PeerExchangeActivities, Table } from '../src/model/sources.generated.js';
import { readPack } from '../src/pipeline.js';
import { CONTENT_DIR, contentTree } from './helpers/trees.js';

const SEED = new URL('../../shared/seed/000_fbf4d2a59394e28f.txt', import.meta.url);

async function defaultPack(): Promise<Pack> {
  const { pack, diagnostics } = await readPack(contentTree());
  expect(diagnostics.map(String)).toEqual([]);
  return pack!;
}

/** All text of the content directory as one string, unescaped and with whitespace collapsed. */
async function contentText(): Promise<string> {
  const tree = contentTree();
  const texts = await Promise.all((await tree.list()).map(async (p) => new TextDecoder().decode(await tree.read(p))));
  return normalise(texts.join('\n').replace(/\\\*/g, '*').replace(/''/g, "'"));
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

describe('the Mexico City 2015 pack in content/', () => {
  it('has both sessions with every agenda item, in time order', async () => {
    const pack = await defaultPack();
    expect(pack.sessions.map((s) => [s.id, s.date, s.start, s.end, s.items.map((i) => i.time)])).toEqual([
      ['working-level', '2015-10-26', '16:00', '19:00', ['16:00', '16:05', '16:30', '16:50', '17:40', '18:30', '18:40']],
      ['ministerial', '2015-10-27', '16:30', '19:00', ['16:30', '16:45', '17:45', '18:15', '18:45']],
    ]);
  });

  it('gives the papers the source does not contain honest statuses, and no text but a marked placeholder with a canary', async () => {
    const pack = await defaultPack();
    const statuses = Object.fromEntries([...pack.documents.values()].filter((d) => d.status !== 'included').map((d) => [d.title, [d.status, d.reason]]));
    expect(statuses).toEqual({
      'Draft report on Response Policy implementation': ['to-follow', undefined],
      'Memo on incorporation progress since Pretoria': ['to-follow', undefined],
      'Copy of draft bylaws': ['to-follow', undefined],
      'Country updates': ['withheld', 'pre-decision'],
      'Draft OGP Trust Fund concept note': ['withheld', 'pre-decision'],
      'Updated infographic': ['at-meeting', undefined],
      'List of endorsing governments and civil society organisations': ['at-meeting', undefined],
      'Open Gov Guide Global Goals Special Edition': ['at-meeting', undefined],
      'Article by SC members: How Can the Open Government Partnership Accelerate Implementation of the 2030 Agenda on Sustainable Development?': ['at-meeting', undefined],
    });
    for (const document of pack.documents.values()) {
      if (document.status === 'withheld') {
        // Written for this project, said to be so in its first words, and carrying its canary.
        expect(toString(document.body).startsWith('Placeholder. This text was written for the ogp-pack project'), document.id).toBe(true);
        expect(document.canaries).toHaveLength(1);
        expect(toString(document.body)).toContain(document.canaries[0]);
      } else if (document.status !== 'included') expect(document.body.children, document.id).toEqual([]);
    }
  });

  it('orders the papers by agenda and the annex as the source does', async () => {
    const pack = await defaultPack();
    const titles = (ids: string[]) => ids.map((id) => pack.documents.get(id)!).filter((d) => d.status === 'included').map((d) => d.id);
    expect(titles(pack.papers)).toEqual(['irm-then-and-now', 'iep-biographies', 'joint-declaration', 'implementation-plan', 'subnational-memo']);
    expect(pack.annex).toEqual([
      'peer-exchange-2015',
      'working-groups-overview',
      'open-data',
      'legislative-openness',
      'natural-resources',
      'access-to-information',
      'fiscal-openness',
      'subnational-concept-note',
    ]);
  });

  it('groups the ten IEP biographies exactly as the source does', async () => {
    const pack = await defaultPack();
    const outline = (sections: PeopleSection[]): unknown[] => sections.map((s) => [s.heading, s.people.map((p) => p.name), outline(s.sections)]);
    expect(outline(pack.documents.get('iep-biographies')!.people!)).toEqual([
      ['Founding member in attendance', ['Jonathan Fox'], []],
      ['New members in attendance', ['Anuradha Joshi', 'Ernesto Velasco-Sánchez', 'Hazel Feigenblatt', 'Liliane Klaus'], []],
      ['Not in attendance', [], [['New member', ['Hille Hinsberg'], []], ['Founding members', ['Yamini Aiyar', 'Debbie Budlender', 'Rosemary McGee', 'Gerardo Munck'], []]]],
    ]);
  });

  it('has 44 complete or ongoing and 8 planned peer exchange activities, numbered in order', async () => {
    const pack = await defaultPack();
    const data = pack.data.get('peer-exchange-2015') as PeerExchangeActivities;
    const complete = data.activities.filter((a) => a.status === 'complete-ongoing');
    const planned = data.activities.filter((a) => a.status === 'planned');
    expect(complete.map((a) => a.number)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    expect(planned.map((a) => a.number)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    expect(complete.map((a) => a.category)).toEqual([...Array(20).fill('bilateral-regional'), ...Array(24).fill('working-group')]);
  });

  it('keeps the asterisked cells of the IRM Then-and-Now', async () => {
    const pack = await defaultPack();
    const data = pack.data.get('irm-then-and-now') as Table;
    expect(data.groups!.map((g) => g.label)).toEqual(['Publication', 'Process', 'Method and analysis', 'Institution']);
    const cells = data.groups!.flatMap((g) => g.rows.flatMap((r) => [r.then ?? '', r.now ?? ''])).join('\n');
    expect(cells.match(/\\\*/g)).toHaveLength(7);
    for (const starred of ['longer\\*', 'end-of-term\\*', 'dismissal\\*', 'consultation\\*', 'outreach\\*', 'Ambition\\*', 'challenge\\*']) expect(cells).toContain(starred);
  });

  it('has no word-processing residue: no bookmarks and no lists numbered 1, 0, 0', async () => {
    const tree = contentTree();
    for (const file of await tree.list()) {
      const text = new TextDecoder().decode(await tree.read(file));
      expect(text, file).not.toContain('[bookmark');
      expect(text, file).not.toMatch(/^\s*0[.)]\s/m);
    }
  });

  // The seed lives beside the project in the workspace and in CI, not in every clone.
  it.runIf(existsSync(SEED) || process.env.CI)('contains every paragraph of the seed text, word for word', async () => {
    const content = await contentText();
    const missing = readFileSync(SEED, 'utf8')
      .split('\n')
      .map((line) => normalise(line.replace('[bookmark: _GoBack]', '').replace(/^[\s·.]+/, '').replace(/^\d+[.)]\s+/, '')))
      // Agenda times and background-paper lines became structured fields (`time`, `papers`).
      .filter((line) => line.length >= 60 && !/^\d{1,2}[:.]\d{2}(am|pm)\s/.test(line) && !line.startsWith('Background Papers:'))
      .filter((line) => !content.includes(line));
    expect(missing).toEqual([]);
  });

  it('spells the names with diacritics right', async () => {
    const content = await contentText();
    for (const name of ['Ernesto Velasco-Sánchez', 'Trócaire', 'Hernán Larraín', 'São Paulo']) expect(content).toContain(name);
  });
});

it('CONTENT_DIR points at the project content', () => {
  expect(existsSync(`${CONTENT_DIR}/meeting.yaml`)).toBe(true);
});
