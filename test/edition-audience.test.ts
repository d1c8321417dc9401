import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { readsPublic, readsRestricted } from '../src/editions/audience.js';
import { edition } from '../src/editions/editions.js';
import { cli, filesIn } from './helpers/cli.js';
import { describeWithTools } from './helpers/client-tools.js';
import { openPdf, squash } from './helpers/pdf.js';
import { smallPack } from './helpers/small-pack.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const TIMEOUT = { timeout: 120_000 };

/** A withheld paper whose sentence must never reach a public output. */
const PLANS = '---\nid: plans\ntitle: Plans\nstatus: withheld\nreason: pre-decision\n---\n\nThe committee has not yet decided where the next regional meeting will be held.\n';
const WITHHELD_SENTENCE = 'The committee has not yet decided where the next regional meeting will be held';

/** The small pack with one withheld paper on the agenda and these editions (one YAML line each, from line 10). */
function packWith(editions: readonly string[]): string {
  return smallPack({
    'meeting.yaml': `${MINIMAL_MEETING.slice(0, MINIMAL_MEETING.indexOf('editions:'))}editions:\n${editions.map((e) => `  - ${e}\n`).join('')}`,
    'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget, plans]\n`,
    'papers/plans.md': PLANS,
  });
}

const PUBLIC = '{id: public, audience: public, label: Public, marking: PUBLIC}';
const COMMITTEE = '{id: committee, audience: restricted, label: Committee, marking: RESTRICTED, carries: [included, withheld]}';

/** `content/meeting.yaml:<line>:<column>` of the first `needle` in the edition on that line, counted from the YAML as written. */
function place(editions: readonly string[], edition: number, needle: string): string {
  const column = `  - ${editions[edition]!}`.indexOf(needle) + 1;
  if (column === 0) throw new Error(`"${needle}" not in edition ${edition + 1}`);
  return `content/meeting.yaml:${10 + edition}:${column}`;
}

describe('an edition’s audience', () => {
  it('is stated, or taken from what the edition carries', () => {
    expect(edition({ id: 'a', label: 'A', marking: 'M' }).audience).toBe('public');
    expect(edition({ id: 'a', label: 'A', marking: 'M', carries: ['included', 'withheld'] }).audience).toBe('restricted');
    expect(edition({ id: 'a', audience: 'restricted', label: 'A', marking: 'M' }).audience).toBe('restricted');
  });

  it('keeps a public edition from carrying withheld papers even when its error is ignored', () => {
    const mistaken = edition({ id: 'public', audience: 'public', label: 'Public', marking: 'PUBLIC', carries: ['included', 'withheld'] });
    expect([...mistaken.carries]).toEqual(['included']);
  });

  it('reads a marking as restricted or public by its words, whatever their case and punctuation', () => {
    for (const text of ['RESTRICTED — committee members only', 'Confidential', 'NOT-FOR-CIRCULATION', 'Members only', 'not for public release', 'Non-public']) expect(readsRestricted(text), text).toBe(true);
    for (const text of ['PUBLIC', 'Committee', 'EMBARGOED', 'Unrestricted']) expect(readsRestricted(text), text).toBe(false);
    expect(readsPublic('PUBLIC')).toBe(true);
    expect(readsPublic('Public edition')).toBe(true);
    expect(readsPublic('Not public')).toBe(false);
    expect(readsPublic('Publication committee')).toBe(false);
  });

  it('reads the French and Spanish markings of the built-in label sets, and their words for public', () => {
    for (const text of ['DIFFUSION RESTREINTE — membres de la commission uniquement', 'Confidentiel', 'NE PAS DIFFUSER', 'Non publique', 'RESTRINGIDO — solo miembros', 'Confidencial', 'No pública']) expect(readsRestricted(text), text).toBe(true);
    for (const text of ['PUBLIC', 'Édition des membres', 'Comité']) expect(readsRestricted(text), text).toBe(false);
    for (const text of ['Édition publique', 'Edición pública', 'público']) expect(readsPublic(text), text).toBe(true);
    for (const text of ['Non publique', 'Publicación']) expect(readsPublic(text), text).toBe(false);
  });
});

/** The set-up mistakes of issue 13: each once built silently, and the first three put the withheld paper into `-public` files. */
const MISTAKES: { title: string; editions: string[]; args?: string[]; at: (editions: string[]) => string[] }[] = [
  {
    title: 'a public edition given carries: [included, withheld]',
    editions: [PUBLIC.replace('}', ', carries: [included, withheld]}'), COMMITTEE],
    at: (e) => [place(e, 0, '[included, withheld]')],
  },
  {
    title: 'a public edition given carries: [included, withheld], in a meeting.yaml without audiences',
    editions: ['{id: public, label: Public, marking: PUBLIC, carries: [included, withheld]}', '{id: committee, label: Committee, marking: RESTRICTED, carries: [included, withheld]}'],
    at: (e) => [place(e, 0, 'public'), place(e, 0, 'Public'), place(e, 0, 'PUBLIC')],
  },
  {
    title: 'two editions with their suffix values swapped',
    editions: [PUBLIC.replace('}', ', suffix: committee}'), COMMITTEE.replace('}', ', suffix: public}')],
    at: (e) => [place(e, 1, 'public}')],
  },
  {
    title: 'the same, building only the committee edition',
    editions: [PUBLIC.replace('}', ', suffix: committee}'), COMMITTEE.replace('}', ', suffix: public}')],
    args: ['--edition', 'committee'],
    at: (e) => [place(e, 1, 'public}')],
  },
  {
    title: 'a single edition with id public that carries everything',
    editions: ['{id: public, label: Public, marking: PUBLIC, carries: [included, withheld]}'],
    at: (e) => [place(e, 0, 'public'), place(e, 0, 'Public'), place(e, 0, 'PUBLIC')],
  },
  {
    title: 'a restricted marking on the public edition',
    editions: [PUBLIC.replace('marking: PUBLIC', 'marking: RESTRICTED'), COMMITTEE],
    at: (e) => [place(e, 0, 'RESTRICTED')],
  },
  {
    title: 'PUBLIC on the committee edition',
    editions: [PUBLIC, COMMITTEE.replace('marking: RESTRICTED', 'marking: PUBLIC')],
    at: (e) => [place(e, 1, 'PUBLIC')],
  },
];

describe('ogp-pack build and check refuse an edition set-up mistake', () => {
  for (const mistake of MISTAKES) {
    it(mistake.title, TIMEOUT, async () => {
      const dir = packWith(mistake.editions);
      const built = await cli(['build', ...(mistake.args ?? [])], dir);
      expect(built.code).toBe(1);
      expect(existsSync(path.join(dir, 'out')), 'nothing is written').toBe(false);
      const checked = await cli(['check'], dir);
      expect(checked.code).toBe(1);
      for (const at of mistake.at(mistake.editions)) {
        for (const { stderr, stdout } of [built, checked]) {
          const line = (stderr + stdout).split('\n').find((l) => l.startsWith(`${at}`) && l.includes('edition-audience') && l.includes('error'));
          expect(line, `${at} in\n${stderr}${stdout}`).toBeDefined();
        }
      }
      // Logs may be public: no message quotes the withheld paper.
      expect(built.stderr + built.stdout + checked.stderr + checked.stdout).not.toContain('next regional meeting');
    });
  }

  it('builds the same editions once each is named and marked for its audience', TIMEOUT, async () => {
    const dir = packWith([PUBLIC.replace('}', ', suffix: public}'), COMMITTEE.replace('}', ', suffix: committee}')]);
    const { code, stderr } = await cli(['build', '--format', 'docx'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a meeting.yaml written before audience', () => {
  const legacy = ['{id: public, label: Public, marking: PUBLIC}', '{id: committee, label: Committee, marking: RESTRICTED — committee members only, carries: [included, withheld]}'];
  let dir: string;
  let built: Awaited<ReturnType<typeof cli>>;
  let outputs: Map<string, Buffer>;
  beforeAll(async () => {
    dir = packWith(legacy);
    built = await cli(['build'], dir);
    outputs = filesIn(path.join(dir, 'out'));
  }, 120_000);
  /** An output by its file name, wherever in out/ it is. */
  const output = (name: string) => new Uint8Array([...outputs].find(([file]) => path.posix.basename(file) === name)?.[1] ?? expect.fail(`no ${name} in out/: ${[...outputs.keys()].join(', ')}`));

  it('still builds, warning at each edition that it should state the new field', () => {
    expect(built.code).toBe(0);
    for (const [i, audience] of [[0, 'public'], [1, 'restricted']] as const) {
      const line = built.stderr.split('\n').find((l) => l.startsWith(place(legacy, i, i === 0 ? 'public' : 'committee')));
      expect(line).toMatch(/warning/);
      expect(line).toContain(`\`audience: ${audience}\``);
      expect(line).toContain('edition-audience-inferred');
    }
  });

  it('keeps the withheld paper out of the public outputs and in the committee ones', () => {
    // The outputs' own text is searched by the leak gate; here only that the committee PDF is the one that has it.
    expect(squash(execFileSync('pdftotext', ['-', '-'], { input: output('test-pack-committee.pdf') }).toString())).toContain(WITHHELD_SENTENCE);
    expect(squash(execFileSync('pdftotext', ['-', '-'], { input: output('test-pack-public.pdf') }).toString())).not.toContain('regional meeting');
  });

  it('says restricted in the committee PDF’s metadata and cover, and not in the public one', async () => {
    const committee = await openPdf(output('test-pack-committee.pdf'));
    const { info, metadata } = (await committee.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { get(name: string): unknown } | null };
    expect(info.Subject).toBe('Test series — Committee edition (restricted)');
    expect(info.Keywords).toBe('restricted, committee');
    expect(metadata?.get('pdf:keywords')).toBe('restricted, committee');
    const cover = squash((await (await committee.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
    expect(cover).toContain('Committee edition (restricted)');

    const published = await openPdf(output('test-pack-public.pdf'));
    const publicInfo = (await published.getMetadata()).info as Record<string, unknown>;
    expect(publicInfo.Subject).toBe('Test series — Public edition');
    expect(publicInfo.Keywords).toBe('public');
    expect(JSON.stringify(publicInfo).toLowerCase()).not.toContain('restricted');
  });
});

describeWithTools(['unzip'], 'the DOCX core properties, read with unzip and xmldom', () => {
  let dir: string;
  beforeAll(async () => {
    dir = packWith([PUBLIC, COMMITTEE]);
    const { code, stderr } = await cli(['build', '--format', 'docx'], dir);
    if (code !== 0) throw new Error(stderr);
  }, 120_000);

  /** dc:subject and cp:keywords of an output's docProps/core.xml. */
  function coreProperties(name: string) {
    const file = [...filesIn(path.join(dir, 'out')).keys()].find((f) => path.posix.basename(f) === name);
    if (!file) throw new Error(`no ${name} in out/`);
    const xml = execFileSync('unzip', ['-p', path.join(dir, 'out', file), 'docProps/core.xml']).toString();
    const core = new DOMParser().parseFromString(xml, 'application/xml');
    const text = (ns: string, local: string) => core.getElementsByTagNameNS(ns, local)[0]?.textContent;
    return {
      subject: text('http://purl.org/dc/elements/1.1/', 'subject'),
      keywords: text('http://schemas.openxmlformats.org/package/2006/metadata/core-properties', 'keywords'),
      all: xml,
    };
  }

  it('say restricted for the committee edition', () => {
    expect(coreProperties('test-pack-committee.docx')).toMatchObject({ subject: 'Test series — Committee edition (restricted)', keywords: 'restricted, committee' });
  });

  it('do not for the public edition', () => {
    const core = coreProperties('test-pack-public.docx');
    expect(core).toMatchObject({ subject: 'Test series — Public edition', keywords: 'public' });
    expect(core.all.toLowerCase()).not.toContain('restricted');
  });
});

describe('the default content and the init template', () => {
  it('state the audience of every edition', () => {
    for (const file of ['content/meeting.yaml', 'templates/init/meeting.yaml']) {
      const text = readFileSync(path.join(import.meta.dirname, '..', file), 'utf8');
      expect(text.match(/^ {4}audience: (public|restricted)$/gm), file).toEqual(['    audience: public', '    audience: restricted']);
    }
  });
});
