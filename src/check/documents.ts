import type { Paper, WorkingGroupSheet } from '../model/pack.js';
import { locate } from '../validate/locate.js';
import type { Located } from '../validate/validate.js';
import type { CheckContext, Finding } from './rule.js';

export type LocatedDocument = Located<Paper | WorkingGroupSheet>;

/** Every valid paper and working-group sheet. */
export function documents(context: CheckContext): LocatedDocument[] {
  return [...context.validated.papers, ...context.validated.workingGroups];
}

/** A finding at a field of a YAML source (a key path such as `['items', 2, 'time']`). */
export function at(located: Located<unknown>, path: (string | number)[], message: string, severity?: Finding['severity']): Finding {
  return { file: located.source.file, span: locate(located.source.yaml, path), message, ...(severity ? { severity } : {}) };
}
