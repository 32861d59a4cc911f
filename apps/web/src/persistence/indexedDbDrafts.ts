import { indexedDbStore } from './indexedDbStore';
import type { Draft, DraftStore } from './autosave';

// Drafts in the browser's IndexedDB, one per radiograph: what was changed but not yet saved on the server.

const run = indexedDbStore('spinerecon-drafts', 'landmarkDrafts', 'radiographId');

export const indexedDbDrafts: DraftStore = {
  load: (radiographId) =>
    run<Draft | undefined>('readonly', (store) => store.get(radiographId) as IDBRequest<Draft | undefined>),
  save: async (draft) => {
    await run('readwrite', (store) => store.put(draft));
  },
  remove: async (radiographId) => {
    await run('readwrite', (store) => store.delete(radiographId));
  },
};
