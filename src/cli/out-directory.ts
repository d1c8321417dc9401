import { realpathSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIRECTORY } from '../load/load.js';

/** `p` with every symbolic link on its existing part resolved; the part that does not exist yet is kept as written. */
export function realPath(p: string): string {
  const missing: string[] = [];
  let existing = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(p);
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

const within = (dir: string, p: string) => {
  const relative = path.relative(dir, p);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

/**
 * Why `out` cannot be the output directory of the pack in `content`, or undefined when it can:
 * outputs inside the content directory would be read as sources by the next build, and a content
 * directory inside the output directory would be among what a build replaces. The one exception is
 * the meeting's own `out/`, which loading never reads, so that a build from the meeting's folder
 * can write beside its sources.
 */
export function overlap(content: string, out: string): string | undefined {
  const [c, o] = [realPath(content), realPath(out)];
  if (c === o) return 'is the content directory';
  if (o === path.join(c, OUTPUT_DIRECTORY)) return undefined;
  if (within(c, o)) return `is inside the content directory, whose files are all read as sources (only its own ${OUTPUT_DIRECTORY}/ is not)`;
  if (within(o, c)) return 'holds the content directory';
  return undefined;
}
