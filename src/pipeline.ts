import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import type { SourceTree } from './io/source-tree.js';
import { loadImages } from './load/images.js';
import { loadSources } from './load/load.js';
import type { Pack } from './model/pack.js';
import { resolvePack } from './resolve/resolve.js';
import { validateSources } from './validate/validate.js';

export interface PackResult {
  /** The resolved pack; absent when errors leave nothing trustworthy to render. */
  pack?: Pack;
  diagnostics: Diagnostic[];
}

/** load → validate → resolve: everything `check` and `build` share. */
export async function readPack(tree: SourceTree): Promise<PackResult> {
  const loaded = await loadSources(tree);
  const { validated, diagnostics: schemaDiagnostics } = validateSources(loaded.sources);
  const resolved = resolvePack(validated);
  const images = await loadImages(tree, loaded.sources);
  const diagnostics = [...loaded.diagnostics, ...schemaDiagnostics, ...resolved.diagnostics, ...images.diagnostics];
  return { pack: hasErrors(diagnostics) || !resolved.pack ? undefined : { ...resolved.pack, images: images.images }, diagnostics };
}
