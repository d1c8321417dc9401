import type { Root } from 'mdast';
import type { Edition } from '../editions/editions.js';
import type { AllowedPhrase } from '../editions/leaks.js';
import type { PackImage } from '../load/images.js';
import type {
  HowWorkingGroupsCanHelp,
  ImplementationPlan,
  Item,
  Meeting,
  Paper,
  PeerExchangeActivities,
  Person,
  Session,
  Table,
  ThenAndNowComparison,
  WorkingGroupSheet,
} from './sources.generated.js';

export type { Meeting, Paper, Person, Session, Item, WorkingGroupSheet, PackImage };
/** The contents of a file in `data/`, told apart by `kind`. */
export type DataSource = Table | PeerExchangeActivities | ThenAndNowComparison | ImplementationPlan | HowWorkingGroupsCanHelp;

/** A paper or working-group sheet as the pack shows it. */
export interface PackDocument {
  kind: 'paper' | 'working-group';
  id: string;
  title: string;
  status: Paper['status'];
  reason?: string;
  publicTitle?: string;
  /** Unique strings planted in a withheld document's text, searched for by the leak gate. */
  canaries: string[];
  note?: string;
  date?: string;
  authors: string[];
  part: 'papers' | 'annex';
  /** The document's Markdown body without its front matter; empty for a document with no text. */
  body: Root;
  /** For a paper of biographies: its groups, with each person's biography. */
  people?: PeopleSection[];
  /** For a working-group sheet: the group's acronym, name, co-anchors and contacts. */
  workingGroup?: Pick<WorkingGroupSheet, 'acronym' | 'name' | 'co_anchors' | 'contacts'>;
  /** Where it came from, for messages. */
  file: string;
  /** Set by the edition filter on a document the edition lists without its text. */
  listedOnly?: true;
}

export interface PeopleSection {
  heading: string;
  people: PackPerson[];
  sections: PeopleSection[];
}

export interface PackPerson extends Person {
  biography: Root;
  file: string;
}

/** An agenda item with its Markdown parsed (positions in the session file) and its end time. */
export interface PackItem extends Omit<Item, 'papers' | 'people' | 'remarks' | 'description' | 'questions'> {
  /** When the item ends (see `itemEnds`); absent when the agenda does not say. */
  end?: string;
  remarks?: Root;
  description?: Root;
  questions: Root[];
  /** Ids of the item's background papers, each present in `Pack.documents`. */
  papers: string[];
  people: PackPerson[];
}

/** A session note with its Markdown parsed. */
export interface PackNote {
  time?: string;
  text: Root;
}

export interface PackSession extends Omit<Session, 'items' | 'notes'> {
  notes: PackNote[];
  items: PackItem[];
  /** Where it came from, for messages (the leak gate's among them). */
  file?: string;
}

/** The resolved pack: every reference checked, every part in order. Renderers read only this. */
export interface Pack {
  meeting: Meeting;
  /** The editions to build, as declared in meeting.yaml or the defaults. */
  editions: Edition[];
  sessions: PackSession[];
  documents: Map<string, PackDocument>;
  /** Document ids of the background-papers part, in agenda order. */
  papers: string[];
  /** Document ids of the annex part, in annex order. */
  annex: string[];
  data: Map<string, DataSource>;
  /** The images the Markdown shows, by path relative to the content directory (`image.data.asset`). */
  images?: Map<string, PackImage>;
  /** Boilerplate `check.yaml` allows public and withheld papers to share (`withheld_text: allow`); never printed. */
  withheldAllowed?: AllowedPhrase[];
}
