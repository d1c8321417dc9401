/**
 * The edition filter: one model-to-model pass before any renderer. A document whose status the
 * edition does not carry in full keeps only what may be listed about it: its public title,
 * status, reason and note. Its body, biographies, working-group details, canaries and source
 * file are gone, with the images and data tables only such documents show, and a withheld one
 * also loses its id (it becomes `withheld-1`, …, in pack order), so that no renderer, file name
 * or manifest can show them.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Pack, PackDocument, PackPerson } from '../model/pack.js';
import type { Edition } from './editions.js';

export function editionPack(pack: Pack, edition: Edition): Pack {
  const ids = new Map<string, string>();
  let withheld = 0;
  for (const id of [...pack.papers, ...pack.annex, ...pack.documents.keys()]) {
    if (ids.has(id)) continue;
    const doc = pack.documents.get(id)!;
    ids.set(id, doc.status === 'withheld' && !edition.carries.has('withheld') ? `withheld-${++withheld}` : id);
  }
  const rename = (id: string) => ids.get(id) ?? id;

  const documents = new Map<string, PackDocument>();
  for (const [id, doc] of pack.documents) documents.set(rename(id), edition.carries.has(doc.status) ? doc : listedOnly(doc, rename(id)));
  // Only the images the carried documents show travel on.
  const shown = new Set<string>();
  const collect = (tree: Root) => visit(tree, 'image', (image) => void (image.data?.asset && shown.add(image.data.asset)));
  for (const doc of documents.values()) {
    collect(doc.body);
    for (const section of doc.people ?? []) forEachPerson(section, (person) => collect(person.biography));
  }
  const images = new Map([...(pack.images ?? [])].filter(([asset]) => shown.has(asset)));
  // Likewise the data tables: rows only a withheld paper shows are its secrets.
  const tables = new Set<string>();
  for (const doc of documents.values()) for (const node of doc.body.children) if (node.type === 'leafDirective' && node.name === 'table' && node.attributes?.data) tables.add(node.attributes.data);
  const data = new Map([...pack.data].filter(([name]) => tables.has(name)));
  return {
    ...pack,
    editions: [edition],
    sessions: pack.sessions.map((session) => ({ ...session, items: session.items.map((item) => ({ ...item, papers: item.papers.map(rename) })) })),
    documents,
    papers: pack.papers.map(rename),
    annex: pack.annex.map(rename),
    images,
    data,
  };
}

function forEachPerson(section: NonNullable<PackDocument['people']>[number], each: (person: PackPerson) => void): void {
  section.people.forEach(each);
  for (const inner of section.sections) forEachPerson(inner, each);
}

function listedOnly(doc: PackDocument, id: string): PackDocument {
  return {
    kind: doc.kind,
    id,
    title: doc.publicTitle ?? doc.title,
    status: doc.status,
    ...(doc.reason !== undefined ? { reason: doc.reason } : {}),
    ...(doc.note !== undefined ? { note: doc.note } : {}),
    canaries: [],
    authors: [],
    part: doc.part,
    body: { type: 'root', children: [] },
    file: doc.status === 'withheld' ? '' : doc.file,
    listedOnly: true,
  };
}
