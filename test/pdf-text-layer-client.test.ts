/**
 * The text layer as poppler reads it (Debian `poppler-utils`, which `.ci/run` installs):
 * `pdftotext -raw` (content order) gives on every page the text the renderer placed there,
 * for every edition of the default pack and of the multi-script pack, rendered together.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Rendered } from '../src/build/formats.js';
import { describeWithTools } from './helpers/client-tools.js';
import { editionPlans, folded, freshRenderer, PACK_DIRS, renderInOrder } from './helpers/text-layer.js';

describeWithTools(['pdftotext'], 'the PDF text layer in poppler', () => {
  const rendered: { name: string; output: Rendered; file: string }[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-text-layer-'));
    const render = await freshRenderer();
    for (const [pack, content] of Object.entries(PACK_DIRS)) {
      for (const [edition, output] of Object.entries(await renderInOrder(render, await editionPlans(content), ['public', 'committee']))) {
        const file = path.join(dir, `${pack}-${edition}.pdf`);
        writeFileSync(file, output.bytes);
        rendered.push({ name: `${pack} ${edition}`, output, file });
      }
    }
  }, 300_000);

  it('gives on every page of every edition the text placed there', () => {
    expect(rendered).toHaveLength(4);
    for (const { name, output, file } of rendered) {
      const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      // pdftotext ends every page with a form feed.
      const pages = result.stdout.split('\f').slice(0, -1);
      expect(pages.length, name).toBe(output.text!.length);
      pages.forEach((page, index) => expect(folded(page), `${name}, page ${index + 1}`).toBe(folded(output.text![index]!)));
    }
  });
});
