import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { INIT_TEMPLATE_DIR, packId, SCHEMA_URL, schemaHint } from '../src/init/scaffold.js';
import { SCHEMA_DIR } from '../src/validate/schemas.js';
import { cli, filesIn } from './helpers/cli.js';
import { openPdf, pageText } from './helpers/pdf.js';

const SCAFFOLD = [
  'data/comparison-table.yaml',
  'meeting.yaml',
  'papers/background-paper.md',
  'papers/biographies.md',
  'papers/withheld-paper.md',
  'people/person-name.md',
  'sessions/first-session.yaml',
  'sessions/second-session.yaml',
  'words.txt',
  'working-groups/example-working-group.md',
];

const temporary = () => mkdtempSync(path.join(tmpdir(), 'ogp-init-'));

/** The text of every page of a PDF, as a viewer extracts it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes);
  const pages = [];
  for (let i = 0; i < pdf.numPages; i++) pages.push(await pageText(pdf, i));
  return pages.join(' ');
}

/** Every part of a DOCX package as text: document, headers, footers, properties, relationships. */
async function docxParts(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts.join('\n');
}

describe('ogp-pack init', () => {
  let cwd: string;
  let init: Awaited<ReturnType<typeof cli>>;
  const meeting = () => path.join(cwd, 'meetings/2026-04 Cape Town');

  beforeAll(async () => {
    cwd = temporary();
    init = await cli(['init', 'meetings/2026-04 Cape Town'], cwd);
  });

  it('writes every file of templates/init/ and says what to run next', () => {
    expect(init.code).toBe(0);
    expect(init.stderr).toBe('');
    expect([...filesIn(meeting()).keys()]).toEqual(SCAFFOLD);
    expect([...filesIn(INIT_TEMPLATE_DIR).keys()]).toEqual(SCAFFOLD);
    expect(init.stdout.split('\n').slice(0, SCAFFOLD.length)).toEqual(SCAFFOLD.map((f) => `created ${path.join('meetings/2026-04 Cape Town', f)}`));
    expect(init.stdout).toContain('its dates are examples (2099-01-05)');
    expect(init.stdout).toMatch(/Next:\n {2}ogp-pack check "meetings\/2026-04 Cape Town"\n {2}ogp-pack build "meetings\/2026-04 Cape Town"\n$/);
  });

  it('fills every placeholder: the pack id from the directory name, the example dates and their weekdays', () => {
    const text = [...filesIn(meeting()).values()].map(String).join('\n');
    expect(text).not.toMatch(/\{[a-z_]+\}/);
    const meetingYaml = readFileSync(path.join(meeting(), 'meeting.yaml'), 'utf8');
    expect(meetingYaml).toContain('\npack: 2026-04-cape-town\n');
    expect(meetingYaml).toContain('\ndates:\n  start: 2099-01-05\n  end: 2099-01-06\n');
    expect(readFileSync(path.join(meeting(), 'sessions/first-session.yaml'), 'utf8')).toContain('\nweekday: Monday\ndate: 2099-01-05\n');
    expect(readFileSync(path.join(meeting(), 'sessions/second-session.yaml'), 'utf8')).toContain('\nweekday: Tuesday\ndate: 2099-01-06\n');
  });

  it('names on each YAML file\'s first line its schema, by the URL of the schema\'s $id when ogp-pack is not in the meeting\'s project', () => {
    const expected: Record<string, string> = {
      'meeting.yaml': 'meeting',
      'sessions/first-session.yaml': 'session',
      'sessions/second-session.yaml': 'session',
      'data/comparison-table.yaml': 'table',
    };
    const yamlFiles = SCAFFOLD.filter((f) => f.endsWith('.yaml'));
    expect(yamlFiles.sort()).toEqual(Object.keys(expected).sort());
    for (const file of yamlFiles) {
      const first = readFileSync(path.join(meeting(), file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, file).not.toBeNull();
      // The same in every clone: the schema's own $id, not a path into wherever ogp-pack was installed.
      const schema = JSON.parse(readFileSync(path.join(fileURLToPath(SCHEMA_DIR), `${expected[file]}.schema.json`), 'utf8')) as { $id: string };
      expect(match![1]).toBe(schema.$id);
    }
  });

  it('names the schemas by a relative path when ogp-pack is installed in the meeting\'s own project, as a clone has it after npm ci', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'ogp-project-'));
    writeFileSync(path.join(project, 'package.json'), '{}\n');
    const schemas = path.join(project, 'node_modules/ogp-pack/schemas');
    mkdirSync(schemas, { recursive: true });
    expect(schemaHint(path.join(project, 'meetings/2026-04/sessions'), schemas)).toBe('../../../node_modules/ogp-pack/schemas');
    // A meeting outside that project, or ogp-pack outside the meeting's project: the URL.
    expect(schemaHint(path.join(tmpdir(), 'elsewhere'), schemas)).toBe(SCHEMA_URL);
    expect(schemaHint(path.join(project, 'meetings/2026-04'), path.join(tmpdir(), 'global/ogp-pack/schemas'))).toBe(SCHEMA_URL);
  });

  it('passes ogp-pack check with no errors and no warnings', async () => {
    const { code, stdout, stderr } = await cli(['check', 'meetings/2026-04 Cape Town'], cwd);
    expect(stderr).toBe('');
    // Its placeholders are listed, as information: `check --final` refuses them (test/final.test.ts).
    const [summary, ...rest] = stdout.trimEnd().split('\n');
    expect(summary).toBe('✖ 0 errors, ⚠ 0 warnings');
    expect(rest.length).toBeGreaterThan(0);
    for (const line of rest) expect(line).toMatch(/^ℹ .*  scaffold$/);
    expect(code).toBe(0);
  });

  it('builds both editions as PDF and DOCX: the included paper in each, the withheld paper only in the committee edition', { timeout: 120_000 }, async () => {
    const out = temporary();
    const { code, stdout, stderr } = await cli(['build', 'meetings/2026-04 Cape Town', '--out', out], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.match(/^wrote .*$/gm)).toHaveLength(4);
    const names = ['public/public.pdf', 'public/public.docx', 'committee/committee.pdf', 'committee/committee.docx'].map((s) => s.replace('/', '/2026-04-cape-town-'));
    for (const edition of ['public', 'committee']) expect(readdirSync(path.join(out, edition)).sort()).toEqual([...['docx', 'pdf'].map((f) => `2026-04-cape-town-${edition}.${f}`), 'manifest.json']);

    const withheld = readFileSync(path.join(meeting(), 'papers/withheld-paper.md'), 'utf8');
    const canary = /^canary: (.+)$/m.exec(withheld)![1]!;
    expect(canary).toMatch(/^canary-\d+$/);
    expect(withheld.split('---')[2]).toContain(`it is found: ${canary}.`);
    const included = 'Replace this paragraph with the section\'s text.';
    const tableCell = 'Replace with another attribute';
    // Worded unlike the public placeholders, so that check finds no run of words they share.
    const withheldBody = 'Put the withheld paper\'s text here, in place of this paragraph.';
    const restrictedTitle = 'Replace with the restricted title of the withheld paper';
    const publicTitle = 'Replace with the title the public edition may show';

    const read = (name: string) => new Uint8Array(readFileSync(path.join(out, name)));
    const texts = {
      publicPdf: await pdfText(read(names[0]!)),
      publicDocx: (await mammoth.extractRawText({ buffer: Buffer.from(read(names[1]!)) })).value,
      committeePdf: await pdfText(read(names[2]!)),
      committeeDocx: (await mammoth.extractRawText({ buffer: Buffer.from(read(names[3]!)) })).value,
    };
    for (const [output, text] of Object.entries(texts)) {
      expect(text, output).toContain(included);
      expect(text, output).toContain(tableCell);
      expect(text, output).toContain('Replace this paragraph with the person\'s biography');
      expect(text, output).toContain('Replace this paragraph with what the working group does');
    }
    for (const [output, text] of [['public pdf', texts.publicPdf], ['public docx', texts.publicDocx]] as const) {
      expect(text, output).toContain(publicTitle);
      expect(text, output).not.toContain(withheldBody);
      expect(text, output).not.toContain(restrictedTitle);
      expect(text, output).not.toContain(canary);
    }
    // Nowhere in the public package either: not in a header, a property or a relationship.
    expect(await docxParts(read(names[1]!))).not.toContain(canary);
    for (const [output, text] of [['committee pdf', texts.committeePdf], ['committee docx', texts.committeeDocx]] as const) {
      expect(text, output).toContain(withheldBody);
      expect(text, output).toContain(restrictedTitle);
      expect(text, output).toContain(canary);
    }
  });

  it('refuses to write into a directory that has any of its files, naming them, and leaves everything as it was', async () => {
    writeFileSync(path.join(meeting(), 'papers/background-paper.md'), 'edited by the secretariat');
    const before = filesIn(meeting());
    const again = await cli(['init', 'meetings/2026-04 Cape Town'], cwd);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      `ogp-pack init: meetings/2026-04 Cape Town already has ${SCAFFOLD.join(', ')}. init never replaces a file, so nothing was written. Name a new directory, or move those files away.\n`,
    );
    expect(filesIn(meeting())).toEqual(before);
  });

  it('writes nothing at all when only one of its files is in the way', async () => {
    const dir = temporary();
    mkdirSync(path.join(dir, 'sessions'));
    writeFileSync(path.join(dir, 'sessions/second-session.yaml'), 'id: kept\n');
    const { code, stderr } = await cli(['init', '.'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(' already has sessions/second-session.yaml. init never replaces a file');
    expect([...filesIn(dir).keys()]).toEqual(['sessions/second-session.yaml']);
    expect(readFileSync(path.join(dir, 'sessions/second-session.yaml'), 'utf8')).toBe('id: kept\n');
  });

  it('writes beside unrelated files, such as a repository\'s README', async () => {
    const dir = path.join(temporary(), 'board');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'README.md'), 'notes');
    expect((await cli(['init', 'board'], path.dirname(dir))).code).toBe(0);
    expect([...filesIn(dir).keys()]).toEqual([...SCAFFOLD, 'README.md'].sort());
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('notes');
  });

  it('refuses a target that is a file', async () => {
    const dir = temporary();
    writeFileSync(path.join(dir, 'pack'), 'a file');
    const { code, stderr } = await cli(['init', 'pack'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('ogp-pack init: pack is a file, not a directory. Name a new or empty directory, e.g. `ogp-pack init meetings/2026-04`.\n');
  });

  it('with --date, dates the meeting and its sessions from the day given; refuses a day that is not one', async () => {
    const dir = temporary();
    const { code, stdout } = await cli(['init', 'next', '--date', '2026-04-20'], dir);
    expect(code).toBe(0);
    expect(stdout).not.toContain('examples');
    expect(readFileSync(path.join(dir, 'next/meeting.yaml'), 'utf8')).toContain('\n  start: 2026-04-20\n  end: 2026-04-21\n');
    expect(readFileSync(path.join(dir, 'next/sessions/second-session.yaml'), 'utf8')).toContain('\nweekday: Tuesday\ndate: 2026-04-21\n');
    expect((await cli(['check', 'next', '--quiet'], dir)).stdout).toBe('✖ 0 errors, ⚠ 0 warnings\n');

    const wrong = await cli(['init', 'other', '--date', '2026-02-30'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('ogp-pack init: --date must be the meeting\'s first day as YYYY-MM-DD, e.g. 2026-04-20, not "2026-02-30".\n');
    expect(existsSync(path.join(dir, 'other'))).toBe(false);
  });

  it('needs a directory, and explains itself in --help', async () => {
    expect((await cli(['init'], temporary())).code).toBe(2);
    const help = await cli(['init', '--help'], temporary());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ogp-pack init [options] <dir>');
    expect(help.stdout).toContain('ogp-pack init meetings/2026-04-cape-town --date 2026-04-20');
    expect((await cli(['--help'], temporary())).stdout).toMatch(/\n {2}init \[options\] <dir> +Start a new meeting/);
  });
});

describe('packId', () => {
  it('makes a valid pack id of any directory name', () => {
    expect(packId('2026-04 Cape Town')).toBe('2026-04-cape-town');
    expect(packId('Réunion_de_Genève')).toBe('reunion-de-geneve');
    expect(packId('--x--')).toBe('x');
    expect(packId('…')).toBe('meeting');
  });
});

describe('ogp-pack init, when the file system is in the way', () => {
  it('names a file standing where one of its directories should be, and writes nothing', async () => {
    const dir = temporary();
    writeFileSync(path.join(dir, 'papers'), 'a file, not a directory');
    const { code, stderr } = await cli(['init', '.'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('ogp-pack init: . already has papers. init never replaces a file');
    expect([...filesIn(dir).keys()]).toEqual(['papers']);
  });

  it('reports a directory that cannot be made as such, not as a bug, and leaves nothing behind', async () => {
    const dir = temporary();
    writeFileSync(path.join(dir, 'notes'), 'a file');
    const inside = await cli(['init', 'notes/next'], dir);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/^ogp-pack init: cannot write the new meeting to notes\/next: .*ENOTDIR.*\nNothing was written\.\n$/);

    const long = await cli(['init', `new/${'x'.repeat(300)}`], dir);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/^ogp-pack init: cannot write the new meeting to new\/x+: .*ENAMETOOLONG.*\nNothing was written\.\n$/);
    expect([...filesIn(dir).keys()]).toEqual(['notes']);
    expect(readdirSync(dir)).toEqual(['notes']);
  });
});
