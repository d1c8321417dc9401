/**
 * The default pack checked by the tools people and archives use: qpdf and poppler-utils
 * (Debian packages `qpdf` and `poppler-utils`, which `.ci/run` installs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTools } from './helpers/client-tools.js';
import { defaultPdf, squash } from './helpers/pdf.js';

const run = (tool: string, args: string[]) => spawnSync(tool, args, { encoding: 'utf8' });

describeWithTools(['qpdf', 'pdffonts', 'pdftotext'], 'the PDF in qpdf and poppler-utils', () => {
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
