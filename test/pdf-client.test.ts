/**
 * The default pack checked by the tools people and archives use: qpdf and poppler-utils.
 * CI installs both (`qpdf`, `poppler-utils`); where they are missing locally the tests are skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPdf, squash } from './helpers/pdf.js';

const available = (tool: string) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;
const missing = ['qpdf', 'pdffonts', 'pdftotext'].filter((tool) => !available(tool));
if (missing.length > 0) console.warn(`Skipping the PDF client tests: ${missing.join(', ')} not installed (apt-get install qpdf poppler-utils).`);

const run = (tool: string, args: string[]) => spawnSync(tool, args, { encoding: 'utf8' });

describe.skipIf(missing.length > 0)('the PDF in qpdf and poppler-utils', () => {
  let file: string;
  beforeAll(async () => {
    const { bytes } = await defaultPdf();
    file = path.join(mkdtempSync(path.join(tmpdir(), 'ogp-pdf-')), 'pack.pdf');
    writeFileSync(file, bytes);
  }, 60_000);

  it('passes qpdf --check', () => {
    const result = run('qpdf', ['--check', file]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
    expect(result.status).toBe(0);
  });

  it('embeds every font, as pdffonts reports', () => {
    const result = run('pdffonts', [file]);
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row, row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it('gives text in which names with accents are spelled right', () => {
    const result = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(result.status).toBe(0);
    const text = squash(result.stdout);
    for (const name of ['Ernesto Velasco-Sánchez', 'Trócaire', 'Hernán Larraín', 'São Paulo']) expect(text).toContain(name);
  });
});
