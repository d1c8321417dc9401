import { Document, LineCounter, parseDocument, visit, isAlias } from 'yaml';
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
 * Parses YAML 1.2 safely: duplicate keys are errors, alias expansion is bounded, no custom tags
 * run code, and `__proto__` becomes an ordinary key that cannot reach object prototypes.
 */
export function parseYaml(file: string, text: string, firstLineColumnOffset = 0): { yaml: ParsedYaml; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const positions = positionMap(lineCounter, firstLineColumnOffset);
  const diagnostics: Diagnostic[] = [];

  // After the first syntax error the parser's view of the rest is unreliable: report only that one.
  const firstSyntaxError = document.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  for (const error of document.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntaxError)) {
    const message = error.code === 'DUPLICATE_KEY' ? 'Duplicate key: each key may appear once in a mapping. Remove or rename one of them.' : `YAML syntax error: ${error.message}`;
    diagnostics.push(diagnostic({ file, span: positions.span(error.pos[0], error.pos[1]), rule: error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax', message }));
  }
  for (const warning of document.warnings) {
    diagnostics.push(diagnostic({ file, span: positions.span(warning.pos[0], warning.pos[1]), severity: 'warning', rule: 'yaml-syntax', message: `YAML: ${warning.message}` }));
  }
  if (document.errors.length > 0) return { yaml: { document, positions, value: undefined }, diagnostics };

  try {
    const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { yaml: { document, positions, value }, diagnostics };
  } catch (error) {
    const message = (error as Error).message;
    if (!/alias/i.test(message)) {
      diagnostics.push(diagnostic({ file, rule: 'yaml-syntax', message: `YAML: ${message}` }));
      return { yaml: { document, positions, value: undefined }, diagnostics };
    }
    let first: [number, number] | undefined;
    visit(document, {
      Alias(_, node) {
        if (isAlias(node) && node.range) first = [node.range[0], node.range[1]];
        return visit.BREAK;
      },
    });
    diagnostics.push(
      diagnostic({
        file,
        span: first ? positions.span(first[0], first[1]) : undefined,
        rule: 'yaml-aliases',
        message: `Too many alias expansions (more than ${MAX_ALIAS_COUNT}): ${message}. Write the values out instead of nesting aliases.`,
      }),
    );
    return { yaml: { document, positions, value: undefined }, diagnostics };
  }
}
