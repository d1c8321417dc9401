import matter from 'gray-matter';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

const DELIMITER = '---';

export interface FrontMatter {
  /** Parsed front matter, or undefined when the file has none or it is unusable. */
  yaml?: ParsedYaml;
  diagnostics: Diagnostic[];
}

function refuse(language: string): never {
  throw new Error(`front matter language "${language}" is not allowed`);
}

/**
 * Splits YAML front matter off a Markdown file with gray-matter, parsing it with the safe YAML
 * parser. gray-matter 4 would evaluate `---js` / `---javascript` front matter (CVE-2022-25863),
 * so any language tag other than yaml is refused before gray-matter sees the text, and the
 * JavaScript engines are replaced with ones that refuse as well.
 */
export function splitFrontMatter(file: string, text: string): FrontMatter {
  if (!text.startsWith(DELIMITER) || text.startsWith(DELIMITER + '-')) return { diagnostics: [] };

  const language = matter.language(text).name;
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return {
      diagnostics: [
        diagnostic({
          file,
          span: { start: { line: 1, column: DELIMITER.length + 1 }, end: { line: 1, column: DELIMITER.length + 1 + language.length } },
          rule: 'front-matter',
          message: `Front matter must be YAML, not "${language}": executable front matter is never run. Start the file with a plain \`---\` line.`,
        }),
      ],
    };
  }
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(text.slice(DELIMITER.length))) {
    return {
      diagnostics: [
        diagnostic({
          file,
          span: { start: { line: 1, column: 1 }, end: { line: 1, column: DELIMITER.length + 1 } },
          rule: 'front-matter',
          message: 'Front matter is not closed: add a `---` line after the last front matter field.',
        }),
      ],
    };
  }

  let parsed: { yaml: ParsedYaml; diagnostics: Diagnostic[] } | undefined;
  const split = matter(text, {
    engines: {
      yaml: (source: string) => {
        parsed = parseYaml(file, source, DELIMITER.length);
        return {};
      },
      js: () => refuse('js'),
      javascript: () => refuse('javascript'),
    },
  });
  // gray-matter skips the engine for a block that is empty or only comments; parse it anyway,
  // so the schema reports what is missing.
  parsed ??= parseYaml(file, split.matter, DELIMITER.length);
  return { yaml: parsed.yaml, diagnostics: parsed.diagnostics };
}
