import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fontPath, LABEL_LANGUAGES, loadLayout, TEMPLATE_DIR } from '../src/plan/template.js';
import { memoryTree } from '../src/io/source-tree.js';
import { cli } from './helpers/cli.js';
import { all, openDocx, W } from './helpers/docx.js';
import { solidPng } from './helpers/png.js';
import { smallPack } from './helpers/small-pack.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const labelSet = (language: string) => parse(readFileSync(path.join(TEMPLATE_DIR, 'labels', `${language}.yaml`), 'utf8')) as { language: string; labels: Record<string, unknown> };

/** Every key path of a mapping, `status.withheld` for nested ones. */
function keyPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) => (typeof v === 'object' && v !== null ? keyPaths(v as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`])).sort();
}

/** `pdftotext` of a whole PDF, footers included. */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('label sets', () => {
  it('every language has every label the English set has, and nothing else', () => {
    const english = keyPaths(labelSet('en').labels);
    expect(english.length).toBeGreaterThan(15);
    for (const language of LABEL_LANGUAGES) expect(keyPaths(labelSet(language).labels), language).toEqual(english);
    expect(readdirSync(path.join(TEMPLATE_DIR, 'labels')).sort()).toEqual(LABEL_LANGUAGES.map((l) => `${l}.yaml`).sort());
  });

  it('each language gives a valid layout whose labels are that set', async () => {
    for (const language of LABEL_LANGUAGES) {
      const { layout, diagnostics } = await loadLayout(undefined, { language });
      expect(diagnostics, language).toEqual([]);
      expect(layout!.labels).toEqual(labelSet(language).labels);
      expect(layout!.language).toBe(labelSet(language).language);
    }
  });
});

describe('a Spanish pack', () => {
  const meeting = `${MINIMAL_MEETING.replace('sessions: [only]', 'sessions: [only]\nlanguage: es')}`;
  const session = MINIMAL_SESSION.replace('date: 2015-10-26', 'weekday: lunes\ndate: 2015-10-26');

  it('prints its labels, dates and weekdays in Spanish, in PDF and DOCX', async () => {
    const dir = smallPack({ 'meeting.yaml': meeting, 'sessions/only.yaml': `${session}    papers: [budget]\n` });
    const { code, stderr } = await cli(['build', 'content', '--edition', 'public', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const pdf = pdfText(path.join(dir, 'out/public/test-pack-public.pdf'));
    expect(pdf).toMatch(/Página 2 de 4/);
    expect(pdf).toContain('Índice');
    expect(pdf).toContain('Orden del día: The only session');
    expect(pdf).toContain('lunes 26 de octubre de 2015');
    expect(pdf).toContain('Edición Public');
    expect(pdf).not.toMatch(/\bPage \d|Contents|Agenda:|October/);
    const docx = readFileSync(path.join(dir, 'out/public/test-pack-public.docx'));
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain('Índice');
    expect(text).toContain('lunes 26 de octubre de 2015');
    expect(text).not.toMatch(/Contents|October/);
    const { zip } = await openDocx(docx);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.join('')).toContain('Página ');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:language>es</dc:language>');
  });

  it('checks weekdays in Spanish', async () => {
    const good = smallPack({ 'meeting.yaml': meeting, 'sessions/only.yaml': `${session}    papers: [budget]\n` });
    expect((await cli(['check', '--quiet'], good)).code).toBe(0);
    const wrong = smallPack({ 'meeting.yaml': meeting, 'sessions/only.yaml': `${session.replace('lunes', 'martes')}    papers: [budget]\n` });
    const { code, stdout } = await cli(['check', '--quiet'], wrong);
    expect(code).toBe(1);
    expect(stdout).toContain('content/sessions/only.yaml:3:10  error  The session is on 2015-10-26, a lunes, but `weekday` says martes.');
  });
});

describe("a pack's own layout", () => {
  const layout = ['colours:', "  accent: '#7b2d8b'", 'logo: house/logo.png', 'sizes:', '  logo: 36', 'labels:', '  contents: Table of contents', ''].join('\n');

  it('is merged over the built-in one: its colours, labels and a cover logo in PDF and DOCX', async () => {
    const dir = smallPack({ 'layout.yaml': layout });
    execFileSync('mkdir', ['-p', path.join(dir, 'content/house')]);
    writeFileSync(path.join(dir, 'content/house/logo.png'), solidPng(120, 40, [123, 45, 139]));
    const { code, stderr } = await cli(['build', 'content', '--edition', 'public', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const pdfFile = path.join(dir, 'out/public/test-pack-public.pdf');
    expect(pdfText(pdfFile)).toContain('Table of contents');
    // pdfimages: one image, on the cover, 120 × 40 pixels.
    const images = execFileSync('pdfimages', ['-list', pdfFile], { encoding: 'utf8' }).trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    expect(images.map(([page, , , width, height]) => [page, width, height])).toEqual([['1', '120', '40']]);
    const docx = readFileSync(path.join(dir, 'out/public/test-pack-public.docx'));
    const { zip, xml } = await openDocx(docx);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
    const body = await xml('word/document.xml');
    const firstDrawing = body.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'docPr')[0]!;
    expect(firstDrawing.getAttribute('descr')).toBe('Test organisation');
    // The logo is in the cover's first paragraph, 36 pt high (EMU: 12700 a point), 3 times as wide.
    const extent = body.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'extent')[0]!;
    expect(Number(extent.getAttribute('cy'))).toBe(36 * 12700);
    expect(Number(extent.getAttribute('cx'))).toBe(108 * 12700);
    expect(all(all(body, 'p')[0]!, 'drawing')).toHaveLength(1);
    const styles = await openDocx(docx).then((d) => d.xml('word/styles.xml'));
    expect(all(styles, 'color').map((c) => c.getAttributeNS(W, 'val'))).toContain('7B2D8B');
  });

  it('reports its errors at their lines in check and build, and nothing is written', async () => {
    const dir = smallPack({ 'layout.yaml': "colours:\n  accent: purple\npage:\n  size: A5\n" });
    const { code, stdout } = await cli(['check', '--quiet'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('content/layout.yaml:2:11  error');
    expect(stdout).toContain('content/layout.yaml:4:9  error');
    const build = await cli(['build', '--format', 'pdf', '--out', 'out'], dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('content/layout.yaml:2:11');
    expect(build.stderr).toContain('Nothing was written');
  });

  it('may not read a font or logo outside the pack\'s directory', async () => {
    const tree = memoryTree({ 'layout.yaml': "logo: ../secret.png\nfonts:\n  files:\n    bold: /etc/passwd\n" }, 'content');
    const { layout, diagnostics } = await loadLayout(undefined, { pack: { tree, file: 'layout.yaml' } });
    expect(layout).toBeUndefined();
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message.split(';')[0]])).toEqual([
      ['layout-font', 4, 'The bold font `/etc/passwd` is outside the pack\'s directory'],
      ['layout-logo', 1, 'The logo `../secret.png` is outside the pack\'s directory'],
    ]);
  });

  it('reads its fonts relative to itself, from the pack\'s tree', async () => {
    const bold = readFileSync(fontPath('@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf'));
    const tree = memoryTree({ 'house/layout.yaml': 'fonts:\n  files:\n    bold: type/heading.ttf\n', 'house/type/heading.ttf': bold }, 'content');
    const { layout, fonts, diagnostics } = await loadLayout(undefined, { pack: { tree, file: 'house/layout.yaml' } });
    expect(diagnostics).toEqual([]);
    expect(layout!.fonts.files.bold).toBe('type/heading.ttf');
    expect(Buffer.from(fonts!.bold).equals(bold)).toBe(true);
    // The other faces stay the built-in ones.
    expect(Buffer.from(fonts!.regular).equals(bold)).toBe(false);
    const missing = await loadLayout(undefined, { pack: { tree: memoryTree({ 'layout.yaml': 'fonts:\n  files:\n    bold: type/none.ttf\n' }), file: 'layout.yaml' } });
    expect(missing.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['layout-font', 3]]);
  });

  it('may be empty, or only comments, and then changes nothing', async () => {
    const { layout: builtIn } = await loadLayout();
    const tree = memoryTree({ 'layout.yaml': '# The house style, to come.\n' }, 'content');
    const { layout, diagnostics } = await loadLayout(undefined, { pack: { tree, file: 'layout.yaml' } });
    expect(diagnostics).toEqual([]);
    expect(layout).toEqual(builtIn);
  });

  it('--layout FILE names a house style outside the meeting, with its logo beside it', async () => {
    const dir = smallPack();
    execFileSync('mkdir', ['-p', path.join(dir, 'house')]);
    writeFileSync(path.join(dir, 'house/style.yaml'), "logo: logo.png\nlabels:\n  contents: House contents\n");
    writeFileSync(path.join(dir, 'house/logo.png'), solidPng(30, 30, [0, 0, 0]));
    const { code, stderr } = await cli(['build', '--layout', 'house/style.yaml', '--edition', 'public', '--format', 'pdf', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(pdfText(path.join(dir, 'out/public/test-pack-public.pdf'))).toContain('House contents');
    const missing = await cli(['check', '--layout', 'house/none.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no layout file at house/none.yaml');
  });
});



describe('watch and the house style', () => {
  /** Waits for a condition, checking every 50 ms; the machine is slow and shared, so the limit is generous. */
  async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('rebuilds when the pack\'s layout.yaml or the --layout file changes', { timeout: 240_000 }, async () => {
    const { watch } = await import('../src/cli/watch.js');
    const dir = smallPack({ 'layout.yaml': 'labels:\n  contents: First contents\n' });
    execFileSync('mkdir', ['-p', path.join(dir, 'house')]);
    let stdout = '';
    const io = { cwd: dir, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
    const docx = async () => (await mammoth.extractRawText({ buffer: readFileSync(path.join(dir, 'out/public/test-pack-public.docx')) })).value;
    const rebuilds = () => stdout.match(/ rebuilt in /g)?.length ?? 0;

    const stop = new AbortController();
    const watching = watch('content', { format: 'docx', edition: 'public', out: 'out', debounceMs: 50 }, io, stop.signal);
    try {
      await until(() => stdout.includes(' built in '), 'the first build');
      expect(await docx()).toContain('First contents');
      writeFileSync(path.join(dir, 'content/layout.yaml'), 'labels:\n  contents: Second contents\n');
      await until(() => rebuilds() === 1, 'the rebuild after the layout changed');
      expect(await docx()).toContain('Second contents');
    } finally {
      stop.abort();
    }
    expect(await watching).toBe(0);

    writeFileSync(path.join(dir, 'house/style.yaml'), 'labels:\n  contents: House contents\n');
    stdout = '';
    const again = new AbortController();
    const watchingHouse = watch('content', { format: 'docx', edition: 'public', out: 'out', debounceMs: 50, layout: 'house/style.yaml' }, io, again.signal);
    try {
      await until(() => stdout.includes(' built in '), 'the first build with --layout');
      expect(await docx()).toContain('House contents');
      writeFileSync(path.join(dir, 'house/style.yaml'), 'labels:\n  contents: Renamed contents\n');
      await until(() => rebuilds() === 1, 'the rebuild after the --layout file changed');
      expect(await docx()).toContain('Renamed contents');
    } finally {
      again.abort();
    }
    expect(await watchingHouse).toBe(0);
  });
});
