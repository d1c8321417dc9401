import { at, documents } from '../documents.js';
import { examplePaper as paper, exampleSession } from '../examples.js';
import type { Rule } from '../rule.js';

export const unreferencedPaper: Rule = {
  id: 'unreferenced-paper',
  doc: 'A paper or working-group sheet that no agenda item lists and that is not in the annex cannot be found from any agenda: a reader meets it with no idea why it is in the pack. List it under the `papers` of the item it supports, put it in the annex (`part: annex` with `order`), or remove it.',
  severity: 'warning',
  check(context) {
    const listed = new Set(context.validated.sessions.flatMap((s) => s.value.items.flatMap((item) => item.papers ?? [])));
    return documents(context)
      .filter((d) => !listed.has(d.value.id) && d.value.part !== 'annex')
      .map((d) => at(d, ['id'], `Paper "${d.value.id}" is listed by no agenda item and is not in the annex. Add it to an item's \`papers\`, or set \`part: annex\` with an \`order\`.`));
  },
  examples: [
    {
      title: 'a paper no agenda lists',
      files: { 'papers/budget.md': paper('budget', 'status: to-follow') },
      messages: ['papers/budget.md:2:5-2:11: Paper "budget" is listed by no agenda item and is not in the annex. Add it to an item\'s `papers`, or set `part: annex` with an `order`.'],
    },
    {
      title: 'a paper an agenda item lists',
      files: { 'papers/budget.md': paper('budget', 'status: to-follow'), 'sessions/only.yaml': exampleSession({ times: ['16:00'] }).replace('title: Item 1', 'title: Item 1\n    papers: [budget]') },
      messages: [],
    },
  ],
};
