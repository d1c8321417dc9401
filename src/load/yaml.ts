import { Document, LineCounter, parseDocument, visit, isAlias, isPair, isScalar, type Alias, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { nestingMessage, yamlNestingOffset, yamlSizeProblem } from './limits.js';
import { positionMap, type PositionMap } from './positions.js';

/** Expanding more aliases than this is treated as a resource-exhaustion attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  document: Document;
  positions: PositionMap;
  /** The plain value, or undefined when the text could not be parsed. */
  value: unknown;
}

/**
 * Parses YAML 1.2 (core schema) safely: duplicate keys are errors, alias expansion is bounded,
 * a `%YAML 1.1` directive cannot bring back 1.1 types (sexagesimal numbers, merge keys, binary),
 * unknown tags construct nothing, and `__proto__` is an ordinary key.
 */
export function parseYaml(file: string, text: string, firstLineColumnOffset = 0): { yaml: ParsedYaml; diagnostics: Diagnostic[] } {
  const tooBig = yamlSizeProblem(file, text);
  // Composing the document recurses once per level of nesting: measure the depth first.
  const tooDeep = tooBig ? 0 : yamlNestingOffset(text);
  if (tooDeep !== undefined) {
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1 && i < tooDeep; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    const positions = positionMap(lines, firstLineColumnOffset);
    return {
      yaml: { document: new Document(null), positions, value: undefined },
      diagnostics: [tooBig ?? diagnostic({ file, span: positions.span(tooDeep), rule: 'nesting-depth', message: nestingMessage('YAML lists and mappings') })],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', merge: false });
  const positions = positionMap(lineCounter, firstLineColumnOffset);
  const diagnostics: Diagnostic[] = [];
  const failed = () => ({ yaml: { document, positions, value: undefined }, diagnostics });

  // After the first syntax error the parser's view of the rest is unreliable: report only that one.
  const firstSyntaxError = document.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  for (const error of document.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntaxError)) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push(
      diagnostic({
        file,
        span: positions.span(...offendingRange(error.code, error.pos, text)),
        rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        message: duplicate ? 'Duplicate key: each key may appear once in a mapping. Remove or rename one of them.' : syntaxMessage(error.code, error.message),
      }),
    );
  }
  for (const warning of document.warnings) {
    // A tag the core schema does not know (`!!js/function`, `!custom`) is reported below, as an error.
    if (warning.code === 'TAG_RESOLVE_FAILED') continue;
    diagnostics.push(diagnostic({ file, span: positions.span(warning.pos[0], warning.pos[1]), severity: 'warning', rule: 'yaml-syntax', message: `YAML: ${warning.message}` }));
  }
  if (document.errors.length > 0) return failed();
  const unusual = unusualNodes(document);
  for (const { node, rule, message } of unusual) diagnostics.push(diagnostic({ file, span: node.range ? positions.span(node.range[0], node.range[1]) : undefined, rule, message }));
  if (unusual.length > 0) return failed();

  try {
    return { yaml: { document, positions, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }, diagnostics };
  } catch (error) {
    const message = (error as Error).message;
    const aliases: Alias[] = [];
    visit(document, { Alias: (_, node) => void (isAlias(node) && aliases.push(node)) });
    const at = (node: Alias | undefined) => (node?.range ? positions.span(node.range[0], node.range[1]) : undefined);
    if (/excessive alias count/i.test(message)) {
      diagnostics.push(
        diagnostic({
          file,
          span: at(aliases[0]),
          rule: 'yaml-aliases',
          message: `Too many alias expansions (more than ${MAX_ALIAS_COUNT}), as in a "billion laughs" attack. Write the values out instead of nesting aliases.`,
        }),
      );
    } else {
      const unresolved = aliases.find((alias) => alias.resolve(document) === undefined);
      diagnostics.push(diagnostic({ file, span: at(unresolved), rule: 'yaml-syntax', message: `YAML: ${message}` }));
    }
    return failed();
  }
}

/** The tags of the YAML core schema; a source may use these to say a value's type. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Tags outside the core schema, and keys that are collections: the source format has neither, and both would otherwise become text. */
function unusualNodes(document: Document): { node: Node; rule: string; message: string }[] {
  const found: { node: Node; rule: string; message: string }[] = [];
  visit(document, (_, node) => {
    if (isPair(node) && node.key && !isScalar(node.key)) {
      found.push({ node: node.key as Node, rule: 'yaml-syntax', message: 'A key must be plain text, not a list or mapping (written after `?` or in brackets). Write the key as text.' });
    } else if (node && typeof node === 'object' && 'tag' in node && typeof node.tag === 'string' && !CORE_TAGS.has(node.tag)) {
      found.push({ node: node as Node, rule: 'yaml-tag', message: 'Sources use no YAML tags but `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map` and `!!seq`; this one would be read as text. Remove the tag.' });
    }
  });
  return found;
}

/**
 * Where an error is: the parser reports a line indented into the field above it (`title: A` then
 * `  date: …`) at the start of that field's value, where the key it became begins; the culprit is the
 * later line, where the `:` is.
 */
function offendingRange(code: string, [start, end]: [number, number], text: string): [number, number] {
  if (code !== 'BLOCK_AS_IMPLICIT_KEY') return [start, end];
  const colon = text.slice(start).search(/:(\s|$)/);
  const newline = text.lastIndexOf('\n', start + colon);
  if (colon === -1 || newline < start) return [start, end];
  const line = newline + 1 + Math.max(0, text.slice(newline + 1).search(/\S/));
  return [line, start + colon + 1];
}

/** The parser's message, in the editor's words where it speaks of its own API. */
function syntaxMessage(code: string, message: string): string {
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /nested mappings/i.test(message)) return 'YAML syntax error: this line is indented further than the field above it, so it reads as part of that field. Indent it like the field above.';
  if (code === 'BAD_INDENT' && /mapping items/i.test(message)) return 'YAML syntax error: the fields of one mapping start at the same column, and this one does not. Fix its indentation.';
  if (code === 'MULTIPLE_DOCS') return 'A YAML source holds one document, and this `---` line starts a second. Remove the line, or move what follows into a file of its own.';
  if (/call stack/i.test(message)) return nestingMessage('YAML lists and mappings');
  return `YAML syntax error: ${message}`;
}
