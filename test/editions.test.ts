import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, type BuildResult } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { run } from '../src/cli/main.js';
import { editionPack } from '../src/editions/filter.js';
import { readPack } from '../src/pipeline.js';
import { filesIn } from './helpers/cli.js';
import { openPdf, squash } from './helpers/pdf.js';
import { CONTENT_DIR, contentTree } from './helpers/trees.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
const SECRET_TITLE = 'Ruritania Sovereign Trust Agreement';
const SECRET_SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';
const CANARY = 'zx81 quokka canary';
const PUBLIC_TITLE = 'Draft OGP Trust Fund concept note';
const SECRETS = [SECRET_TITLE, SECRET_SENTENCE, CANARY, 'trust-fund-concept-note'];

/** The paper as a secretariat would write it: a restricted title, a body, a canary and an image. */
const WITHHELD = `---\nid: trust-fund-concept-note\ntitle: ${SECRET_TITLE}\npublic_title: ${PUBLIC_TITLE}\nstatus: withheld\nreason: pre-decision\ncanary: ${CANARY}\n---\n\n## Contributions\n\n${SECRET_SENTENCE}\n\nMarker: ${CANARY}.\n\n![Ruritanian budget chart](ruritania.png)\n`;
const FIXTURE = { 'papers/trust-fund-concept-note.md': WITHHELD, 'papers/ruritania.png': PNG };

/** Everything an independent reader finds in an output: PDF text, outline and metadata; every DOCX part and mammoth's text. */
async function readable(name: string, bytes: Uint8Array): Promise<string> {
  if (name.endsWith('.pdf')) {
    const pdf = await openPdf(bytes);
    const texts: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      texts.push((await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
      texts.push(JSON.stringify(await page.getAnnotations()), JSON.stringify(await page.getStructTree()));
    }
    const outline = JSON.stringify(await pdf.getOutline());
    const { info, metadata } = await pdf.getMetadata();
    return squash([...texts, outline, JSON.stringify(info), metadata?.getRaw() ?? '', Object.keys(await pdf.getDestinations()).join(' ')].join(' '));
  }
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map(async (f) => `${f.name} ${await f.async('string')}`));
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return squash([...parts, value].join(' '));
}

describe('the edition filter', () => {
  it('leaves a withheld document only its public title, status and reason, under a neutral id', async () => {
    const { pack } = await readPack(contentTree(FIXTURE));
    expect(pack!.images!.has('papers/ruritania.png')).toBe(true);
    const filtered = editionPack(pack!, pack!.editions[0]!);
    expect(filtered.documents.has('trust-fund-concept-note')).toBe(false);
    expect(filtered.papers).toContain('withheld-2');
    expect(filtered.sessions.flatMap((s) => s.items.flatMap((i) => i.papers))).not.toContain('trust-fund-concept-note');
    const doc = filtered.documents.get('withheld-2')!;
    expect(doc).toMatchObject({ title: PUBLIC_TITLE, status: 'withheld', reason: 'pre-decision', canaries: [], file: '', listedOnly: true });
    expect(doc.body.children).toEqual([]);
    expect(filtered.images!.has('papers/ruritania.png')).toBe(false);
    expect(filtered.documents.get('joint-declaration')).toBe(pack!.documents.get('joint-declaration'));
    // The committee edition carries it whole.
    const committee = editionPack(pack!, pack!.editions[1]!);
    expect(committee.documents.get('trust-fund-concept-note')).toBe(pack!.documents.get('trust-fund-concept-note'));
  });
});

describe('the public and committee editions of one source', () => {
  let first: BuildResult;
  let second: BuildResult;
  const output = (result: BuildResult, suffix: string) => result.outputs!.find((o) => o.name.endsWith(suffix))!;

  beforeAll(async () => {
    first = await buildPack(contentTree(FIXTURE), { formats: FORMATS }, {});
    second = await buildPack(contentTree(FIXTURE), { formats: FORMATS }, {});
  }, 240_000);

  it('are written as <edition>/<pack>-<edition>.pdf and .docx with a manifest per edition, and no gate finding', () => {
    expect(first.diagnostics).toEqual([]);
    expect(first.outputs!.map((o) => o.name)).toEqual([
      'public/ogp-sc-2015-10-mexico-city-public.pdf',
      'public/ogp-sc-2015-10-mexico-city-public.docx',
      'public/manifest.json',
      'committee/ogp-sc-2015-10-mexico-city-committee.pdf',
      'committee/ogp-sc-2015-10-mexico-city-committee.docx',
      'committee/manifest.json',
    ]);
  });

  it('keep every word of the withheld paper out of the public PDF and DOCX, which list it with its reason', async () => {
    for (const suffix of ['public.pdf', 'public.docx']) {
      const text = await readable(suffix, output(first, suffix).bytes);
      for (const secret of SECRETS) expect(text, `${suffix}: ${secret}`).not.toContain(secret);
      expect(text).not.toContain('Ruritania');
      expect(text, suffix).toContain(`${PUBLIC_TITLE} (withheld as pre-decision)`);
      // Its stub page says why it is withheld.
      expect(text, suffix).toContain('This paper is withheld as pre-decision. It is not part of the public edition.');
    }
    const docx = await JSZip.loadAsync(output(first, 'public.docx').bytes);
    expect(Object.keys(docx.files).some((name) => name.startsWith('word/media/'))).toBe(false);
  });

  it('carry the withheld paper whole in the committee PDF and DOCX', async () => {
    for (const suffix of ['committee.pdf', 'committee.docx']) {
      const text = await readable(suffix, output(first, suffix).bytes);
      for (const secret of [SECRET_TITLE, SECRET_SENTENCE, CANARY]) expect(text, `${suffix}: ${secret}`).toContain(secret);
      expect(text, suffix).toContain('RESTRICTED — PRE-DECISION — NOT FOR CIRCULATION');
    }
  });

  it('name the withheld paper only by its public title in the public manifest, by its title in the committee manifest', () => {
    const [publicManifest, committeeManifest] = first.manifests!;
    expect(publicManifest!.outputs.map((o) => o.edition)).toEqual(['public', 'public']);
    expect(new TextDecoder().decode(output(first, 'public/manifest.json').bytes)).not.toMatch(/Ruritania|trust-fund-concept-note/);
    expect(publicManifest!.outputs[0]!.papers).toContainEqual({ title: PUBLIC_TITLE, status: 'withheld', printed: false, note: 'withheld as pre-decision' });
    expect(committeeManifest!.outputs.map((o) => o.edition)).toEqual(['committee', 'committee']);
    expect(committeeManifest!.outputs[0]!.papers).toContainEqual({ title: SECRET_TITLE, status: 'withheld', printed: true });
  });

  it('are each reproducible byte for byte', () => {
    expect(second.outputs!.map((o) => o.name)).toEqual(first.outputs!.map((o) => o.name));
    first.outputs!.forEach((o, i) => expect(Buffer.from(second.outputs![i]!.bytes).equals(Buffer.from(o.bytes)), o.name).toBe(true));
  });
});

describe('the leak gate in ogp-pack build and check --leaks', () => {
  async function cli(args: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await run(args, { cwd, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr, log: stdout + stderr };
  }
  const snapshot = (dir: string) => filesIn(dir);

  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ogp-leak-'));
    cpSync(CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
    for (const [name, content] of Object.entries(FIXTURE)) writeFileSync(path.join(dir, 'content', name), content);
  });

  it('a public build names no withheld title or id in its file names, manifest or log', async () => {
    const { code, log } = await cli(['build', '--edition', 'public', '--format', 'docx'], dir);
    expect(code).toBe(0);
    expect([...filesIn(path.join(dir, 'out')).keys()]).toEqual(['public/manifest.json', 'public/ogp-sc-2015-10-mexico-city-public.docx']);
    for (const text of [log, readFileSync(path.join(dir, 'out/public/manifest.json'), 'utf8'), [...filesIn(path.join(dir, 'out')).keys()].join(' ')]) {
      expect(text).not.toMatch(/Ruritania|trust-fund-concept-note|quokka/);
    }
    const checked = await cli(['check', '--leaks', 'out'], dir);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('2 outputs scanned (out/public/manifest.json, out/public/ogp-sc-2015-10-mexico-city-public.docx), no withheld text found.');
  }, 120_000);

  it('fails a build whose public outputs would carry a withheld title, and leaves out/ as it was', async () => {
    const out = path.join(dir, 'out');
    const before = snapshot(out);
    // A house style's label quotes the restricted title: no source's prose holds it, so only the
    // gate over the outputs can see it (the contents page's heading, the DOCX's Contents).
    const layout = path.join(dir, 'content/layout.yaml');
    writeFileSync(layout, `labels:\n  contents: 'Contents: the ${SECRET_TITLE}'\n`);
    try {
      const { code, stdout, stderr } = await cli(['build', '--edition', 'public'], dir);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^public\/ogp-sc-2015-10-mexico-city-public\.docx:1:1 +error +word\/document\.xml contains the title of the withheld paper "Draft OGP Trust Fund concept note"\..* +withheld-text$/m);
      expect(stderr).toMatch(/^public\/ogp-sc-2015-10-mexico-city-public\.pdf:1:1 +error +page \d+ text contains the title of the withheld paper "Draft OGP Trust Fund concept note"\..* +withheld-text$/m);
      expect(stderr).toContain('Nothing was written to out/.');
      // The log names the paper by its public title and never quotes what leaked.
      expect(stderr).not.toMatch(/Ruritania|trust-fund-concept-note/);
      expect(snapshot(out)).toEqual(before);
    } finally {
      rmSync(layout, { force: true });
    }
  }, 120_000);

  it('check --leaks finds withheld text in an output already in out/', async () => {
    const out = path.join(dir, 'out');
    const committee = await buildPack(contentTree(FIXTURE), { formats: FORMATS.filter((f) => f.name === 'docx'), editions: ['committee'] }, {});
    // A committee DOCX saved under the public edition's name.
    writeFileSync(path.join(out, 'public/ogp-sc-2015-10-mexico-city-public.docx'), committee.outputs![0]!.bytes);
    const { code, stdout } = await cli(['check', '--leaks', 'out'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('2 outputs scanned (out/public/manifest.json, out/public/ogp-sc-2015-10-mexico-city-public.docx), found withheld text in 1 (out/public/ogp-sc-2015-10-mexico-city-public.docx).');
    expect(stdout).toMatch(/^out\/public\/ogp-sc-2015-10-mexico-city-public\.docx:1:1 +error +word\/document\.xml contains text of the withheld paper "Draft OGP Trust Fund concept note"\. The Public edition must not carry it: .* +withheld-text$/m);
    expect(stdout).toMatch(/^out\/public\/ogp-sc-2015-10-mexico-city-public\.docx:1:1 +error +word\/document\.xml contains the canary of the withheld paper "Country updates"/m);
    expect(stdout).not.toMatch(/Ruritania|quokka/);
  }, 120_000);
});
