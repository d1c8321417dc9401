import { describe, expect, it } from 'vitest';
import { severityOf, sortDiagnostics, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { exampleTree } from '../src/check/examples.js';
import { RULES } from '../src/check/registry.js';
import { runCheck } from '../src/check/run.js';

/** A diagnostic as rule examples write it: `path:line:column[-endLine:endColumn]: message`. */
function asExample(d: Diagnostic): string {
  const end = d.place && 'end' in d.place ? `-${d.place.end.line}:${d.place.end.column}` : '';
  return `${d.file}:${d.line}:${d.column}${end}: ${d.reason}`;
}

describe('the rule registry', () => {
  it('has unique ids, a doc and both passing and failing examples for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.doc.length, rule.id).toBeGreaterThan(40);
      expect(rule.examples.some((e) => e.messages.length > 0), `${rule.id} has a failing example`).toBe(true);
      expect(rule.examples.some((e) => e.messages.length === 0), `${rule.id} has a passing example`).toBe(true);
    }
  });

  it('starts every example from a meeting that passes every rule', async () => {
    expect((await runCheck(exampleTree({}))).map(asExample)).toEqual([]);
  });
});

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    for (const example of rule.examples) {
      it(example.title, async () => {
        // Only this rule runs: the rules report independently, and the base meeting passes them all (above).
        const diagnostics = (await runCheck(exampleTree(example.files), { final: example.final, rules: [rule] })).filter((d) => d.ruleId === rule.id);
        expect(sortDiagnostics(diagnostics).map(asExample).sort()).toEqual([...example.messages].sort());
        for (const d of diagnostics) expect(severityOf(d)).toBe(example.severity ?? (example.final && rule.final ? 'error' : rule.severity));
      });
    }
  });
}
