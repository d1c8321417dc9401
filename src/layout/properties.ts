/** The document properties both renderers write, so the PDF and the DOCX describe the pack alike. */
import type { PackPlan } from './plan.js';

export interface PackProperties {
  /** e.g. `Steering Committee Meeting: OGP Steering Committee, Mexico City, October 2015`. */
  title: string;
  /** e.g. `OGP Steering Committee`. */
  subject: string;
  /** The organisation, never the build machine's user. */
  author: string;
}

export function packProperties(plan: PackPlan): PackProperties {
  return { title: `${plan.title}: ${plan.shortTitle}`, subject: plan.series, author: plan.organisation };
}
