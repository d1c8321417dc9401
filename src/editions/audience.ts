/**
 * What follows from an edition's audience. A public edition carries nothing withheld and nothing
 * about it reads as restricted; a restricted edition never carries the public name and its marking
 * says it is restricted. `resolve` reports these where it reads the editions, so that `check` and
 * `build` both stop on them; `src/check/rules/edition-audience.ts` documents them with examples.
 */
import { audienceOf, type EditionSource } from './editions.js';

export interface AudienceProblem {
  /** The key of the edition the problem is reported at. */
  key: 'id' | 'suffix' | 'label' | 'marking' | 'carries' | 'watermark' | 'withheld_marking';
  rule: 'edition-audience' | 'edition-audience-inferred';
  severity: 'error' | 'warning';
  message: string;
}

/** Words and phrases by which a marking, label or name says that an edition is not for everyone. */
const RESTRICTED_TERMS: readonly (readonly string[])[] = [
  'restricted',
  'confidential',
  'secret',
  'not public',
  'not for public',
  'non public',
  'nonpublic',
  'in confidence',
  'not for circulation',
  'not for distribution',
  'not for publication',
  'members only',
  'committee only',
  'internal only',
  'internal use',
  // The built-in label sets' other languages, French and Spanish (`templates/labels/`).
  'restreint',
  'restreinte',
  'confidentiel',
  'confidentielle',
  'non publique',
  'ne pas diffuser',
  'usage interne',
  'restringido',
  'restringida',
  'confidencial',
  'no público',
  'no pública',
  'uso interno',
].map((term) => term.split(' '));

/** Lower-case words; punctuation, dashes and hyphens only separate them, so `NOT-FOR-CIRCULATION` is three words. */
const wordsOf = (text: string) => text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const hasPhrase = (words: readonly string[], phrase: readonly string[]) => words.some((_, i) => phrase.every((word, j) => words[i + j] === word));

/** Whether the text tells a reader the edition is restricted. */
export const readsRestricted = (text: string) => RESTRICTED_TERMS.some((term) => hasPhrase(wordsOf(text), term));

/** `public` in the built-in label sets' languages: English and French, French feminine, Spanish. */
const PUBLIC_WORDS = new Set(['public', 'publique', 'público', 'pública']);

/** Whether the text tells a reader the edition is public (and does not also say it is restricted, as in `not public`). */
export const readsPublic = (text: string) => wordsOf(text).some((word) => PUBLIC_WORDS.has(word)) && !readsRestricted(text);

/** The problems of one declared edition, in the order of its keys. */
export function audienceProblems(source: EditionSource): AudienceProblem[] {
  const audience = audienceOf(source);
  const name = `Edition "${source.id}"`;
  const problems: AudienceProblem[] = [];
  const error = (key: AudienceProblem['key'], message: string) => problems.push({ key, rule: 'edition-audience', severity: 'error', message });
  const carriesWithheld = source.carries?.includes('withheld') ?? false;

  if (source.audience === undefined) {
    problems.push({
      key: 'id',
      rule: 'edition-audience-inferred',
      severity: 'warning',
      message: `${name} does not state its audience, so it is taken as ${audience} because it ${carriesWithheld ? 'carries' : 'does not carry'} withheld papers. Add \`audience: ${audience}\` (or \`audience: ${audience === 'public' ? 'restricted' : 'public'}\`) to say who may read it.`,
    });
  }

  if (audience === 'public') {
    if (carriesWithheld) error('carries', `${name} is public but carries withheld papers, which would publish them. Remove \`withheld\` from \`carries\`, or make the edition \`audience: restricted\` with a restricted name and marking.`);
    const named: [AudienceProblem['key'], string | undefined][] = [['id', source.id], ['suffix', source.suffix], ['label', source.label], ['marking', source.marking], ['watermark', source.watermark]];
    for (const [key, value] of named) {
      if (value !== undefined && readsRestricted(value)) error(key, `${name} is public, but its ${KEY_NAMES[key]} "${value}" reads as restricted. Reword it, or make the edition \`audience: restricted\` if it is not for everyone.`);
    }
    return problems;
  }

  // A restricted edition taken as such only from `carries` may be a public edition given `withheld` by mistake.
  const why = source.audience === undefined ? ' (it carries withheld papers, so it is restricted; a public edition must not carry `withheld`)' : '';
  if (wordsOf(source.id).includes('public')) {
    const files = source.suffix === undefined ? ' (its files are named after it)' : '';
    error('id', `${name} is restricted${why}, but its id contains "public"${files}. Give it a restricted name, e.g. \`committee\`.`);
  }
  if (source.suffix !== undefined && wordsOf(source.suffix).includes('public')) {
    error('suffix', `${name} is restricted${why}, but its file name suffix "${source.suffix}" contains "public", so its files would carry the public name. Give it a restricted suffix, e.g. \`committee\`.`);
  }
  if (readsPublic(source.label)) error('label', `${name} is restricted${why}, but its label "${source.label}" reads as public. Name the audience it is for, e.g. \`Committee\`.`);
  if (!readsRestricted(source.marking)) {
    error('marking', `${name} is restricted${why}, but its marking "${source.marking}" does not say so. Use a marking such as \`RESTRICTED — committee members only\`.`);
  }
  for (const key of ['watermark', 'withheld_marking'] as const) {
    const value = source[key];
    if (value !== undefined && readsPublic(value)) error(key, `${name} is restricted${why}, but its ${KEY_NAMES[key]} "${value}" reads as public. Reword it, e.g. \`RESTRICTED\`.`);
  }
  return problems;
}

const KEY_NAMES: Record<AudienceProblem['key'], string> = {
  id: 'id',
  suffix: 'file name suffix',
  label: 'label',
  marking: 'marking',
  carries: 'carries',
  watermark: 'watermark',
  withheld_marking: 'withheld marking',
};
