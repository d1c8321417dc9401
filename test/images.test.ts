import { describe, expect, it } from 'vitest';
import { readPack } from '../src/pipeline.js';
import { contentTree } from './helpers/trees.js';

/** A 4×3 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
const withImage = (markdown: string) => (text: string) => `${text}\n${markdown}\n`;

describe('images', () => {
  it('are read relative to the paper that shows them, with their pixel size', async () => {
    const { pack, diagnostics } = await readPack(
      contentTree({ 'papers/joint-declaration.md': withImage('![A red square](figures/red.png)'), 'papers/figures/red.png': PNG }),
    );
    expect(diagnostics).toEqual([]);
    expect(pack!.images!.get('papers/figures/red.png')).toMatchObject({ type: 'png', width: 4, height: 3 });
  });

  it.each([
    ['missing', '![Chart](chart.png)', /Image "chart.png" not found: there is no papers\/chart.png/],
    ['remote', '![Chart](https://example.org/chart.png)', /is not a file in the content directory/],
    ['outside the content', '![Chart](../../secret.png)', /outside the content directory/],
    ['not an image', '![Chart](../meeting.yaml)', /is not a PNG or JPEG image/],
    ['not a valid path', '![Chart](100%.png)', /is not a valid path/],
  ])('are errors at the image when %s', async (_, markdown, message) => {
    const { pack, diagnostics } = await readPack(contentTree({ 'papers/joint-declaration.md': withImage(markdown) }));
    expect(pack).toBeUndefined();
    const [d] = diagnostics;
    expect(d).toMatchObject({ file: 'content/papers/joint-declaration.md', ruleId: 'image', line: 32, column: 1 });
    expect(d!.reason).toMatch(message);
  });
});
