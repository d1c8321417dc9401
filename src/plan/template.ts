import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { imageSize } from 'image-size';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import type { PackImage } from '../load/images.js';
import { parseYaml, type ParsedYaml } from '../load/yaml.js';
import type { Layout } from '../model/sources.generated.js';
import { schemaDiagnostics } from '../validate/validate.js';
import { validator } from '../validate/schemas.js';
import { pointerSegments } from '../validate/locate.js';

export type { Layout };

/** The shipped templates, next to `src/` and `dist/`. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Paper sizes in points, for every renderer and for planning. */
export const PAGE_SIZES: Readonly<Record<Layout['page']['size'], { width: number; height: number }>> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};

export type FontFace = keyof Layout['fonts']['files'];

/** The bytes of the layout's four TTF files, read once, so renderers read no files. */
export type FontFiles = Readonly<Record<FontFace, Uint8Array>>;

const FACES: readonly FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** The languages with a built-in label set in `templates/labels/`; `language:` in meeting.yaml picks one. */
export const LABEL_LANGUAGES = ['en', 'es', 'fr'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

/** A pack's own layout file in its content directory, read when it exists. */
export const PACK_LAYOUT = 'layout.yaml';

/** A pack's own layout: its file in a source tree, whose directory holds its fonts and logo. */
export interface PackLayoutFile {
  tree: SourceTree;
  /** The layout's path in the tree, e.g. `layout.yaml`. */
  file: string;
  /** Whether the file must exist (`--layout FILE`); a pack's `layout.yaml` is optional. */
  required?: boolean;
}

export interface LayoutRequest {
  /** The label set, from meeting.yaml's `language` (default `en`). */
  language?: LabelLanguage;
  pack?: PackLayoutFile;
}

export interface LoadedLayout {
  layout?: Layout;
  fonts?: FontFiles;
  /** The cover's logo, read from the pack. */
  logo?: PackImage;
  diagnostics: Diagnostic[];
}

/** One YAML file of the layout, as the merge and its error positions need it. */
interface LayoutPart {
  label: string;
  yaml: ParsedYaml;
  /** Where its relative paths start: a directory on disk (built-in), or in the pack's tree. */
  base: { dir: string } | { tree: SourceTree; dir: string };
}

/**
 * The layout: the built-in `layout.yaml`, the label set of the meeting's language and the pack's
 * own layout, merged in that order key by key and validated as one. Errors are reported in the
 * file that set the value; fonts and the logo are read relative to the file that names them.
 * With errors (or a font file that cannot be read) there are diagnostics and no layout.
 */
export async function loadLayout(dir = TEMPLATE_DIR, request: LayoutRequest = {}): Promise<LoadedLayout> {
  const diagnostics: Diagnostic[] = [];
  const parts: LayoutPart[] = [];
  const builtIn = async (file: string) => {
    const label = path.relative(process.cwd(), file) || file;
    const parsed = parseYaml(label, await readFile(file, 'utf8'));
    diagnostics.push(...parsed.diagnostics);
    parts.push({ label, yaml: parsed.yaml, base: { dir: path.dirname(file) } });
  };
  await builtIn(path.join(dir, 'layout.yaml'));
  // A language the meeting schema refuses is reported there; the layout falls back to English.
  const language = LABEL_LANGUAGES.find((l) => l === request.language) ?? 'en';
  await builtIn(path.join(TEMPLATE_DIR, 'labels', `${language}.yaml`));
  if (request.pack) {
    const own = await readPackLayout(request.pack);
    if (own) {
      diagnostics.push(...own.diagnostics);
      if (own.part) parts.push(own.part);
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };

  const merged = parts.reduce<unknown>((value, part) => mergeLayout(value, part.yaml.value), {});
  const validate = validator('layout');
  if (!validate(merged)) {
    // Each error goes to the last file that holds the value it names, else to the last file merged.
    const byOwner = new Map<LayoutPart, ErrorObject[]>();
    for (const error of validate.errors ?? []) {
      const segments = pointerSegments(error.instancePath);
      const keys = error.keyword === 'additionalProperties' ? [...segments, String(error.params.additionalProperty)] : segments;
      const owner = (keys.length > 0 && [...parts].reverse().find((part) => part.yaml.document.hasIn(keys))) || parts.at(-1)!;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), error]);
    }
    for (const [owner, errors] of byOwner) diagnostics.push(...schemaDiagnostics(owner.label, owner.yaml, errors, 'layout'));
    return { diagnostics };
  }
  const layout = merged as Layout;
  const ownerOf = (keys: readonly string[]) => [...parts].reverse().find((part) => part.yaml.document.hasIn(keys))!;
  const fonts: Partial<Record<FontFace, Uint8Array>> = {};
  for (const face of FACES) {
    const keys = ['fonts', 'files', face];
    const bytes = await readAsset(ownerOf(keys), keys, layout.fonts.files[face], `${face} font`, 'layout-font', diagnostics);
    if (bytes) fonts[face] = bytes;
  }
  let logo: PackImage | undefined;
  if (layout.logo !== undefined) {
    const part = ownerOf(['logo']);
    const bytes = await readAsset(part, ['logo'], layout.logo, 'logo', 'layout-logo', diagnostics);
    if (bytes) logo = logoImage(bytes, part, diagnostics);
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { layout, fonts: fonts as FontFiles, ...(logo ? { logo } : {}), diagnostics };
}

/** The pack's layout file parsed; undefined when an optional one is absent. */
async function readPackLayout({ tree, file, required }: PackLayoutFile): Promise<{ part?: LayoutPart; diagnostics: Diagnostic[] } | undefined> {
  const label = tree.label === '.' || tree.label === '' ? file : `${tree.label}/${file}`;
  let bytes: Uint8Array;
  try {
    bytes = await tree.read(file);
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { diagnostics: [diagnostic({ file: label, rule: 'layout', message: `Cannot read the pack's layout (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check that it exists and is readable.` })] };
  }
  const parsed = parseYaml(label, new TextDecoder().decode(bytes));
  return { part: { label, yaml: parsed.yaml, base: { tree, dir: path.posix.dirname(file) } }, diagnostics: parsed.diagnostics };
}

/** A font or the logo named at `keys` of a layout file, read relative to that file; a diagnostic at the key when it cannot be. */
async function readAsset(part: LayoutPart, keys: readonly string[], name: string, what: string, rule: string, diagnostics: Diagnostic[]): Promise<Uint8Array | undefined> {
  const problem = (message: string) => {
    const node = part.yaml.document.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    diagnostics.push(diagnostic({ file: part.label, span: node?.range ? part.yaml.positions.span(node.range[0], node.range[1]) : undefined, rule, message }));
    return undefined;
  };
  const { base } = part;
  if ('tree' in base) {
    const relative = path.posix.normalize(path.posix.join(base.dir, name));
    if (path.posix.isAbsolute(name) || /^[a-z][a-z0-9+.-]*:/i.test(name) || name.includes('\\') || relative === '..' || relative.startsWith('../')) {
      return problem(`The ${what} \`${name}\` is outside the pack's directory; a pack's layout reads files only beside it or below. Copy the file into the pack and name it relative to this layout file.`);
    }
    try {
      return await base.tree.read(relative);
    } catch (error) {
      return problem(`Cannot read the ${what} \`${name}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Name a file relative to this layout file.`);
    }
  }
  try {
    return await builtInFile(fontPath(name, base.dir));
  } catch (error) {
    return problem(`Cannot read the ${what} \`${name}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Name a file inside node_modules or relative to the template.`);
  }
}

/** The shipped files' bytes, read once per process: every `check` and build reads the same fonts. */
const builtInFiles = new Map<string, Promise<Uint8Array>>();
function builtInFile(file: string): Promise<Uint8Array> {
  let bytes = builtInFiles.get(file);
  if (!bytes) {
    bytes = readFile(file);
    builtInFiles.set(file, bytes);
    // A failed read is not kept, so a file put in place later is read.
    bytes.catch(() => builtInFiles.delete(file));
  }
  return bytes;
}

/** The logo's type and pixel size; a diagnostic at `logo` when it is not a PNG or JPEG. */
function logoImage(bytes: Uint8Array, part: LayoutPart, diagnostics: Diagnostic[]): PackImage | undefined {
  let size: ReturnType<typeof imageSize> | undefined;
  try {
    size = imageSize(bytes);
  } catch {
    size = undefined;
  }
  const type = size?.type === 'jpg' || size?.type === 'png' ? size.type : undefined;
  if (!size || !type || !size.width || !size.height) {
    const node = part.yaml.document.getIn(['logo'], true) as { range?: [number, number, number] } | undefined;
    diagnostics.push(diagnostic({ file: part.label, span: node?.range ? part.yaml.positions.span(node.range[0], node.range[1]) : undefined, rule: 'layout-logo', message: 'The logo must be a PNG or JPEG image. Convert it, or name another file.' }));
    return undefined;
  }
  return { bytes, type, width: size.width, height: size.height };
}

/** `over` merged into `base`: mappings key by key, anything else (lists too) replaced whole. */
export function mergeLayout(base: unknown, over: unknown): unknown {
  // An empty file (or a key left empty) changes nothing.
  if (over === undefined || over === null) return base;
  if (!isRecord(base) || !isRecord(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeLayout(base[key], value);
  return merged;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a font file named in the layout is: a package path inside node_modules, or relative to the template. */
export function fontPath(file: string, dir = TEMPLATE_DIR): string {
  if (path.isAbsolute(file) || file.startsWith('.')) return path.resolve(dir, file);
  return createRequire(path.join(dir, 'layout.yaml')).resolve(file);
}

/** Fills `{name}` placeholders of a label; `{NAME}` gives the value of `name` in capitals. */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (Object.hasOwn(values, name)) return String(values[name]);
    const lower = name.toLowerCase();
    return name === name.toUpperCase() && Object.hasOwn(values, lower) ? String(values[lower]).toUpperCase() : whole;
  });
}
