import { Document, LineCounter, parseDocument, visit, isAlias, type Alias } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
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
        span: positions.span(error.pos[0], error.pos[1]),
        rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        message: duplicate ? 'Duplicate key: each key may appear once in a mapping. Remove or rename one of them.' : `YAML syntax error: ${error.message}`,
      }),
    );
  }
  for (const warning of document.warnings) {
    diagnostics.push(diagnostic({ file, span: positions.span(warning.pos[0], warning.pos[1]), severity: 'warning', rule: 'yaml-syntax', message: `YAML: ${warning.message}` }));
  }
  if (document.errors.length > 0) return failed();

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
