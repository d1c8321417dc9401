import matter from 'gray-matter';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

const DELIMITER = '---';

export interface FrontMatter {
  /** Parsed front matter, or undefined when the file has none or it is unusable. */
  yaml?: ParsedYaml;
  /** The YAML text between the delimiters, as gray-matter found it. */
  text?: string;
  diagnostics: Diagnostic[];
}

function refuse(): never {
  throw new Error('executable front matter is refused');
}

/**
 * gray-matter 4 evaluates `---js` / `---javascript` front matter with `eval` (CVE-2022-25863),
 * and `engines: {js: false}` falls back to that engine. These engines parse YAML with the safe
 * parser and refuse JavaScript outright.
 */
export function safeEngines(onYaml: (source: string) => void) {
  return {
    yaml: (source: string) => {
      onYaml(source);
      return {};
    },
    js: refuse,
    javascript: refuse,
  };
}

/**
 * Splits YAML front matter off a Markdown file with gray-matter and parses it with the safe
 * YAML parser. Front matter opens with a bare `---` line: any language tag (`---js`, `---yaml`)
 * is refused before gray-matter sees the text, so nothing is ever evaluated.
 */
export function splitFrontMatter(file: string, text: string): FrontMatter {
  if (!text.startsWith(DELIMITER) || text.startsWith(DELIMITER + '-')) return { diagnostics: [] };

  const language = matter.language(text).name;
  if (language !== '') {
    const executable = !/^ya?ml$/i.test(language);
    return {
      diagnostics: [
        diagnostic({
          file,
          span: { start: { line: 1, column: DELIMITER.length + 1 }, end: { line: 1, column: DELIMITER.length + 1 + language.length } },
          rule: 'front-matter',
          message: `Front matter opens with a bare \`---\` line, not \`---${language}\`${executable ? ': front matter is YAML only and is never run as code' : ''}. Remove "${language}".`,
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

  // gray-matter ends the block at "\n---", so in a CRLF file the last line keeps its "\r".
  const parse = (source: string) => parseYaml(file, source.replace(/\r$/, ''), DELIMITER.length);
  let parsed: ReturnType<typeof parse> | undefined;
  const split = matter(text, { engines: safeEngines((source) => (parsed = parse(source))) });
  // gray-matter skips the engine for a block that is empty or only comments; parse it anyway,
  // so the schema reports what is missing.
  parsed ??= parse(split.matter);
  return { yaml: parsed.yaml, text: split.matter, diagnostics: parsed.diagnostics };
}
