/**
 * The edition filter: one model-to-model pass before any renderer. A document whose status the
 * edition does not carry in full keeps only what may be listed about it: its public title, status,
 * reason and note. Its body, biographies and working-group details are gone, so no renderer can
 * print them.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Pack, PackDocument, PackPerson } from '../model/pack.js';

/** The statuses every edition carries in full. */
export const CARRIED: ReadonlySet<PackDocument['status']> = new Set(['included']);

export function editionPack(pack: Pack, carries: ReadonlySet<PackDocument['status']> = CARRIED): Pack {
  const documents = new Map<string, PackDocument>();
  for (const [id, doc] of pack.documents) documents.set(id, carries.has(doc.status) ? doc : listedOnly(doc));
  // Only the images the carried documents show travel on.
  const shown = new Set<string>();
  const collect = (tree: Root) => visit(tree, 'image', (image) => void (image.data?.asset && shown.add(image.data.asset)));
  for (const doc of documents.values()) {
    collect(doc.body);
    for (const section of doc.people ?? []) forEachPerson(section, (person) => collect(person.biography));
  }
  const images = new Map([...(pack.images ?? [])].filter(([asset]) => shown.has(asset)));
  return { ...pack, documents, images };
}

function forEachPerson(section: NonNullable<PackDocument['people']>[number], each: (person: PackPerson) => void): void {
  section.people.forEach(each);
  for (const inner of section.sections) forEachPerson(inner, each);
}

function listedOnly(doc: PackDocument): PackDocument {
  return {
    kind: doc.kind,
    id: doc.id,
    title: doc.publicTitle ?? doc.title,
    status: doc.status,
    ...(doc.reason !== undefined ? { reason: doc.reason } : {}),
    ...(doc.note !== undefined ? { note: doc.note } : {}),
    authors: [],
    part: doc.part,
    body: { type: 'root', children: [] },
    file: doc.file,
    listedOnly: true,
  };
}
