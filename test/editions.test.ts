import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { editionPack } from '../src/editions/filter.js';
import { readPack } from '../src/pipeline.js';
import { openPdf, pageText } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
const SECRET_TITLE = 'Trust Fund for Ruritania';
const SECRET_SENTENCE = 'The Ruritanian treasury will contribute four million dollars before the end of the year.';

/** The default content with a withheld paper that has a body, a restricted title and an image. */
const withheldContent = () =>
  contentTree({
    'papers/trust-fund-concept-note.md': `---\nid: trust-fund-concept-note\ntitle: ${SECRET_TITLE}\npublic_title: Draft OGP Trust Fund concept note\nstatus: withheld\nreason: pre-decision\n---\n\n${SECRET_SENTENCE}\n\n![Ruritanian budget chart](ruritania.png)\n`,
    'papers/ruritania.png': PNG,
  });

describe('the edition filter', () => {
  it('leaves a withheld document only its public title, status and reason', async () => {
    const { pack } = await readPack(withheldContent());
    expect(pack!.images!.has('papers/ruritania.png')).toBe(true);
    const filtered = editionPack(pack!, pack!.editions[0]!);
    expect(filtered.documents.has('trust-fund-concept-note')).toBe(false);
    const doc = filtered.documents.get('withheld-2')!;
    expect(doc).toMatchObject({ title: 'Draft OGP Trust Fund concept note', status: 'withheld', reason: 'pre-decision', listedOnly: true });
    expect(doc.body.children).toEqual([]);
    expect(filtered.images!.has('papers/ruritania.png')).toBe(false);
    expect(filtered.documents.get('joint-declaration')).toBe(pack!.documents.get('joint-declaration'));
  });

  it('keeps every word of a withheld paper out of the built PDF, DOCX and manifest', async () => {
    const { outputs, diagnostics } = await buildPack(withheldContent(), FORMATS, {});
    expect(diagnostics.filter((d) => d.fatal)).toEqual([]);
    const byName = new Map(outputs!.map((o) => [o.name.split('.').pop(), o.bytes]));

    const pdf = await openPdf(byName.get('pdf')!);
    const pages = await Promise.all(Array.from({ length: pdf.numPages }, (_, i) => pageText(pdf, i)));
    const pdfText = pages.join('\n');
    expect(pdfText).toContain('Draft OGP Trust Fund concept note');
    expect(pdfText).toContain('withheld as pre-decision');

    const zip = await JSZip.loadAsync(byName.get('docx')!);
    const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
    const docxText = parts.join('\n');
    expect(docxText).toContain('Draft OGP Trust Fund concept note');
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(false);

    const manifest = new TextDecoder().decode(byName.get('json')!);
    for (const text of [pdfText, docxText, manifest]) {
      expect(text).not.toContain('Ruritania');
      expect(text).not.toContain('four million dollars');
    }
  });
});
