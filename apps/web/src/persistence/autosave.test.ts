import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LandmarkSet } from '../protocols/landmarks';
import { Autosave, type AutosaveStatus, type Draft, type DraftStore, type SaveOutcome } from './autosave';

const set = (x: number): LandmarkSet => ({ vertebrae: { L1: { superiorAnterior: [x, 0] } } });

function memoryStore(): DraftStore & { drafts: Map<string, Draft> } {
  const drafts = new Map<string, Draft>();
  return {
    drafts,
    load: async (id) => drafts.get(id),
    save: async (draft) => void drafts.set(draft.radiographId, draft),
    remove: async (id) => void drafts.delete(id),
  };
}

/** A server that answers in order from a list of outcomes and records what it was sent. */
function server(...outcomes: SaveOutcome[]) {
  const sent: { set: LandmarkSet; baseVersion: number }[] = [];
  return {
    sent,
    save: vi.fn(async (s: LandmarkSet, baseVersion: number) => {
      sent.push({ set: s, baseVersion });
      return outcomes.shift() ?? { kind: 'unreachable' as const };
    }),
  };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start(save: ReturnType<typeof server>, store = memoryStore(), baseVersion = 3) {
    const statuses: AutosaveStatus['kind'][] = [];
    const autosave = new Autosave({
      radiographId: 'r1',
      baseVersion,
      save: save.save,
      store,
      debounceMs: 500,
      retryMs: 2000,
      onStatus: (s) => statuses.push(s.kind),
    });
    return { autosave, statuses, store };
  }

  it('saves once after a pause in a burst of changes, on top of the version edited, then drops the draft', async () => {
    const api = server({ kind: 'saved', version: 4 });
    const { autosave, store } = start(api);
    await autosave.change(set(1));
    await autosave.change(set(2));
    expect(store.drafts.get('r1')?.set).toEqual(set(2));
    await vi.advanceTimersByTimeAsync(499);
    expect(api.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.sent).toEqual([{ set: set(2), baseVersion: 3 }]);
    expect(autosave.current).toEqual({ kind: 'saved', version: 4 });
    expect(store.drafts.size).toBe(0);
  });

  it('keeps the draft while the server is unreachable and sends it when it is back', async () => {
    const api = server({ kind: 'unreachable' }, { kind: 'unreachable' }, { kind: 'saved', version: 4 });
    const { autosave, store, statuses } = start(api);
    await autosave.change(set(7));
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.current.kind).toBe('offline');
    expect(store.drafts.get('r1')).toMatchObject({ baseVersion: 3, set: set(7) });
    await vi.advanceTimersByTimeAsync(2000);
    expect(autosave.current.kind).toBe('offline');
    await vi.advanceTimersByTimeAsync(2000);
    expect(autosave.current).toEqual({ kind: 'saved', version: 4 });
    expect(api.sent.map((s) => s.baseVersion)).toEqual([3, 3, 3]);
    expect(store.drafts.size).toBe(0);
    expect(statuses).toEqual(['pending', 'saving', 'offline', 'saving', 'offline', 'saving', 'saved']);
  });

  it('stops at a conflict with both versions, and keeps mine on top of theirs when asked', async () => {
    const theirs = { version: 5, set: set(50) };
    const api = server({ kind: 'conflict', current: theirs }, { kind: 'saved', version: 6 });
    const { autosave, store } = start(api);
    await autosave.change(set(9));
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.current).toEqual({ kind: 'conflict', mine: set(9), theirs });
    await autosave.change(set(10)); // ignored until the user chooses: nothing is overwritten silently
    expect(store.drafts.get('r1')?.set).toEqual(set(9));
    const kept = await autosave.resolve('mine');
    expect(kept).toEqual(set(9));
    expect(api.sent.at(-1)).toEqual({ set: set(9), baseVersion: 5 });
    expect(autosave.current).toEqual({ kind: 'saved', version: 6 });
  });

  it('needs no choice when the version found is the very set it was sending (a lost answer)', async () => {
    const api = server({ kind: 'conflict', current: { version: 4, set: set(9) } });
    const { autosave, store } = start(api);
    await autosave.change(set(9));
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.current).toEqual({ kind: 'saved', version: 4 });
    expect(store.drafts.size).toBe(0);
  });

  it('takes theirs and drops my draft when asked', async () => {
    const theirs = { version: 5, set: set(50) };
    const api = server({ kind: 'conflict', current: theirs });
    const { autosave, store } = start(api);
    await autosave.change(set(9));
    await vi.advanceTimersByTimeAsync(500);
    expect(await autosave.resolve('theirs')).toEqual(set(50));
    expect(store.drafts.size).toBe(0);
    expect(autosave.current).toEqual({ kind: 'saved', version: 5 });
    expect(api.save).toHaveBeenCalledTimes(1);
  });

  it('sends a change made during a save as the next version', async () => {
    let release: (outcome: SaveOutcome) => void = () => undefined;
    const slow = {
      sent: [] as { set: LandmarkSet; baseVersion: number }[],
      save: vi.fn((s: LandmarkSet, baseVersion: number) => {
        slow.sent.push({ set: s, baseVersion });
        return slow.sent.length === 1
          ? new Promise<SaveOutcome>((resolve) => (release = resolve))
          : Promise.resolve<SaveOutcome>({ kind: 'saved', version: 5 });
      }),
    };
    const { autosave } = start(slow);
    await autosave.change(set(1));
    await vi.advanceTimersByTimeAsync(500);
    await autosave.change(set(2));
    release({ kind: 'saved', version: 4 });
    await vi.advanceTimersByTimeAsync(500);
    expect(slow.sent).toEqual([
      { set: set(1), baseVersion: 3 },
      { set: set(2), baseVersion: 4 },
    ]);
    expect(autosave.current).toEqual({ kind: 'saved', version: 5 });
  });
});

describe('autosave when the server refuses the set', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the draft, says why, and does not retry until the next change', async () => {
    const store = memoryStore();
    const save = vi.fn(async (): Promise<SaveOutcome> => ({
      kind: 'refused',
      message: '$.vertebrae.L6: unknown level',
    }));
    const autosave = new Autosave({
      radiographId: 'r1',
      baseVersion: 0,
      save,
      store,
      debounceMs: 10,
      onStatus: () => undefined,
    });
    await autosave.change(set(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.current).toEqual({ kind: 'refused', message: '$.vertebrae.L6: unknown level' });
    expect(store.drafts.get('r1')?.set).toEqual(set(1));
  });
});
