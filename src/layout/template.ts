import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../load/yaml.js';
import type { Layout } from '../model/sources.generated.js';
import { schemaDiagnostics } from '../validate/validate.js';
import { validator } from '../validate/schemas.js';

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

/**
 * Reads and validates `layout.yaml` and reads the font files it names; a template with errors
 * (or a font file that cannot be read) yields diagnostics and no layout.
 */
export async function loadLayout(dir = TEMPLATE_DIR): Promise<{ layout?: Layout; fonts?: FontFiles; diagnostics: Diagnostic[] }> {
  const file = path.join(dir, 'layout.yaml');
  const label = path.relative(process.cwd(), file) || file;
  const { yaml, diagnostics } = parseYaml(label, await readFile(file, 'utf8'));
  if (hasErrors(diagnostics)) return { diagnostics };
  const validate = validator('layout');
  if (!validate(yaml.value)) return { diagnostics: [...diagnostics, ...schemaDiagnostics(label, yaml, validate.errors ?? [], 'layout')] };
  const layout = yaml.value as Layout;
  const fonts: Partial<Record<FontFace, Uint8Array>> = {};
  for (const face of FACES) {
    const name = layout.fonts.files[face];
    try {
      fonts[face] = await readFile(fontPath(name, dir));
    } catch (error) {
      const node = yaml.document.getIn(['fonts', 'files', face], true) as { range?: [number, number, number] } | undefined;
      diagnostics.push(
        diagnostic({
          file: label,
          span: node?.range ? yaml.positions.span(node.range[0], node.range[1]) : undefined,
          rule: 'layout-font',
          message: `Cannot read the ${face} font \`${name}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Name a TTF file inside node_modules or relative to the template.`,
        }),
      );
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { layout, fonts: fonts as FontFiles, diagnostics };
}

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
