/**
 * Editions: the audiences one set of sources is built for. Each edition says which paper
 * statuses it prints in full; every other paper is listed with its status (and, when withheld,
 * given a stub page) by the edition filter.
 */
import type { Meeting, PackDocument } from '../model/pack.js';

/** The statuses an edition can carry in full: papers at the meeting or to follow have no text. */
export type CarriedStatus = Extract<PackDocument['status'], 'included' | 'withheld'>;

/** Who may read an edition: anyone, or only those it is restricted to. */
export type Audience = 'public' | 'restricted';

export interface Edition {
  id: string;
  audience: Audience;
  label: string;
  marking: string;
  carries: ReadonlySet<PackDocument['status']>;
  /** Output file names are `<pack>-<suffix>.pdf`. */
  suffix: string;
  watermark?: string;
  /** Whether a withheld paper the edition does not carry gets a stub page. */
  stubs: boolean;
  /** The marking on every page of a withheld paper the edition carries; the layout's default when absent. */
  withheldMarking?: string;
}

export type EditionSource = NonNullable<Meeting['editions']>[number];

/** The editions of a meeting that declares none. */
export const DEFAULT_EDITIONS: readonly EditionSource[] = [
  { id: 'public', audience: 'public', label: 'Public', marking: 'PUBLIC' },
  { id: 'committee', audience: 'restricted', label: 'Committee', marking: 'RESTRICTED — committee members only', carries: ['included', 'withheld'] },
];

/** The audience an edition states, else the one its `carries` implies (a meeting.yaml written before `audience`). */
export const audienceOf = (source: EditionSource): Audience => source.audience ?? (source.carries?.includes('withheld') ? 'restricted' : 'public');

export function edition(source: EditionSource): Edition {
  const audience = audienceOf(source);
  const carries = source.carries ?? ['included'];
  return {
    id: source.id,
    audience,
    label: source.label,
    marking: source.marking,
    // A public edition never carries withheld text, even if a stated error were ignored (resolve reports it).
    carries: new Set(audience === 'public' ? carries.filter((status) => status !== 'withheld') : carries),
    suffix: source.suffix ?? source.id,
    ...(source.watermark !== undefined ? { watermark: source.watermark } : {}),
    stubs: source.stubs ?? true,
    ...(source.withheld_marking !== undefined ? { withheldMarking: source.withheld_marking } : {}),
  };
}

/** Whether the edition leaves out the text of some withheld document of the pack. */
export const withholds = (edition: Edition, documents: Iterable<PackDocument>) => [...documents].some((d) => d.status === 'withheld' && !edition.carries.has('withheld'));

/** The file name stem of an edition's outputs: `<pack>-<suffix>`, with `-DRAFT` for a draft. */
export const outputStem = (pack: string, edition: Edition, draft: boolean) => `${pack}-${edition.suffix}${draft ? '-DRAFT' : ''}`;
