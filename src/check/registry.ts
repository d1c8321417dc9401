import type { Rule } from './rule.js';
import { acronyms } from './rules/acronyms.js';
import { agendaEnd } from './rules/agenda-end.js';
import { agendaStart } from './rules/agenda-start.js';
import { agendaOverlap } from './rules/agenda-overlap.js';
import { agendaSessionBounds } from './rules/agenda-session-bounds.js';
import { agendaTimeOrder } from './rules/agenda-time-order.js';
import { canary } from './rules/canary.js';
import { contactWithoutEmail } from './rules/contact-without-email.js';
import { doubleSpaces } from './rules/double-spaces.js';
import { editionAudience, editionAudienceInferred } from './rules/edition-audience.js';
import { emptyHeading } from './rules/empty-heading.js';
import { emptyPaper } from './rules/empty-paper.js';
import { FOUNDATION_RULES } from './rules/foundation.js';
import { imageLimit } from './rules/image-limit.js';
import { inconsistentNames } from './rules/inconsistent-names.js';
import { internalLink } from './rules/internal-link.js';
import { bidiOverride } from './rules/bidi-override.js';
import { invisibleCharacters } from './rules/invisible-characters.js';
import { listNumbering } from './rules/list-numbering.js';
import { malformedEmail } from './rules/malformed-email.js';
import { malformedUrl } from './rules/malformed-url.js';
import { meetingBody } from './rules/meeting-body.js';
import { mixedScript } from './rules/mixed-script.js';
import { atMeeting, toFollow, withheldReason } from './rules/placeholders.js';
import { rawHtml } from './rules/raw-html.js';
import { repeatedWords } from './rules/repeated-words.js';
import { scaffold } from './rules/scaffold.js';
import { sessionCollision } from './rules/session-collision.js';
import { spelling } from './rules/spelling.js';
import { unbalancedBrackets } from './rules/unbalanced-brackets.js';
import { unbalancedQuotes } from './rules/unbalanced-quotes.js';
import { unreferencedPaper } from './rules/unreferenced-paper.js';
import { weekday } from './rules/weekday.js';
import { withheldText } from './rules/withheld-text.js';
import { wordProcessingResidue } from './rules/word-processing-residue.js';

/** Every rule, in the order `ogp-pack check --list-rules` lists them. */
export const RULES: readonly Rule[] = [
  ...FOUNDATION_RULES,
  imageLimit,
  // Structure and placeholders
  unreferencedPaper,
  emptyPaper,
  withheldReason,
  canary,
  withheldText,
  editionAudience,
  editionAudienceInferred,
  invisibleCharacters,
  bidiOverride,
  mixedScript,
  toFollow,
  atMeeting,
  meetingBody,
  scaffold,
  // Agenda timing
  agendaTimeOrder,
  agendaOverlap,
  agendaSessionBounds,
  agendaStart,
  agendaEnd,
  weekday,
  sessionCollision,
  // Word-processing leftovers
  wordProcessingResidue,
  emptyHeading,
  listNumbering,
  rawHtml,
  // Proofreading
  repeatedWords,
  unbalancedBrackets,
  unbalancedQuotes,
  doubleSpaces,
  spelling,
  // Contacts, links, names
  malformedEmail,
  malformedUrl,
  internalLink,
  contactWithoutEmail,
  inconsistentNames,
  acronyms,
];

/** The rules whose findings `--final` makes errors that no setting turns off. */
export const FINAL_RULES: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.final).map((rule) => rule.id));
