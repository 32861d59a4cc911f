import type { PlanDraftStore } from './planDraft';

// Plan drafts in the browser's IndexedDB, one per case (the same way persistence/indexedDbDrafts.ts keeps the
// landmark drafts). A database of their own: adding a store to the landmark drafts' database would need a
// version upgrade, blocked while another tab holds it open.

const DATABASE = 'spinerecon-plan-drafts';
const STORE = 'planDrafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'caseId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = () => {
          db.close();
          reject(transaction.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

export const indexedDbPlanDrafts: PlanDraftStore = {
  load: (caseId) => run<unknown>('readonly', (store) => store.get(caseId)),
  save: async (draft) => {
    await run('readwrite', (store) => store.put(draft));
  },
  remove: async (caseId) => {
    await run('readwrite', (store) => store.delete(caseId));
  },
};
