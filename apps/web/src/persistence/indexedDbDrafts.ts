import type { Draft, DraftStore } from './autosave';

// Drafts in the browser's IndexedDB, one per radiograph: what was changed but not yet saved on the server.

const DATABASE = 'spinerecon-drafts';
const STORE = 'landmarkDrafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'radiographId' });
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
