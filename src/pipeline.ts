import { allowListOf, readCheckFile, type CheckFile } from './check/config.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import type { SourceTree } from './io/source-tree.js';
import type { SourceCache } from './load/cache.js';
import { loadImages } from './load/images.js';
import { loadSources, type Source } from './load/load.js';
import type { Pack } from './model/pack.js';
import { resolvePack } from './resolve/resolve.js';
import { validateSources, type Validated } from './validate/validate.js';

export interface PackResult {
  /** The resolved pack; absent when errors leave nothing trustworthy to render. */
  pack?: Pack;
  diagnostics: Diagnostic[];
  /** What the stages produced, for `check`'s rules, which read sources with their positions. */
  sources: Source[];
  validated: Validated;
  /** The pack as far as it resolved, even with errors elsewhere. */
  resolved?: Pack;
  /** `check.yaml`, read once: its allow-list here, its rule settings by `check`'s rules. */
  checkFile?: CheckFile;
}

/**
 * load → validate → resolve: everything `check` and `build` share. A cache (kept by `watch`
 * between builds) spares parsing the files that did not change.
 */
export async function readPack(tree: SourceTree, cache?: SourceCache): Promise<PackResult> {
  const loaded = await loadSources(tree, cache);
  const { validated, diagnostics: schemaDiagnostics } = validateSources(loaded.sources);
  const resolved = resolvePack(validated);
  const images = await loadImages(tree, loaded.sources);
  // The allow-list decides what the leak gate takes for secret, so check and build read it alike.
  const checkFile = await readCheckFile(tree);
  const allowList = allowListOf(checkFile);
  const diagnostics = [...loaded.diagnostics, ...schemaDiagnostics, ...resolved.diagnostics, ...images.diagnostics];
  const pack = resolved.pack && { ...resolved.pack, images: images.images, ...(allowList.allowed.length > 0 ? { withheldAllowed: allowList.allowed } : {}) };
  // A faulty allow-list entry is left out and reported; it stops a build, not the checks of the pack.
  return { pack: hasErrors(diagnostics) ? undefined : pack, diagnostics: [...diagnostics, ...allowList.diagnostics], sources: loaded.sources, validated, resolved: pack, ...(checkFile ? { checkFile } : {}) };
}
