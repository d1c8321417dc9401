/**
 * Editions: the audiences one set of sources is built for. Each edition says which paper
 * statuses it prints in full; every other paper is listed with its status (and, when withheld,
 * given a stub page) by the edition filter.
 */
import type { Meeting, PackDocument } from '../model/pack.js';

/** The statuses an edition can carry in full: papers at the meeting or to follow have no text. */
export type CarriedStatus = Extract<PackDocument['status'], 'included' | 'withheld'>;

export interface Edition {
  id: string;
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
  { id: 'public', label: 'Public', marking: 'PUBLIC' },
  { id: 'committee', label: 'Committee', marking: 'RESTRICTED — committee members only', carries: ['included', 'withheld'] },
];

export function edition(source: EditionSource): Edition {
  return {
    id: source.id,
    label: source.label,
    marking: source.marking,
    carries: new Set(source.carries ?? ['included']),
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
