import { describe, expect, it } from 'vitest';
import { severityOf } from '../src/diagnostics/diagnostic.js';
import { readPack } from '../src/pipeline.js';
import { contentTree, lineOf } from './helpers/trees.js';

// The three faults the foundation must pinpoint, each planted in a copy of the default content.
describe('planted faults in the default content', () => {
  it('the clean content has no diagnostics at all', async () => {
    const { pack, diagnostics } = await readPack(contentTree());
    expect(diagnostics.map(String)).toEqual([]);
    expect(pack).toBeDefined();
  });

  it('a corrupted front matter line gives one diagnostic on that line', async () => {
    let text = '';
    const { diagnostics } = await readPack(
      contentTree({
        'papers/joint-declaration.md': (t) => (text = t.replace(/^title: (.*)$/m, 'title: Joint Declaration: draft: $1')),
      }),
    );
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.file).toBe('content/papers/joint-declaration.md');
    expect(d!.line).toBe(lineOf(text, 'title: Joint Declaration: draft'));
    // yaml reports the nested mapping at the value it cannot parse.
    expect(d!.column).toBe('title: '.length + 1);
    expect(d!.ruleId).toBe('yaml-syntax');
    expect(severityOf(d!)).toBe('error');
  });

  it('an unknown paper id in an agenda item gives one diagnostic at the reference', async () => {
    let text = '';
    const { diagnostics, pack } = await readPack(
      contentTree({ 'sessions/working-level.yaml': (t) => (text = t.replace('- country-updates', '- country-update')) }),
    );
    expect(pack).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.file).toBe('content/sessions/working-level.yaml');
    expect(d!.line).toBe(lineOf(text, '- country-update'));
    expect(d!.column).toBe(text.split('\n')[d!.line! - 1]!.indexOf('country-update') + 1);
    expect(d!.ruleId).toBe('unknown-reference');
    expect(d!.reason).toContain('Did you mean "country-updates"?');
  });

  it('a schema violation gives one diagnostic at the offending value', async () => {
    let text = '';
    const { diagnostics } = await readPack(
      contentTree({ 'sessions/ministerial.yaml': (t) => (text = t.replace("time: '16:45'", "time: '4:45pm'")) }),
    );
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.file).toBe('content/sessions/ministerial.yaml');
    expect(d!.line).toBe(lineOf(text, '4:45pm'));
    expect(d!.column).toBe(text.split('\n')[d!.line! - 1]!.indexOf("'4:45pm'") + 1);
    expect(d!.ruleId).toBe('schema');
    expect(d!.reason).toMatch(/items\[\d+\]\.time.*4:45pm.*HH:MM/);
  });
});
