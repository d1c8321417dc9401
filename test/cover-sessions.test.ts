/**
 * A cover lists the meeting's sessions while they fit on it: a meeting of many sessions (a
 * conference of many days) has its dates on the cover and its sessions in the contents, and its
 * cover never runs off the page.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVER_SESSIONS } from '../src/plan/build-plan.js';
import { cli } from './helpers/cli.js';
import { openPdf, pageText, squash } from './helpers/pdf.js';
import { MINIMAL_MEETING } from './helpers/trees.js';

/** A meeting of `count` sessions on consecutive days, each in its own room, with long titles. */
function meeting(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-cover-'));
  const ids = Array.from({ length: count }, (_, i) => `day-${i + 1}`);
  const day = (i: number) => `2015-10-${String(i + 1).padStart(2, '0')}`;
  mkdirSync(path.join(dir, 'sessions'));
  writeFileSync(
    path.join(dir, 'meeting.yaml'),
    MINIMAL_MEETING.replace('dates: {start: 2015-10-26, end: 2015-10-26}', `dates: {start: ${day(0)}, end: ${day(count - 1)}}`).replace('sessions: [only]', `sessions: [${ids.join(', ')}]`),
  );
  ids.forEach((id, i) =>
    writeFileSync(
      path.join(dir, 'sessions', `${id}.yaml`),
      `id: ${id}\ntitle: Plenary session ${i + 1} on the implementation of national action plans\ndate: ${day(i)}\nstart: "09:00"\nend: "17:00"\nlocation: Conference room ${i + 1}, second floor\nitems:\n  - time: "09:00"\n    title: Opening of day ${i + 1}\n`,
    ),
  );
  return dir;
}

async function coverOf(count: number): Promise<{ cover: string; code: number; stderr: string }> {
  const dir = meeting(count);
  const out = mkdtempSync(path.join(tmpdir(), 'ogp-cover-out-'));
  const { code, stderr } = await cli(['build', '.', '--out', out, '--format', 'pdf', '--edition', 'public', '--quiet'], dir);
  if (code !== 0) return { cover: '', code, stderr };
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(out, 'public', 'test-pack-public.pdf'))));
  return { cover: squash(await pageText(pdf, 0)), code, stderr };
}

describe('the cover', () => {
  it(`lists up to ${COVER_SESSIONS} sessions, each with its time and room, on its one page`, { timeout: 60_000 }, async () => {
    const { cover, code, stderr } = await coverOf(COVER_SESSIONS);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (let i = 1; i <= COVER_SESSIONS; i++) {
      expect(cover).toContain(`Plenary session ${i} on the implementation of national action plans`);
      expect(cover).toContain(`Conference room ${i}, second floor`);
    }
    // The edition line comes after the last session: nothing ran off the page.
    expect(cover.indexOf('Public edition')).toBeGreaterThan(cover.indexOf(`Conference room ${COVER_SESSIONS},`));
  });

  it('of a meeting of more sessions gives its dates and leaves the sessions to the contents', { timeout: 60_000 }, async () => {
    const { cover, code, stderr } = await coverOf(COVER_SESSIONS + 12);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(cover).toMatch(/1 ?– ?20 October 2015/);
    expect(cover).not.toContain('Plenary session');
    expect(cover).toContain('Public edition');
  });
});
