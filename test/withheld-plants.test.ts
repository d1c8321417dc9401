/**
 * Plant tests of the withheld promise: for each way text of a withheld paper can reach a public
 * source, a small pack where `check` reports it at its line with the `withheld-text` rule and
 * `build` refuses it (exit 1, nothing written, and the same file and line in its log); and for
 * each false positive the gate once had, a pack that builds.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/run.js';
import { severityOf, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { fileTree } from '../src/io/source-tree.js';
import { cli, type CliResult } from './helpers/cli.js';
import { openPdf } from './helpers/pdf.js';
import { smallPack } from './helpers/small-pack.js';
import { lineOf, MINIMAL_SESSION } from './helpers/trees.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
const session = (papers: string[]) => `${MINIMAL_SESSION}    papers: [${papers.join(', ')}]\n`;
const paper = (id: string, front: string, body: string) => `---\nid: ${id}\ntitle: ${id === 'country-updates' ? 'Country updates' : `Paper ${id}`}\n${front}\n---\n\n${body}`;
const WITHHELD = 'status: withheld\nreason: pre-decision';

/**
 * Every rule's diagnostics of each pack directory, from one `check` of it: the tests of a pack ask
 * about several rules and lines of the same sources, which no test changes.
 */
const checked = new Map<string, Promise<Diagnostic[]>>();

/** `check` on a pack directory: its diagnostics of one rule. */
async function check(dir: string, rule = 'withheld-text'): Promise<Diagnostic[]> {
  if (!checked.has(dir)) checked.set(dir, runCheck(fileTree(path.join(dir, 'content'), 'content')));
  return (await checked.get(dir)!).filter((d) => d.ruleId === rule);
}

/** The lines of `file` where `check` reports an error (or warning) of the rule. */
const linesOf = (diagnostics: Diagnostic[], file: string, severity = 'error') => diagnostics.filter((d) => d.file === `content/${file}` && severityOf(d) === severity).map((d) => d.line);

/** Builds every edition of the pack into `out/`. */
const build = (dir: string): Promise<CliResult> => cli(['build', '--out', 'out'], dir);

/** Asserts a refused build: exit 1, nothing in out/, and each planted line of `file` named in its log. */
function expectRefused(result: CliResult, dir: string, file: string, lines: number[]): void {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
  const log = result.stdout + result.stderr;
  for (const line of lines) expect(log, `line ${line}`).toContain(`content/${file}:${line}:`);
  expect(log).toContain('withheld-text');
}

describe('3. every word a withheld paper prints is a secret', () => {
  const data = `kind: working-group-help\nid: pledges\ntitle: Pledges\ncolumns:\n  stage: Ministry\n  help: Pledge\nstages:\n  - stage: Ruritanian ministry of finance\n    help:\n      - Four million dollars in equal yearly parts from 2016\n`;
  const withheld = paper(
    'ruritania-notes',
    WITHHELD,
    [
      '## Ruritanian treasury contributions by ministry and by year',
      '',
      'The fund received 2016  ',
      'and 2017 pledges from seven Ruritanian ministries in equal shares.',
      '',
      'Approx. 25 countries, incl. the U.K. and Ruritania, pledged in Jan. 2016 to double the fund before the end of the next fiscal year.',
      '',
      '::table{data="pledges"}',
      '',
      '![A map of the seven pledging Ruritanian ministries by region](map.png)',
      '',
      'The sums were audited.[^1]',
      '',
      '[^1]: The auditors counted the Ruritanian pledges twice in the first quarter.',
      '',
    ].join('\n'),
  );
  const plants = {
    'hard line break': 'The fund received 2016 and 2017 pledges from seven Ruritanian ministries.',
    'a clean quote of a long sentence with abbreviations': 'Ruritania pledged in Jan. 2016 to double the fund before the end.',
    heading: 'We discussed Ruritanian treasury contributions by ministry and by year.',
    'table data only it shows': '| Ministry | Pledge |\n| --- | --- |\n| Ruritanian ministry of finance | Four million dollars in equal yearly parts from 2016 |',
    'alt text': 'See a map of the seven pledging Ruritanian ministries by region.',
    footnote: 'It is said the auditors counted the Ruritanian pledges twice in the first quarter.',
    'its id, whatever the case': '[The notes](papers/Ruritania-Notes.md)',
  };
  const body = Object.values(plants).join('\n\n');
  const publicPaper = paper('p', 'status: included', `${body}\n`);
  let dir: string;
  beforeAll(() => {
    dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': withheld, 'papers/p.md': publicPaper, 'data/pledges.yaml': data });
    writeFileSync(path.join(dir, 'content/papers/map.png'), PNG);
  });

  for (const [title, plant] of Object.entries(plants)) {
    it(`check reports ${title} at its line`, async () => {
      const line = 7 + lineOf(body, plant.split('\n').at(-1)!) - 1;
      expect(linesOf(await check(dir), 'papers/p.md')).toContain(line);
    });
  }

  it('build refuses every one of them, naming its line, and writes nothing', async () => {
    // Each at its line, as check reports it: the copied table row at the row.
    const lines = Object.values(plants).map((plant) => 7 + lineOf(body, plant.split('\n').at(-1)!) - 1);
    expectRefused(await build(dir), dir, 'papers/p.md', lines);
  }, 240_000);
});

describe('4. characters must not hide a quote', () => {
  const SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';
  const hidden = {
    'U+2063 invisible separator': SENTENCE.replace('treasury', 'trea\u2063sury'),
    'U+034F grapheme joiner': SENTENCE.replace('million', 'mil\u034Flion'),
    'U+200E left-to-right mark': SENTENCE.replace('dollars', 'doll\u200Ears'),
    'zero-width space': SENTENCE.replace('contribute', 'con\u200Btribute'),
    'zero-width joiner': SENTENCE.replace('before', 'be\u200Dfore'),
    'soft hyphen': SENTENCE.replace('Ruritanian', 'Ruri\u00ADtanian'),
    'variation selector': SENTENCE.replace('four', 'fo\uFE00ur'),
    'Cyrillic look-alike letters': SENTENCE.replace('treasury', 'tr\u0435\u0430sury').replace('end', '\u0435nd'),
    'Cyrillic and Greek look-alike capitals': SENTENCE.toUpperCase().replace('TREASURY', '\u0422REASURY').replace('MILLION', 'MILLI\u039FN').replace('BEFORE', '\u0412EFORE'),
    'Latin small capitals': SENTENCE.replace('treasury will contribute four million', '\u1D1B\u0280\u1D07\u1D00\uA731\u1D1C\u0280\u028F \u1D21\u026A\u029F\u029F \u1D04\u1D0F\u0274\u1D1B\u0280\u026A\u0299\u1D1C\u1D1B\u1D07 \uA730\u1D0F\u1D1C\u0280 \u1D0D\u026A\u029F\u029F\u026A\u1D0F\u0274'),
  };
  /** The rule that also reports the character itself, when one does: small capitals are Latin letters. */
  const ownRule = (title: string) => (title.startsWith('Cyrillic') ? 'mixed-script' : title.startsWith('Latin') ? undefined : 'invisible-characters');
  const body = Object.values(hidden).join('\n\n');
  let dir: string;
  beforeAll(() => {
    dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': paper('ruritania-notes', WITHHELD, `${SENTENCE}\n`), 'papers/p.md': paper('p', 'status: included', `${body}\n`) });
  });

  for (const [title, text] of Object.entries(hidden)) {
    it(`check reports a quote hidden by ${title}, and the character itself`, async () => {
      const line = 7 + lineOf(body, text) - 1;
      expect(linesOf(await check(dir), 'papers/p.md')).toContain(line);
      const rule = ownRule(title);
      if (rule) expect(linesOf(await check(dir, rule), 'papers/p.md', 'warning')).toContain(line);
    });
  }

  it('build refuses every one of them, naming its line, and writes nothing', async () => {
    expectRefused(await build(dir), dir, 'papers/p.md', Object.values(hidden).map((text) => 7 + lineOf(body, text) - 1));
  }, 240_000);
});

describe('5. near quotes', () => {
  const withheld = paper(
    'ruritania-notes',
    WITHHELD,
    [
      'The Ruritanian treasury will contribute four million dollars to the fund before the end of the next fiscal year.',
      '',
      '| Year | Pledged | Paid |',
      '| --- | --- | --- |',
      '| 2016 | 4.5 million | 1.25 million |',
      '',
      '- 2016: 4.5 million, 2017: 5.25 million',
      '',
    ].join('\n'),
  );
  const errors = {
    'a 7-word fragment': 'Indeed, four million dollars to the fund before anything else.',
    'a sentence with one word changed': 'The Ruritanian treasury will give four million dollars to the fund before the end of the next fiscal year.',
    'a sentence with one word missing': 'The Ruritanian treasury will contribute four million dollars to the fund before the end of the fiscal year.',
    'a copied table row': '| Year | Pledged | Paid |\n| --- | --- | --- |\n| 2016 | 4.5 million | 1.25 million |',
    'a 7-word bullet of figures': '- 2016: 4.5 million, 2017: 5.25 million',
  };
  const warning = 'Ruritania will contribute four million dollars, we hear.';
  const body = [...Object.values(errors), warning].join('\n\n');
  let dir: string;
  beforeAll(() => {
    dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': withheld, 'papers/p.md': paper('p', 'status: included', `${body}\n`) });
  });

  for (const [title, text] of Object.entries(errors)) {
    it(`check reports ${title} at its line as an error`, async () => {
      expect(linesOf(await check(dir), 'papers/p.md')).toContain(7 + lineOf(body, text.split('\n').at(-1)!) - 1);
    });
  }

  it('check warns on a shorter shared run, which the build lets through', async () => {
    const line = 7 + lineOf(body, warning) - 1;
    const diagnostics = await check(dir);
    expect(linesOf(diagnostics, 'papers/p.md', 'warning')).toEqual([line]);
    expect(linesOf(diagnostics, 'papers/p.md')).not.toContain(line);
  });

  it('build refuses the long runs, naming their lines, and writes nothing', async () => {
    const lines = [errors['a 7-word fragment'], errors['a sentence with one word changed'], errors['a sentence with one word missing'], errors['a 7-word bullet of figures']].map((text) => 7 + lineOf(body, text) - 1);
    expectRefused(await build(dir), dir, 'papers/p.md', lines);
  }, 240_000);
});

describe('false positives: what the public edition carries in its own right builds', () => {
  const BOILERPLATE = 'The Steering Committee is invited to note this paper.';
  const BIOGRAPHY = 'Ana Ruritanova chairs the independent panel of experts on fiscal openness in the region.';
  const URL = 'https://example.org/country-updates/2015';
  const files = {
    'sessions/only.yaml': session(['budget', 'country-updates', 'p', 'bios', 'hidden-bios']),
    // Titled as the public edition lists it: the title is public, its id is not.
    'papers/country-updates.md': paper('country-updates', WITHHELD, `The Ruritanian treasury will contribute four million dollars before the end of the year.\n\n${BOILERPLATE}\n\n::table{data="shared"}\n`),
    'papers/p.md': paper('p', 'status: included', `## Country updates\n\nSee [the updates](#country-updates) and [the archive](${URL}).\n\n${BOILERPLATE}\n\n::table{data="shared"}\n`),
    // A data table both show is the public edition's own.
    'data/shared.yaml': 'kind: working-group-help\nid: shared\ntitle: Help\ncolumns:\n  stage: Stage\n  help: Help\nstages:\n  - stage: Action plan development across the whole region\n    help:\n      - Review and provide feedback on the content of draft action plans.\n',
    'papers/bios.md': '---\nid: bios\ntitle: Biographies\nstatus: included\npeople:\n  - heading: Members\n    people: [ana]\n---\n',
    'papers/hidden-bios.md': '---\nid: hidden-bios\ntitle: Candidates\nstatus: withheld\nreason: pre-decision\npeople:\n  - heading: Candidates\n    people: [ana]\n---\n',
    'people/ana.md': `---\nid: ana\nname: Ana Ruritanova\ngroup: new\nattending: true\n---\n\n${BIOGRAPHY}\n`,
    'check.yaml': `withheld_text:\n  allow:\n    - phrase: ${BOILERPLATE}\n      reason: The closing line of every paper for noting.\n`,
  };
  let dir: string;
  let built: CliResult;
  beforeAll(async () => {
    dir = smallPack(files);
    built = await build(dir);
  }, 240_000);

  it('check reports no withheld text, only the allowance it relies on', async () => {
    const diagnostics = await check(dir);
    expect(diagnostics.filter((d) => severityOf(d) !== 'info').map((d) => `${d.file}:${d.line}: ${d.reason}`)).toEqual([]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['content/check.yaml:3']);
  });

  it('builds, and says in the log which allowance the public edition relies on', () => {
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(built.stdout + built.stderr).toMatch(/content\/check\.yaml:3:\d+.*allowed phrase/);
  });

  it('gives a public heading named like a withheld id an anchor that does not spell it, and keeps its link', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSafe(path.join(dir, 'out/public/test-pack-public.pdf'))));
    const destinations = Object.keys(await pdf.getDestinations());
    expect(destinations.length).toBeGreaterThan(0);
    expect(destinations.filter((d) => d.toLowerCase().includes('country-updates'))).toEqual([]);
    const links: { url?: string; dest?: unknown }[] = [];
    for (let i = 1; i <= pdf.numPages; i++) links.push(...((await (await pdf.getPage(i)).getAnnotations()) as { url?: string; dest?: unknown }[]));
    expect(links.map((l) => l.url)).toContain(URL);
    expect(links.some((l) => typeof l.dest === 'string' && (l.dest as string).startsWith('paper-p--'))).toBe(true);
  });

  it('names no DOCX bookmark after the withheld id, and links the heading by its own', async () => {
    const zip = await JSZip.loadAsync(readFileSafe(path.join(dir, 'out/public/test-pack-public.docx')));
    const document = new DOMParser().parseFromString(await zip.file('word/document.xml')!.async('string'), 'application/xml');
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const bookmarks = [...Array.from(document.getElementsByTagNameNS(W, 'bookmarkStart'))].map((b) => b.getAttributeNS(W, 'name') ?? '');
    const anchors = [...Array.from(document.getElementsByTagNameNS(W, 'hyperlink'))].map((h) => h.getAttributeNS(W, 'anchor') ?? '');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect([...bookmarks, ...anchors].filter((name) => /country.updates/i.test(name))).toEqual([]);
    expect(anchors.filter((a) => bookmarks.includes(a)).length).toBeGreaterThan(0);
  });

  it('prints the biography of a person a public paper lists, though a withheld paper lists them too', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSafe(path.join(dir, 'out/public/test-pack-public.pdf'))));
    let text = '';
    for (let i = 1; i <= pdf.numPages; i++) text += `${(await (await pdf.getPage(i)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
    expect(text.replace(/\s+/g, ' ')).toContain(BIOGRAPHY);
    expect(text.replace(/\s+/g, ' ')).toContain(BOILERPLATE);
    expect(text.replace(/\s+/g, ' ')).toContain('Review and provide feedback on the content of draft action plans.');
  });

  it('without the allowance, refuses the shared boilerplate at its line', async () => {
    const strict = smallPack({ ...files, 'check.yaml': 'rules: {}\n' });
    const diagnostics = await check(strict);
    expect(linesOf(diagnostics, 'papers/p.md')).toEqual([11]);
  });

  it('requires a reason for each allowance, at its line', async () => {
    const unreasoned = smallPack({ ...files, 'check.yaml': `withheld_text:\n  allow:\n    - phrase: ${BOILERPLATE}\n` });
    const diagnostics = await check(unreasoned, 'check-config');
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${severityOf(d)}`)).toEqual(['content/check.yaml:3: error']);
    expect(linesOf(await check(unreasoned), 'papers/p.md')).toEqual([11]);
  });
});

function readFileSafe(file: string): Buffer {
  if (!existsSync(file)) throw new Error(`${file} was not written`);
  return readFileSync(file);
}

describe('found by a hostile review', () => {
  it('Hangul fillers, which print as blanks, separate the words of a quote', async () => {
    const SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';
    const dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': paper('ruritania-notes', WITHHELD, `${SENTENCE}\n`), 'papers/p.md': paper('p', 'status: included', `${SENTENCE.replaceAll(' ', '\u3164')}\n`) });
    expect(linesOf(await check(dir), 'papers/p.md')).toEqual([7]);
    expect(linesOf(await check(dir, 'invisible-characters'), 'papers/p.md', 'warning')).toContain(7);
  });

  it('a long restricted title is secret by its runs of words, not only whole', async () => {
    const withheld = '---\nid: ruritania-notes\ntitle: Proposal to suspend Ruritania from the partnership pending an independent review of its action plan\npublic_title: A membership question\nstatus: withheld\nreason: pre-decision\n---\n\nThe text.\n';
    const dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': withheld, 'papers/p.md': paper('p', 'status: included', 'There is a proposal to suspend Ruritania from the partnership pending an independent review.\n') });
    expect(linesOf(await check(dir), 'papers/p.md')).toEqual([7]);
  });

  it('a data table cell with links is secret as printed, without its link targets', async () => {
    const data = 'kind: working-group-help\nid: votes\ntitle: Votes\ncolumns:\n  stage: Stage\n  help: Plan\nstages:\n  - stage: December\n    help:\n      - The chair will [propose](https://example.org/a) that the partnership [suspend](https://example.org/b) Ruritania at the [ministerial](https://example.org/c) meeting.\n';
    const dir = smallPack({
      'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']),
      'papers/ruritania-notes.md': paper('ruritania-notes', WITHHELD, 'The plan.\n\n::table{data="votes"}\n'),
      'data/votes.yaml': data,
      'papers/p.md': paper('p', 'status: included', 'The chair will propose that the partnership suspend Ruritania at the ministerial meeting.\n'),
    });
    expect(linesOf(await check(dir), 'papers/p.md')).toEqual([7]);
  });

  it("the role and organisation of a person only a withheld paper lists are secret", async () => {
    const person = '---\nid: zed\nname: Zed Nominee\ngroup: panel\nrole: Proposed chair of the independent review into the suspension of Ruritania\nattending: true\n---\n\nZed Nominee is a nominee.\n';
    const withheld = '---\nid: nominees\ntitle: Panel nominees\nstatus: withheld\nreason: pre-decision\ngroups:\n  - {id: panel, title: Panel}\n---\n\nThe nominees.\n';
    const dir = smallPack({ 'sessions/only.yaml': session(['budget', 'nominees', 'p']), 'papers/nominees.md': withheld, 'people/zed.md': person, 'papers/p.md': paper('p', 'status: included', 'We hear of a proposed chair of the independent review into the suspension of Ruritania.\n') });
    expect(linesOf(await check(dir), 'papers/p.md')).toEqual([7]);
  });

  it('an allowed phrase shorter than the refused run is an error at its line and allows nothing', async () => {
    const SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';
    const dir = smallPack({
      'check.yaml': 'withheld_text:\n  allow:\n    - phrase: the\n      reason: A common word.\n',
      'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']),
      'papers/ruritania-notes.md': paper('ruritania-notes', WITHHELD, `${SENTENCE}\n`),
      'papers/p.md': paper('p', 'status: included', `${SENTENCE}\n`),
    });
    const config = await check(dir, 'check-config');
    expect(config.map((d) => `${d.file}:${d.line}`)).toEqual(['content/check.yaml:3']);
    expect(linesOf(await check(dir), 'papers/p.md')).toEqual([7]);
  });

  it("a build's log never suggests a withheld paper's id for a misspelt reference; check does", async () => {
    const dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notez']), 'papers/ruritania-notes.md': `---\nid: ruritania-notes\ntitle: Treasury pledges\n${WITHHELD}\n---\n\nThe Ruritanian treasury will contribute.\n` });
    const checked = await check(dir, 'unknown-reference');
    expect(checked.map((d) => d.reason)).toEqual([expect.stringContaining('Did you mean "ruritania-notes"?')]);
    const result = await build(dir);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain('ruritania-notes');
    expect(result.stderr).toContain('withheld-findings');
  }, 240_000);

  it('text stored backwards behind a bidirectional override is an error in check and stops the build', async () => {
    const SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';
    const reversed = `Note: \u202E${[...SENTENCE].reverse().join('')}\u202C`;
    const dir = smallPack({ 'sessions/only.yaml': session(['budget', 'ruritania-notes', 'p']), 'papers/ruritania-notes.md': paper('ruritania-notes', WITHHELD, `${SENTENCE}\n`), 'papers/p.md': paper('p', 'status: included', `${reversed}\n`) });
    expect(linesOf(await check(dir, 'bidi-override'), 'papers/p.md')).toEqual([7]);
    const result = await build(dir);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
    expect(result.stderr).toContain('bidi-override');
  }, 240_000);
});
