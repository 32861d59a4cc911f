import { indexedDbStore } from '../persistence/indexedDbStore';
import type { PlanDraftStore } from './planDraft';

// Plan drafts in the browser's IndexedDB, one per case (the same way persistence/indexedDbDrafts.ts keeps the
// landmark drafts). A database of their own: adding a store to the landmark drafts' database would need a
// version upgrade, blocked while another tab holds it open.

const run = indexedDbStore('spinerecon-plan-drafts', 'planDrafts', 'caseId');

export const indexedDbPlanDrafts: PlanDraftStore = {
  load: (caseId) => run<unknown>('readonly', (store) => store.get(caseId)),
  save: async (draft) => {
    await run('readwrite', (store) => store.put(draft));
  },
  remove: async (caseId) => {
    await run('readwrite', (store) => store.delete(caseId));
  },
};
