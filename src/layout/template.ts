import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../load/yaml.js';
import type { Layout } from '../model/sources.generated.js';
import { schemaDiagnostics } from '../validate/validate.js';
import { validator } from '../validate/schemas.js';

export type { Layout };

/** The shipped templates, next to `src/` and `dist/`. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Reads and validates `layout.yaml`; a template with errors yields diagnostics and no layout. */
export async function loadLayout(dir = TEMPLATE_DIR): Promise<{ layout?: Layout; diagnostics: Diagnostic[] }> {
  const file = path.join(dir, 'layout.yaml');
  const label = path.relative(process.cwd(), file) || file;
  const { yaml, diagnostics } = parseYaml(label, await readFile(file, 'utf8'));
  if (hasErrors(diagnostics)) return { diagnostics };
  const validate = validator('layout');
  if (!validate(yaml.value)) return { diagnostics: [...diagnostics, ...schemaDiagnostics(label, yaml, validate.errors ?? [], 'layout')] };
  return { layout: yaml.value as Layout, diagnostics };
}

/** Where a font file named in the layout is: a package path inside node_modules, or relative to the template. */
export function fontPath(file: string, dir = TEMPLATE_DIR): string {
  if (path.isAbsolute(file) || file.startsWith('.')) return path.resolve(dir, file);
  return createRequire(path.join(dir, 'layout.yaml')).resolve(file);
}

/** Fills `{name}` placeholders of a label. */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
