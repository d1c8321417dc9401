import type { CheckContext, Finding } from './rule.js';
import { proseSpan, type Prose } from './text.js';

/** A finding inside one run of prose: characters [start, end) of its text. */
export interface ProseFinding {
  start: number;
  end: number;
  message: string;
}

/** Runs `find` over every run of prose and places what it finds in the source files. */
export function checkProse(context: CheckContext, find: (prose: Prose) => ProseFinding[]): Finding[] {
  return context.prose().flatMap((prose) =>
    find(prose).map(({ start, end, message }) => ({ file: prose.source.file, span: proseSpan(prose, context.fileText(prose.source), start, end), message })),
  );
}

/** Whether [start, end) overlaps a literal (inline code, a bare URL or email address). */
export function inLiteral(prose: Prose, start: number, end: number): boolean {
  return prose.literals.some(([a, b]) => start < b && end > a);
}

/** Every match of a global regular expression in a run of prose, outside literals. */
export function matches(prose: Prose, pattern: RegExp): RegExpExecArray[] {
  return [...prose.text.matchAll(pattern)].filter((m) => !inLiteral(prose, m.index, m.index + m[0].length));
}
