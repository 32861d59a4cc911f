// One object store in its own IndexedDB database: each request opens the database, runs one transaction and
// closes it again, so no tab holds a database open and blocks another's upgrade.

export type RunInStore = <T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
) => Promise<T>;

/** The runner of one store (`keyPath` names the records' key), created on first use. */
export function indexedDbStore(database: string, store: string, keyPath: string): RunInStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    });
  return <T>(mode: IDBTransactionMode, action: (objects: IDBObjectStore) => IDBRequest<T>) =>
    open().then(
      (db) =>
        new Promise<T>((resolve, reject) => {
          const transaction = db.transaction(store, mode);
          const request = action(transaction.objectStore(store));
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
