/**
 * Where ogp-pack keeps what it may reuse between runs (shaped words, spelling results, Node's
 * compiled code). Nothing kept there can change an output byte: every entry is keyed by the
 * digests of what it was computed from and ogp-pack's version, and a missing, stale or damaged
 * entry is computed again.
 *
 * The directory is, in order: `$OGP_PACK_CACHE_DIR`; `$XDG_CACHE_HOME/ogp-pack`; else
 * `node_modules/.cache/ogp-pack` of this installation, beside the packages it was built with, so
 * that `npm ci` starts it afresh. `OGP_PACK_CACHE_DIR=` (empty) or `--no-cache` turns it off.
 *
 * This module imports nothing but `node:path` and `node:url`: the launcher calls it before
 * anything else is loaded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This installation's root: the directory holding package.json, two levels above `dist/cache/` or `src/cache/`. */
const INSTALL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The cache directory for `env`, or undefined when caching is turned off. */
export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const own = env.OGP_PACK_CACHE_DIR;
  if (own !== undefined) return own === '' ? undefined : path.resolve(own);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'ogp-pack');
  return path.join(INSTALL_ROOT, 'node_modules', '.cache', 'ogp-pack');
}
