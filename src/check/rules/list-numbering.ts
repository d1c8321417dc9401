import type { List, Nodes } from 'mdast';
import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const listNumbering: Rule = {
  id: 'list-numbering',
  doc: 'The numbers of an ordered list go up by one (1, 2, 3). Numbers that restart or repeat inside a list (1, 0, 0, 0), typical of pasted Word lists, mean the source numbering was lost; a reader of the Markdown sees different numbers from a reader of the pack. Renumber the items.',
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      const visit = (node: Nodes) => {
        if (node.type === 'list' && (node as List).ordered) {
          let expected: number | undefined;
          for (const item of node.children) {
            const offset = item.position?.start.offset;
            if (offset === undefined) continue;
            const marker = /^(\d+)[.)]/.exec(source.text.slice(offset, offset + 12));
            if (!marker) continue;
            const number = Number(marker[1]);
            if (expected !== undefined && number !== expected) {
              const { line, column } = item.position!.start;
              findings.push({
                file: source.file,
                span: { start: { line, column }, end: { line, column: column + marker[0].length } },
                message: `List item numbered ${number} where ${expected} follows; the list restarts or repeats its numbers. Renumber the items.`,
              });
            }
            expected = number + 1;
          }
        }
        if ('children' in node) for (const child of node.children) visit(child as Nodes);
      };
      if (source.markdown) visit(source.markdown);
    }
    return findings;
  },
  examples: [
    { title: '1, 0, 0', files: { 'papers/a.md': paper('a', 'status: included', '\n1. First\n0. Second\n0. Third\n') }, messages: ['papers/a.md:8:1-8:3: List item numbered 0 where 2 follows; the list restarts or repeats its numbers. Renumber the items.', 'papers/a.md:9:1-9:3: List item numbered 0 where 1 follows; the list restarts or repeats its numbers. Renumber the items.'] },
    { title: '1, 2, 3', files: { 'papers/a.md': paper('a', 'status: included', '\n1. First\n2. Second\n3. Third\n') }, messages: [] },
  ],
};
