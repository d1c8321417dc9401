import type { Severity, Span } from '../diagnostics/diagnostic.js';
import type { Source } from '../load/load.js';
import type { Pack } from '../model/pack.js';
import type { Validated } from '../validate/validate.js';
import type { FileText, Prose } from './text.js';
import type { WordList } from './words.js';

/** What a rule reports; the rule's id and configured severity are added by the runner. */
export interface Finding {
  file: string;
  span?: Span;
  message: string;
  /** A severity the rule chooses for this finding (e.g. placeholders under `--final`); configuration still wins. */
  severity?: Severity;
}

/** Everything a rule may read: the sources with positions, the validated model and, when it resolved, the pack. */
export interface CheckContext {
  sources: readonly Source[];
  validated: Validated;
  pack?: Pack;
  /** `--final`: the pack is about to be circulated. */
  final: boolean;
  words: WordList;
  /** The prose runs of every source, in reading order of the pack. */
  prose(): readonly Prose[];
  /** Line index of a source's text. */
  fileText(source: Source): FileText;
}

/**
 * One example of a rule: a small content directory (files added to, or replacing, a minimal valid
 * meeting) and the messages the rule must report, as `path:line:column: message` or
 * `path:line:column-endLine:endColumn: message`. An example with no messages must pass.
 */
export interface RuleExample {
  title: string;
  /** Files over the minimal meeting: text, bytes (an image), `null` to remove a file, `unreadable` for one that cannot be read, `outside` for a link out of the content directory. */
  files: Record<string, string | Uint8Array | null | { unreadable: true } | { outside: true }>;
  final?: boolean;
  /** The severity of its messages, when the rule chooses one other than its default (e.g. a warning for a near quote). */
  severity?: Severity;
  messages: string[];
}

export interface Rule {
  id: string;
  /** One paragraph: what the rule finds, why it matters and how to fix it. */
  doc: string;
  severity: Severity;
  /**
   * Checks run after load → validate → resolve. Rules without `check` are reported by those
   * stages themselves and are listed here for their documentation, examples and severity.
   */
  check?: (context: CheckContext) => Finding[] | Promise<Finding[]>;
  /** Under `--final` (`check --final`, `build --final`), every finding is an error that no setting turns off or down. */
  final?: boolean;
  /** False for the checks the pack cannot be built without; their severity cannot be changed. */
  configurable?: boolean;
  examples: RuleExample[];
}
