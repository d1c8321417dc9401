/** The changes between two circulations as `diff` prints them: text for people, Markdown for a pull-request comment, JSON for programs. */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { fill, type Layout } from '../plan/template.js';
import type { Changes } from './compare.js';
import { changesBody, longDate } from './plan.js';

export type DiffFormat = 'text' | 'json' | 'markdown';

/** Characters that would start Markdown formatting inside a title. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);

export function formatChanges(changes: Changes, labels: Layout['labels']['changes'], language: string, format: DiffFormat, edition: string): string {
  if (format === 'json') return `${JSON.stringify({ edition, ...changes }, null, 2)}\n`;
  const title = fill(labels.title, { date: longDate(changes.since, language) });
  const body: Root = changesBody(changes, labels);
  const lines: string[] = format === 'markdown' ? [`### ${escapeMarkdown(title)} (${escapeMarkdown(edition)} edition)`, ''] : [`${title} (${edition} edition)`, ''];
  for (const node of body.children) {
    if (node.type === 'heading') lines.push(format === 'markdown' ? `#### ${escapeMarkdown(toString(node))}` : toString(node));
    else if (node.type === 'list') {
      for (const item of node.children) lines.push(`${format === 'markdown' ? '-' : '  -'} ${format === 'markdown' ? escapeMarkdown(toString(item)) : toString(item)}`);
      lines.push('');
    } else lines.push(toString(node), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
