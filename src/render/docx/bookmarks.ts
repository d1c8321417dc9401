import { createHash } from 'node:crypto';

/** Word refuses bookmark names longer than this. */
const MAX_LENGTH = 40;

/**
 * Word bookmark names: a letter first, then letters, digits and underscores, at most 40
 * characters. Plan anchors (`paper-joint-declaration--background`) are mapped onto that alphabet;
 * a long name keeps its start and gets a short hash of the whole anchor, so names stay unique
 * and the same for the same anchor in every build.
 */
export function bookmarkName(anchor: string): string {
  const name = `_${anchor}`.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  const lettered = /^[A-Za-z]/.test(name) ? name : `b_${name}`;
  if (lettered.length <= MAX_LENGTH && lettered === anchor) return lettered;
  const hash = createHash('sha256').update(anchor).digest('hex').slice(0, 8);
  return `${lettered.slice(0, MAX_LENGTH - hash.length - 1)}_${hash}`;
}
