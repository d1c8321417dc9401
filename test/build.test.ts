import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import type { Format } from '../src/build/formats.js';
import type { PackPlan } from '../src/layout/plan.js';
import { sha256, writeOutputs } from '../src/build/write.js';
import { contentTree } from './helpers/trees.js';

/** A format whose output is the plan itself, to test what build does around renderers. */
const PLAN_JSON: Format = {
  name: 'json',
  extension: 'json',
  load: async () => async (plan) => ({ bytes: new TextEncoder().encode(JSON.stringify(plan)), pages: plan.agendas.length }),
};

describe('buildPack', () => {
  it('renders each edition in each format once and describes the outputs in one manifest', async () => {
    const { outputs, manifest, diagnostics } = await buildPack(contentTree(), { formats: [PLAN_JSON] }, { SOURCE_DATE_EPOCH: '1445817600' });
    expect(diagnostics).toEqual([]);
    expect(outputs!.map((o) => o.name)).toEqual(['ogp-sc-2015-10-mexico-city-public.json', 'ogp-sc-2015-10-mexico-city-committee.json', 'manifest.json']);
    const [publicEntry, committeeEntry] = manifest!.outputs;
    expect(publicEntry).toMatchObject({ path: 'ogp-sc-2015-10-mexico-city-public.json', format: 'json', edition: 'public', pages: 2, bytes: outputs![0]!.bytes.byteLength });
    expect(committeeEntry).toMatchObject({ path: 'ogp-sc-2015-10-mexico-city-committee.json', edition: 'committee' });
    expect(publicEntry!.sha256).toBe(sha256(outputs![0]!.bytes));
    // The public edition lists a withheld paper with its reason and a stub page; the committee edition prints it.
    expect(publicEntry!.papers).toContainEqual({ title: 'Country updates', status: 'withheld', printed: false, note: 'withheld as pre-decision' });
    expect(committeeEntry!.papers).toContainEqual({ title: 'Country updates', status: 'withheld', printed: true });
    expect(JSON.parse(new TextDecoder().decode(outputs![2]!.bytes))).toEqual(manifest);
    expect(manifest).toMatchObject({ date: '2015-10-26T00:00:00.000Z', draft: false });
  });

  it('builds the editions asked for, as drafts with DRAFT in their names when asked', async () => {
    const { outputs, manifest } = await buildPack(contentTree(), { formats: [PLAN_JSON], editions: ['committee'], draft: true }, {});
    expect(outputs!.map((o) => o.name)).toEqual(['ogp-sc-2015-10-mexico-city-committee-DRAFT.json', 'manifest.json']);
    expect(manifest!.draft).toBe(true);
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

describe('writeOutputs', () => {
  it('is not stopped by a temporary file left behind by a killed build', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
    writeFileSync(path.join(dir, `.pack.pdf.${process.pid}.partial`), 'half a PDF');
    await writeOutputs(dir, [{ name: 'pack.pdf', bytes: new TextEncoder().encode('new') }]);
    expect(readdirSync(dir)).toEqual(['pack.pdf']);
  });

  const bytes = (s: string) => new TextEncoder().encode(s);

  it('replaces the previous outputs and leaves no temporary files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
    writeFileSync(path.join(dir, 'pack.pdf'), 'old');
    await writeOutputs(dir, [{ name: 'pack.pdf', bytes: bytes('new') }, { name: 'manifest.json', bytes: bytes('{}') }]);
    expect(readFileSync(path.join(dir, 'pack.pdf'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'pack.pdf']);
  });

  it('leaves the previous pack untouched when an output cannot be written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
    writeFileSync(path.join(dir, 'pack.pdf'), 'old');
    const failing = writeOutputs(dir, [{ name: 'pack.pdf', bytes: bytes('new') }, { name: 'missing/dir/manifest.json', bytes: bytes('{}') }]);
    await expect(failing).rejects.toMatchObject({ message: expect.stringMatching(/ENOENT/), replaced: [] });
    expect(readFileSync(path.join(dir, 'pack.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['pack.pdf']);
  });
});
