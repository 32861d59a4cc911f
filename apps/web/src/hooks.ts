import { useCallback, useEffect, useState } from 'react';

// Loading data for a page: the value, the error, and a way to load again.

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ready'; readonly value: T };

/** Runs `load` now and whenever `key` changes or `reload()` is called; stale answers are dropped. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', error }),
    );
    return () => controller.abort();
    // `load` is recreated on every render; `key` says when it asks for something else.
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [state, reload];
}
