import type { CheckContext } from './rule.js';

/** A name with the file and YAML field it comes from. */
export interface KnownName {
  name: string;
  file: string;
}

/**
 * The names the pack states in its structured fields: people's names, paper authors, and each
 * working group's name, acronym, co-anchors and contacts with their organisations.
 */
export function knownNames(context: CheckContext): KnownName[] {
  const names: KnownName[] = [];
  const add = (file: string, ...values: (string | undefined)[]) => values.forEach((name) => name && names.push({ name, file }));
  for (const { value, source } of context.validated.people) add(source.file, value.name);
  for (const { value, source } of context.validated.papers) add(source.file, ...(value.authors ?? []));
  for (const { value, source } of context.validated.workingGroups) {
    add(source.file, value.name, value.acronym, ...(value.co_anchors ?? []));
    for (const contact of value.contacts ?? []) add(source.file, contact.name, contact.organisation);
  }
  return names;
}
