/**
 * `check --leaks <out>`: the build's leak gate run over outputs already written. Each edition
 * directory `<out>/<edition>/` is known by its `manifest.json`, whose pack must be the content's
 * and whose edition says what its files must not carry. Every file of an edition that withholds
 * something is read and searched; a file that cannot be read is a finding too, because it cannot
 * be shown to be free of withheld text.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Pack } from '../model/pack.js';
import { findLeaks, readOutput, secretsOf, type Secret } from './leaks.js';

const MANIFEST = 'manifest.json';

export interface LeakScan {
  diagnostics: Diagnostic[];
  /** Every file searched, as displayed. */
  scanned: string[];
  /** The scanned files found to carry withheld text. */
  leaking: string[];
  /** The scanned files that could not be read, so could not be searched. */
  unreadable: string[];
  /** Edition directories not searched because their edition carries every withheld paper. */
  carried: string[];
  /** Why these outputs cannot be checked against this pack at all; then nothing was scanned. */
  refusal?: string;
}

interface EditionDirectory {
  dir: string;
  label: string;
  manifest?: { pack?: unknown; edition?: unknown };
  unreadable?: string;
}

async function readManifest(dir: string): Promise<Pick<EditionDirectory, 'manifest' | 'unreadable'> | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const manifest: unknown = JSON.parse(text);
    if (typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest)) return { manifest: manifest as EditionDirectory['manifest'] };
    return { unreadable: 'it is not a JSON object' };
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
}

/** The edition directories of `out`: its subdirectories with a manifest, else `out` itself when it is one. */
async function editionDirectories(out: string, label: string): Promise<EditionDirectory[] | string> {
  const found: EditionDirectory[] = [];
  const entries = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  for (const name of entries.map((e) => e.name).sort()) {
    const manifest = await readManifest(path.join(out, name));
    if (manifest) found.push({ dir: path.join(out, name), label: path.join(label, name), ...manifest });
  }
  if (found.length > 0) return found;
  const own = await readManifest(out);
  if (own?.manifest && typeof own.manifest.edition === 'string') return [{ dir: out, label, ...own }];
  if (own) return `${path.join(label, MANIFEST)} is from the former layout, which put every edition in one directory; build the pack again, then check ${label}/, whose editions are then in directories of their own.`;
  return `there is no ${MANIFEST} in ${label}/ or in a directory inside it. Build the pack first (\`ogp-pack build --out ${label}\`) and check the directory it wrote.`;
}

export async function gateOutputs(pack: Pack, out: string, label: string): Promise<LeakScan> {
  const scan: LeakScan = { diagnostics: [], scanned: [], leaking: [], unreadable: [], carried: [] };
  const directories = await editionDirectories(out, label);
  if (typeof directories === 'string') return { ...scan, refusal: directories };
  const everything: Secret[] = pack.editions.flatMap((e) => secretsOf(pack, e));
  // Another pack's outputs checked against this pack's withheld papers would pass for the wrong reason.
  for (const { manifest, label: shown } of directories) {
    if (manifest && manifest.pack !== pack.meeting.pack) {
      return { ...scan, refusal: `${path.join(shown, MANIFEST)} is of the pack "${String(manifest.pack)}", not "${pack.meeting.pack}" as the content directory's meeting.yaml says. Name the content directory the outputs were built from: \`ogp-pack check <dir> --leaks ${label}\`.` };
    }
  }

  for (const directory of directories) {
    const edition = pack.editions.find((e) => e.id === directory.manifest?.edition);
    if (directory.unreadable !== undefined) {
      scan.diagnostics.push(diagnostic({ file: path.join(directory.label, MANIFEST), rule: 'unreadable-output', message: `Cannot read the manifest (${directory.unreadable}), so the edition of ${directory.label}/ is not known; its files are searched for every withheld paper. Build the pack again.` }));
    }
    // A manifest naming an edition the meeting does not declare says nothing of what it may carry.
    const secrets = edition ? secretsOf(pack, edition) : everything;
    if (secrets.length === 0) {
      scan.carried.push(`${directory.label}/`);
      continue;
    }
    const names = (await readdir(directory.dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
    for (const name of names) {
      const shown = path.join(directory.label, name);
      scan.scanned.push(shown);
      try {
        const places = await readOutput(name, new Uint8Array(await readFile(path.join(directory.dir, name))));
        const leaks = findLeaks(shown, places, secrets, edition);
        if (leaks.length > 0) scan.leaking.push(shown);
        scan.diagnostics.push(...leaks);
      } catch (error) {
        scan.unreadable.push(shown);
        const kind = name.toLowerCase().endsWith('.pdf') ? 'a PDF' : name.toLowerCase().endsWith('.docx') ? 'a DOCX' : 'text';
        const reason = (error as Error).message || (error as Error).name || 'no reason given';
        scan.diagnostics.push(diagnostic({ file: shown, rule: 'unreadable-output', message: `Cannot be read as ${kind} (${reason}), so it cannot be shown to be free of withheld text. Build the pack again, or remove the damaged file.` }));
      }
    }
  }
  return scan;
}
