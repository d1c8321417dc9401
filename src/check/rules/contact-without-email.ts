import { at } from '../documents.js';
import type { Finding, Rule } from '../rule.js';

const sheet = (contact: string) => `---\nid: w\ntitle: W\nacronym: WG\nname: W Group\nco_anchors: [Government of Canada]\ncontacts:\n${contact}status: to-follow\n---\n`;

export const contactWithoutEmail: Rule = {
  id: 'contact-without-email',
  doc: "A working group's contact is there to be contacted: without an `email` a reader has no way to reach them. Add the contact's email address.",
  severity: 'warning',
  check(context) {
    return context.validated.workingGroups.flatMap((group) =>
      (group.value.contacts ?? []).flatMap((contact, i): Finding[] => (contact.email ? [] : [at(group, ['contacts', i, 'name'], `Contact ${contact.name} has no \`email\`. Add an address readers can write to.`)])),
    );
  },
  examples: [
    { title: 'a contact without email', files: { 'working-groups/w.md': sheet('  - name: Jose M. Alonso\n    role: Program Manager\n') }, messages: ['working-groups/w.md:8:11-8:25: Contact Jose M. Alonso has no `email`. Add an address readers can write to.'] },
    { title: 'a contact with email', files: { 'working-groups/w.md': sheet('  - name: Jose M. Alonso\n    email: jose.alonso@webfoundation.org\n') }, messages: [] },
  ],
};
