/**
 * Where a watermark goes: centred on the page along its rising diagonal, as large as the
 * layout allows while its text stays well inside the page. Both renderers place it this way.
 */

/** How much of the page's diagonal the watermark's text may take. */
const DIAGONAL_SHARE = 0.75;

export interface WatermarkPlacement {
  /** Font size in points. */
  size: number;
  /** Width of the text at that size, in points. */
  width: number;
  /** Counter-clockwise rotation from the horizontal, in degrees. */
  angle: number;
}

/**
 * @param unitWidth the watermark's width at 1 pt
 * @param page the page's size in points
 * @param largest the layout's largest watermark size
 */
export function watermarkPlacement(unitWidth: number, page: { width: number; height: number }, largest: number): WatermarkPlacement {
  const diagonal = Math.hypot(page.width, page.height);
  const size = Math.min(largest, (diagonal * DIAGONAL_SHARE) / Math.max(unitWidth, 1e-6));
  return { size, width: unitWidth * size, angle: (Math.atan2(page.height, page.width) * 180) / Math.PI };
}
