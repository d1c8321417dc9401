/**
 * `check --leaks <out>`: the build's leak gate run over outputs already written. Each output is
 * searched for what its edition must not carry, its edition known from `manifest.json` or, for a
 * file the manifest does not list, from its name. A PDF or DOCX whose edition cannot be told is
 * searched for everything any edition withholds.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Pack } from '../model/pack.js';
import { outputStem, type Edition } from './editions.js';
import { findLeaks, readOutput, secretsOf, type Secret } from './leaks.js';

const MANIFEST = 'manifest.json';
const OUTPUT = /\.(pdf|docx)$/i;

interface ManifestOutputs {
  outputs?: { path?: unknown; edition?: unknown }[];
}

export async function gateOutputs(pack: Pack, dir: string, label: string): Promise<Diagnostic[]> {
  const names = (await readdir(dir)).sort();
  const display = (name: string) => path.join(label, name);
  const diagnostics: Diagnostic[] = [];
  const secrets = new Map(pack.editions.map((e) => [e.id, secretsOf(pack, e)]));
  const everything: Secret[] = [...secrets.values()].flat();

  const byName = new Map<string, Edition | undefined>();
  let manifestEditions: (Edition | undefined)[] = [];
  if (names.includes(MANIFEST)) {
    let manifest: ManifestOutputs | undefined;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as ManifestOutputs;
    } catch (error) {
      diagnostics.push(diagnostic({ file: display(MANIFEST), rule: 'leak', severity: 'warning', message: `Cannot read the manifest (${(error as Error).message}); each output's edition is told from its file name.` }));
    }
    for (const entry of manifest?.outputs ?? []) {
      if (typeof entry.path !== 'string') continue;
      const edition = pack.editions.find((e) => e.id === entry.edition);
      byName.set(entry.path, edition);
      manifestEditions.push(edition);
    }
  } else manifestEditions = [undefined];
  const editionOf = (name: string): Edition | undefined =>
    byName.has(name) ? byName.get(name) : pack.editions.find((e) => [false, true].some((draft) => name.startsWith(`${outputStem(pack.meeting.pack, e, draft)}.`)));

  for (const name of names.filter((n) => OUTPUT.test(n))) {
    const edition = editionOf(name);
    const searched = edition ? secrets.get(edition.id)! : everything;
    if (searched.length === 0) continue;
    const bytes = new Uint8Array(await readFile(path.join(dir, name)));
    diagnostics.push(...findLeaks(display(name), await readOutput(name, bytes), searched, edition));
  }
  // The manifest is as public as the least of the editions it lists.
  if (names.includes(MANIFEST) && manifestEditions.every((e) => !e || secrets.get(e.id)!.length > 0)) {
    const text = await readFile(path.join(dir, MANIFEST), 'utf8');
    const listed = manifestEditions.flatMap((e) => (e ? secrets.get(e.id)! : everything));
    diagnostics.push(...findLeaks(display(MANIFEST), [{ place: 'text', text, names: true }], listed));
  }
  return diagnostics;
}
