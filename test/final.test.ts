import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, filesIn } from './helpers/cli.js';
import { BUDGET_PAPER, smallPack } from './helpers/small-pack.js';

const TIMEOUT = { timeout: 120_000 };

describe('placeholders cannot be circulated', () => {
  it('the untouched init scaffold passes check, but check --final and build --final refuse it', TIMEOUT, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-final-'));
    expect((await cli(['init', 'meeting'], dir)).code).toBe(0);
    const plain = await cli(['check', 'meeting'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('✖ 0 errors, ⚠ 0 warnings');
    // Listed, as information.
    expect(plain.stdout).toMatch(/^ℹ meeting\/meeting\.yaml:\d+:\d+ {2}"Replace with the meeting's title" is text from `ogp-pack init`/m);

    // Every placeholder init writes is found: one finding per "Replace …", and one for the example date.
    const written = [...filesIn(path.join(dir, 'meeting')).values()].map(String).join('\n');
    const placeholders = written.match(/\bReplace (?:with|this)\b/g)!.length;
    expect(placeholders).toBeGreaterThan(20);
    expect(plain.stdout.match(/ {2}scaffold$/gm)).toHaveLength(placeholders + 1);

    const final = await cli(['check', 'meeting', '--final'], dir);
    expect(final.code).toBe(1);
    expect(final.stdout).toMatch(/^meeting\/meeting\.yaml:6:8 {2}error {2}"Replace with the meeting's title" is text from `ogp-pack init`, to be replaced with the meeting's own\. {2}scaffold$/m);
    expect(final.stdout).toMatch(/^meeting\/meeting\.yaml:\d+:10 {2}error {2}2099-01-05 is the example date/m);
    expect(final.stdout).toMatch(/^meeting\/papers\/background-paper\.md:\d+:\d+ {2}error {2}"Replace this/m);

    const built = await cli(['build', 'meeting', '--final', '--format', 'docx', '--out', 'out'], dir);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('"Replace with the meeting\'s title" is text from `ogp-pack init`');
    expect(built.stderr).toContain('Nothing was written');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('build reports a placeholder that check finds, and build --final refuses it even when check.yaml turns the rule off', TIMEOUT, async () => {
    const paper = BUDGET_PAPER.replace('The budget grows by ten per cent.', 'The budget grows by XX per cent from [insert date].');
    const dir = smallPack({ 'papers/budget.md': paper, 'check.yaml': 'rules:\n  word-processing-residue: off\n' });
    const draft = await cli(['build', '--format', 'docx', '--out', 'out'], dir);
    expect(draft.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out/public'))).toContain('test-pack-public.docx');
    const on = smallPack({ 'papers/budget.md': paper });
    const reported = await cli(['build', '--format', 'docx', '--out', 'out'], on);
    expect(reported.stderr).toContain('content/papers/budget.md:7:21  error  "XX" is a placeholder for a missing value.');
    expect(reported.stderr).toContain('content/papers/budget.md:7:38  error  "[insert date]" is an insertion placeholder.');

    const final = await cli(['build', '--final', '--format', 'docx', '--out', 'final'], dir);
    expect(final.code).toBe(1);
    expect(final.stderr).toContain('"[insert date]" is an insertion placeholder.');
    expect(existsSync(path.join(dir, 'final'))).toBe(false);
    const checked = await cli(['check', '--final', '--quiet'], dir);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('content/papers/budget.md:7:21  error  "XX" is a placeholder');
  });

  it('build never prints a finding in or about a withheld paper, since its log may be public; it counts them, and --final still refuses them', TIMEOUT, async () => {
    const secret = '---\nid: secret-plan\ntitle: Zanzibar merger plan\npublic_title: A plan\nstatus: withheld\nreason: pre-decision\n---\n\nThe the merger closes on [insert date].\n';
    const dir = smallPack({ 'papers/secret-plan.md': secret, 'sessions/only.yaml': `id: only\ntitle: The only session\ndate: 2015-10-26\nstart: "16:00"\nend: "17:00"\nlocation: Room 1\nitems:\n  - time: "16:00"\n    title: Welcome\n    papers: [budget, secret-plan]\n` });
    const checked = await cli(['check'], dir);
    expect(checked.stdout).toContain('content/papers/secret-plan.md:9:5  warning  Repeated word');
    const built = await cli(['build', '--format', 'docx', '--out', 'out'], dir);
    expect(built.stderr).not.toMatch(/secret-plan|Zanzibar|merger/i);
    expect(built.stderr).toContain('2 more in or about withheld papers are not shown');
    const final = await cli(['build', '--final', '--format', 'docx', '--out', 'final'], dir);
    expect(final.code).toBe(1);
    expect(final.stderr).not.toMatch(/secret-plan|Zanzibar|merger/i);
    expect(final.stderr).toContain('content/meeting.yaml:1:1  error  The build is refused by 1 more error in or about withheld papers');
    expect(existsSync(path.join(dir, 'final'))).toBe(false);
  });

  it('build prints the worst few of check\'s warnings and counts them all; --verbose prints every one', TIMEOUT, async () => {
    const repeated = Array.from({ length: 7 }, (_, i) => `Paragraph ${i + 1} says the the same thing.`).join('\n\n');
    const dir = smallPack({ 'papers/budget.md': BUDGET_PAPER.replace('The budget grows by ten per cent.', repeated) });
    const checked = await cli(['check'], dir);
    expect(checked.stdout.match(/warning {2}Repeated word "the"/g)).toHaveLength(7);
    const built = await cli(['build', '--format', 'docx', '--out', 'out'], dir);
    expect(built.code).toBe(0);
    expect(built.stderr.match(/warning {2}Repeated word "the"/g)).toHaveLength(5);
    expect(built.stderr).toContain('content/papers/budget.md:7:');
    expect(built.stderr).toContain('Above: the worst 5 of 7 problems the content checks found (0 errors, 7 warnings).');
    const verbose = await cli(['build', '--format', 'docx', '--out', 'out', '--verbose'], dir);
    expect(verbose.stderr.match(/warning {2}Repeated word "the"/g)).toHaveLength(7);
    expect(verbose.stderr).not.toContain('Above: the worst');
    const quiet = await cli(['build', '--format', 'docx', '--out', 'out', '--quiet'], dir);
    expect(quiet.stderr).toBe('');
  });
});
