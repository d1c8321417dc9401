import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/load/markdown.js';
import { markdownToDocx, needsIteratorHelpers } from '../src/render/docx/engine.js';

const nodeMajor = Number(process.versions.node.split('.')[0]);

describe('remark-docx engine', () => {
  it('knows whether this Node.js lacks iterator helpers (Node 20 does, Node 22 and later do not)', () => {
    // Runs before anything has loaded the DOCX engine, so it sees the runtime as it is.
    expect(needsIteratorHelpers()).toBe(nodeMajor < 22);
  });

  it('compiles Markdown to a DOCX that an independent reader opens, on this Node.js', async () => {
    const docx = await markdownToDocx(parseMarkdown('# Biographies\n\nErnesto Velasco-Sánchez worked with **Trócaire** and *Hernán Larraín*.\n\n1. first\n2. second\n'));
    expect(needsIteratorHelpers()).toBe(false);
    expect(new TextDecoder().decode(docx.subarray(0, 2))).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    expect(value).toContain('Biographies');
    expect(value).toContain('Ernesto Velasco-Sánchez worked with Trócaire and Hernán Larraín.');
    expect(value).toContain('first');
  });

  it('loads remark-docx without Mermaid, MathJax or Shiki, which only its unused plugins import, and those plugins fail to load', async () => {
    await expect(import('remark-docx')).resolves.toHaveProperty('default');
    for (const plugin of ['mermaid', 'latex', 'shiki']) await expect(import(`remark-docx/plugins/${plugin}`), plugin).rejects.toThrow();
    for (const name of ['mermaid', '@mathjax/src', 'shiki']) {
      const manifest = JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url)), 'utf8')) as { version: string };
      expect(manifest.version, name).toBe('0.0.0-absent');
    }
  });
});
