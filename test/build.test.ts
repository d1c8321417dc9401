import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import type { Format } from '../src/build/formats.js';
import type { PackPlan } from '../src/plan/plan.js';
import { probeWritable, sha256, writeOutputs, WriteError, type WriteFs } from '../src/build/write.js';
import { contentTree } from './helpers/trees.js';

/** A format whose output is the plan itself, to test what build does around renderers. */
const PLAN_JSON: Format = {
  name: 'json',
  extension: 'json',
  load: async () => async (plan) => ({ bytes: new TextEncoder().encode(JSON.stringify(plan)), pages: plan.agendas.length }),
};

describe('buildPack', () => {
  it('renders each edition in each format once, into a directory per edition with a manifest of that edition alone', async () => {
    const { outputs, manifests, diagnostics } = await buildPack(contentTree(), { formats: [PLAN_JSON] }, { SOURCE_DATE_EPOCH: '1445817600' });
    expect(diagnostics).toEqual([]);
    expect(outputs!.map((o) => o.name)).toEqual(['public/ogp-sc-2015-10-mexico-city-public.json', 'public/manifest.json', 'committee/ogp-sc-2015-10-mexico-city-committee.json', 'committee/manifest.json']);
    expect(manifests!.map((m) => [m.edition, m.outputs.map((o) => o.edition)])).toEqual([['public', ['public']], ['committee', ['committee']]]);
    const [publicEntry, committeeEntry] = manifests!.flatMap((m) => m.outputs);
    expect(publicEntry).toMatchObject({ path: 'ogp-sc-2015-10-mexico-city-public.json', format: 'json', edition: 'public', pages: 2, bytes: outputs![0]!.bytes.byteLength });
    expect(committeeEntry).toMatchObject({ path: 'ogp-sc-2015-10-mexico-city-committee.json', edition: 'committee' });
    expect(publicEntry!.sha256).toBe(sha256(outputs![0]!.bytes));
    // The public edition lists a withheld paper with its reason and a stub page; the committee edition prints it.
    expect(publicEntry!.papers).toContainEqual({ title: 'Country updates', status: 'withheld', printed: false, note: 'withheld as pre-decision' });
    expect(committeeEntry!.papers).toContainEqual({ title: 'Country updates', status: 'withheld', printed: true });
    expect(JSON.parse(new TextDecoder().decode(outputs![1]!.bytes))).toEqual(manifests![0]);
    expect(JSON.parse(new TextDecoder().decode(outputs![3]!.bytes))).toEqual(manifests![1]);
    expect(manifests![0]).toMatchObject({ pack: 'ogp-sc-2015-10-mexico-city', edition: 'public', date: '2015-10-26T00:00:00.000Z', draft: false });
    expect(new TextDecoder().decode(outputs![1]!.bytes)).not.toContain('trust-fund-concept-note');
  });

  it('builds the editions asked for, as drafts with DRAFT in their names when asked', async () => {
    const { outputs, manifests } = await buildPack(contentTree(), { formats: [PLAN_JSON], editions: ['committee'], draft: true }, {});
    expect(outputs!.map((o) => o.name)).toEqual(['committee/ogp-sc-2015-10-mexico-city-committee-DRAFT.json', 'committee/manifest.json']);
    expect(manifests!.map((m) => [m.edition, m.draft])).toEqual([['committee', true]]);
    const plan = JSON.parse(new TextDecoder().decode(outputs![0]!.bytes)) as PackPlan;
    expect(plan.edition).toMatchObject({ id: 'committee', watermark: 'DRAFT', footer: 'Committee edition · RESTRICTED — Steering Committee members only' });
  });

  it('refuses an edition the meeting does not declare, naming those it does', async () => {
    const result = await buildPack(contentTree(), { formats: [PLAN_JSON], editions: ['press'] }, {});
    expect(result.outputs).toBeUndefined();
    expect(result.usage).toBe('unknown edition "press"; this meeting has public, committee.');
  });

  it('with final, refuses a pack with papers to follow and names each one', async () => {
    let rendered = false;
    const spy: Format = { ...PLAN_JSON, load: async () => { rendered = true; return PLAN_JSON.load(); } };
    const result = await buildPack(contentTree(), { formats: [spy], final: true }, {});
    expect(result.outputs).toBeUndefined();
    expect(rendered).toBe(false);
    const toFollow = result.diagnostics.filter((d) => d.ruleId === 'to-follow');
    expect(toFollow.map((d) => [d.file, d.fatal])).toEqual([
      ['content/papers/draft-bylaws.md', true],
      ['content/papers/incorporation-memo.md', true],
      ['content/papers/response-policy-report.md', true],
    ]);
    expect(toFollow[0]!.message).toContain('"Copy of draft bylaws" is still to follow.');
  });

  it('renders nothing when the sources have errors', async () => {
    let rendered = false;
    const spy: Format = { ...PLAN_JSON, load: async () => { rendered = true; return PLAN_JSON.load(); } };
    const result = await buildPack(contentTree({ 'papers/joint-declaration.md': (t) => t.replace('status: included', 'status: lost') }), { formats: [spy] }, {});
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('schema');
    expect(rendered).toBe(false);
  });
});

/** Every entry under `dir`, hidden ones included: directories as `dir/`, files with their bytes in hex. */
function snapshot(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const shown = (e: (typeof entries)[number]) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
  return Object.fromEntries(entries.map((e) => (e.isDirectory() ? [`${shown(e)}/`, ''] : [shown(e), readFileSync(path.join(e.parentPath, e.name)).toString('hex')])).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

const bytes = (s: string) => new TextEncoder().encode(s);
const manifestOf = (...paths: string[]) => JSON.stringify({ outputs: paths.map((p) => ({ path: p })) });

/** An output directory with a previous build of two editions and a file of the user's own. */
function previousBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
  for (const edition of ['public', 'committee']) {
    mkdirSync(path.join(dir, edition));
    writeFileSync(path.join(dir, edition, `pack-${edition}.pdf`), `old ${edition}`);
    writeFileSync(path.join(dir, edition, 'manifest.json'), manifestOf(`pack-${edition}.pdf`));
  }
  writeFileSync(path.join(dir, 'README.md'), 'Build results.');
  return dir;
}

const NEW_PACK = ['public', 'committee'].flatMap((edition) => [
  { name: `${edition}/pack-${edition}.pdf`, bytes: bytes(`new ${edition}`) },
  { name: `${edition}/manifest.json`, bytes: bytes(manifestOf(`pack-${edition}.pdf`)) },
]);

describe('writeOutputs', () => {
  it('switches in each edition directory whole, leaving the user\'s files and no staging behind', async () => {
    const dir = previousBuild();
    mkdirSync(path.join(dir, 'public/stale-subdirectory-of-nothing'), { recursive: true });
    await expect(writeOutputs(dir, NEW_PACK)).rejects.toThrow(/public holds a file its manifest\.json does not list \(stale-subdirectory-of-nothing\)/);
    rmSync(path.join(dir, 'public/stale-subdirectory-of-nothing'), { recursive: true });
    // A draft of the previous pack's public edition, listed in its manifest, goes with it.
    writeFileSync(path.join(dir, 'public/pack-public-DRAFT.pdf'), 'old draft');
    writeFileSync(path.join(dir, 'public/manifest.json'), manifestOf('pack-public.pdf', 'pack-public-DRAFT.pdf'));
    await writeOutputs(dir, NEW_PACK);
    expect(snapshot(dir)).toEqual(
      snapshot(
        (() => {
          const expected = mkdtempSync(path.join(tmpdir(), 'ogp-expected-'));
          writeFileSync(path.join(expected, 'README.md'), 'Build results.');
          for (const o of NEW_PACK) {
            mkdirSync(path.dirname(path.join(expected, o.name)), { recursive: true });
            writeFileSync(path.join(expected, o.name), o.bytes);
          }
          return expected;
        })(),
      ),
    );
  });

  it('builds into an output directory that does not exist yet, and leaves other editions alone', async () => {
    const dir = previousBuild();
    const committee = snapshot(path.join(dir, 'committee'));
    await writeOutputs(path.join(dir, 'public-only'), NEW_PACK.slice(0, 2));
    expect(Object.keys(snapshot(path.join(dir, 'public-only')))).toEqual(['public/', 'public/manifest.json', 'public/pack-public.pdf']);
    await writeOutputs(dir, NEW_PACK.slice(0, 2));
    expect(readFileSync(path.join(dir, 'public/pack-public.pdf'), 'utf8')).toBe('new public');
    expect(snapshot(path.join(dir, 'committee'))).toEqual(committee);
  });

  it('is not stopped by a staging directory left behind by a killed build, which it leaves alone', async () => {
    const dir = previousBuild();
    mkdirSync(path.join(dir, '.ogp-pack-staging-Ab12Cd/public'), { recursive: true });
    writeFileSync(path.join(dir, '.ogp-pack-staging-Ab12Cd/public/pack-public.pdf'), 'half a PDF');
    await writeOutputs(dir, NEW_PACK);
    expect(readFileSync(path.join(dir, 'public/pack-public.pdf'), 'utf8')).toBe('new public');
    expect(readdirSync(dir).sort()).toEqual(['.ogp-pack-staging-Ab12Cd', 'README.md', 'committee', 'public']);
  });

  it.each([
    ['a file', (edition: string) => writeFileSync(edition, 'not a directory')],
    ['a directory without a manifest', (edition: string) => mkdirSync(edition)],
    ['a directory whose manifest is not JSON', (edition: string) => (mkdirSync(edition), writeFileSync(path.join(edition, 'manifest.json'), '{'))],
  ])('refuses, before writing anything, to replace an edition path that is %s', async (_, make) => {
    const dir = previousBuild();
    rmSync(path.join(dir, 'committee'), { recursive: true });
    make(path.join(dir, 'committee'));
    const before = snapshot(dir);
    await expect(writeOutputs(dir, NEW_PACK)).rejects.toMatchObject({ message: expect.stringContaining(`${path.join(dir, 'committee')} `), replaced: [] });
    expect(snapshot(dir)).toEqual(before);
  });

  it('leaves out/ byte-identical when any step fails, however far writing and switching had gone', async () => {
    // Each run fails the n-th call that changes the file system, until a run gets through.
    let completed = false;
    for (let n = 1; !completed; n++) {
      const dir = previousBuild();
      const before = snapshot(dir);
      let calls = 0;
      const failing = (name: string) =>
        (async (...args: unknown[]) => {
          if (++calls === n) throw Object.assign(new Error(`EIO: injected failure of ${name} call ${n}`), { code: 'EIO' });
          return (fs[name as keyof typeof fs] as (...a: unknown[]) => unknown)(...args);
        }) as never;
      const injected: WriteFs = { ...fs, mkdir: failing('mkdir'), mkdtemp: failing('mkdtemp'), writeFile: failing('writeFile'), rename: failing('rename') };
      try {
        await writeOutputs(dir, NEW_PACK, injected);
        completed = true;
        expect(readFileSync(path.join(dir, 'committee/pack-committee.pdf'), 'utf8')).toBe('new committee');
      } catch (error) {
        expect(error, `failure at call ${n}`).toBeInstanceOf(WriteError);
        expect((error as WriteError).replaced).toEqual([]);
        expect((error as Error).message).toContain(`injected failure`);
        expect(snapshot(dir), `failure at call ${n}`).toEqual(before);
      }
    }
    // mkdir out, mkdtemp, two mkdirs, four files, mkdtemp, four renames: every one of them failed once.
    expect(completed).toBe(true);
  });

  it('says which edition it could not restore when moving back fails too, and where its previous directory is', async () => {
    const dir = previousBuild();
    let renames = 0;
    // The fourth rename (the new committee into place) fails, and so does every rename after it, moving back included.
    const injected: WriteFs = {
      ...fs,
      rename: (async (from: string, to: string) => {
        if (++renames >= 4) throw new Error('EIO: injected');
        return fs.rename(from, to);
      }) as never,
    };
    const error = (await writeOutputs(dir, NEW_PACK, injected).catch((e: unknown) => e)) as WriteError;
    expect(error).toBeInstanceOf(WriteError);
    expect(error.replaced).toEqual(['committee', 'public']);
    expect(error.message).toMatch(/^EIO: injected; moving back failed too, and the previous committee, public are in .*\.ogp-pack-old-\w+$/);
  });
});

describe('probeWritable', () => {
  it('finds, without writing, an output path under a file and a read-only file system', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
    writeFileSync(path.join(dir, 'file'), '');
    await expect(probeWritable(path.join(dir, 'file/out/deeper'))).rejects.toThrow(`${path.join(dir, 'file')} is a file, so ${path.join(dir, 'file/out/deeper')} cannot be made`);
    await expect(probeWritable(path.join(dir, 'file'))).rejects.toThrow('is a file, not a directory');
    // As root, permissions do not stop writing; a read-only file system does, as access(2) reports.
    const readOnly: WriteFs = { ...fs, access: (async () => { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }); }) as never };
    await expect(probeWritable(path.join(dir, 'out'), readOnly)).rejects.toThrow(`${dir} cannot be written: it is on a read-only file system`);
    await probeWritable(path.join(dir, 'out/deeper'));
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
