import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { formatReference } from '../scripts/format-reference.mjs';

const reference = formatReference as () => { markdown: string; missing: string[] };

describe('docs/format.md, the source format reference', () => {
  it('is what scripts/format-reference.mjs makes of the current schemas', () => {
    const committed = readFileSync(new URL('../docs/format.md', import.meta.url), 'utf8');
    expect(committed, 'run `node scripts/format-reference.mjs`').toBe(reference().markdown);
  });

  it('has a description for every field of every schema', () => {
    expect(reference().missing, 'add a `description` to each of these fields in schemas/').toEqual([]);
  });

  it('lists every field of every source kind, nested ones by their path, with its type and whether it is required', () => {
    const { markdown } = reference();
    expect(markdown).toContain('| `dates.start` | [date](#shared-types) | yes | The first day. |');
    expect(markdown).toMatch(/\| `items\[\]\.papers` \| list of \[id\]\(#shared-types\) \| {2}\|/);
    expect(markdown).toMatch(/\| `language` \| one of `en`, `es`, `fr` \| {2}\| .* Default: `en`\. \|/);
    expect(markdown).toContain('| `logo` | string |  | A PNG or JPEG image drawn at the top of the cover');
    for (const title of ['## Meeting', '## Session', '## Paper', '## Person', '## Working-group sheet', '## Layout']) expect(markdown).toContain(title);
  });

  it('is linked from the README', () => {
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain('(docs/format.md)');
  });
});
