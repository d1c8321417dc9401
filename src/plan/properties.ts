/** The document properties both renderers write, so the PDF and the DOCX describe the pack alike. */
import type { PackPlan } from './plan.js';

export interface PackProperties {
  /** e.g. `Steering Committee Meeting: OGP Steering Committee, Mexico City, October 2015`. */
  title: string;
  /** The series and the edition as its cover names it, e.g. `Steering Committee — Committee edition (restricted)`. */
  subject: string;
  /** The organisation, never the build machine's user. */
  author: string;
  /** The edition's audience first, then its id, e.g. `restricted, committee`: what a document store can file the pack by. */
  keywords: string;
}

export function packProperties(plan: PackPlan): PackProperties {
  return {
    title: `${plan.title}: ${plan.shortTitle}`,
    subject: `${plan.series} — ${plan.cover.edition}`,
    author: plan.organisation,
    keywords: [...new Set([plan.edition.audience, plan.edition.id])].join(', '),
  };
}
