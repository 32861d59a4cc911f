import { EMPTY_PLAN, type SurgicalPlan } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { PlanDraftKeeper, readPlanDraft, snapshotOf, type PlanDraft, type PlanDraftStore } from './planDraft';

const PSO: SurgicalPlan = { ...EMPTY_PLAN, osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] };
const NOW = () => new Date('2026-05-01T10:00:00Z');

/** A store that records every write in order; `slow` delays saves so that a later write could overtake. */
function memoryStore(slow = false) {
  const drafts = new Map<string, PlanDraft>();
  const log: string[] = [];
  const store: PlanDraftStore = {
    load: async (caseId) => drafts.get(caseId),
    save: async (draft) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 5));
      drafts.set(draft.caseId, draft);
      log.push(`save ${draft.title}`);
    },
    remove: async (caseId) => {
      drafts.delete(caseId);
      log.push('remove');
    },
  };
  return { store, drafts, log };
}

const keeper = (store: PlanDraftStore, restored?: string, onError?: (e: unknown) => void) =>
  new PlanDraftKeeper('case-1', store, { plan: EMPTY_PLAN, title: '' }, restored, onError, NOW);

describe('PlanDraftKeeper', () => {
  it('keeps an edit as the draft of the case, with the saved version it is based on', async () => {
    const { store, drafts } = memoryStore();
    const base = { id: 'plan-1', baseVersion: 2, openedVersion: 2 };
    await keeper(store).change({ plan: PSO, title: 'L3 PSO', base });
    expect(drafts.get('case-1')).toEqual({
      caseId: 'case-1',
      plan: PSO,
      title: 'L3 PSO',
      base,
      changedAt: '2026-05-01T10:00:00.000Z',
    });
  });

  it('writes nothing while the editor shows what was opened, and removes the draft once saved', async () => {
    const { store, drafts, log } = memoryStore();
    const k = keeper(store);
    await k.change({ plan: EMPTY_PLAN, title: '', base: undefined });
    expect(log).toEqual([]);
    await k.change({ plan: PSO, title: 'x', base: undefined });
    expect(drafts.size).toBe(1);
    await k.markClean(PSO, 'x');
    expect(drafts.size).toBe(0);
    // The page's effect runs again with the saved state: nothing more is written.
    await k.change({ plan: PSO, title: 'x', base: { id: 'p', baseVersion: 1, openedVersion: 1 } });
    expect(log).toEqual(['save x', 'remove']);
  });

  it('removes the draft when an edit is undone back to the clean state', async () => {
    const { store, drafts } = memoryStore();
    const k = keeper(store);
    await k.change({ plan: PSO, title: '', base: undefined });
    await k.change({ plan: EMPTY_PLAN, title: '', base: undefined });
    expect(drafts.size).toBe(0);
  });

  it('writes in the order of the changes even when a save is slow', async () => {
    const { store, drafts, log } = memoryStore(true);
    const k = keeper(store);
    void k.change({ plan: PSO, title: 'first', base: undefined });
    void k.change({ plan: PSO, title: 'second', base: undefined });
    await k.flush();
    expect(log).toEqual(['save first', 'save second']);
    expect(drafts.get('case-1')?.title).toBe('second');
  });

  it('does not write a restored draft again, and removes it when the user starts a new plan', async () => {
    const { store, log } = memoryStore();
    const k = keeper(store, snapshotOf(PSO, 'kept'));
    await k.change({ plan: PSO, title: 'kept', base: undefined });
    expect(log).toEqual([]);
    await k.markClean(EMPTY_PLAN, '');
    expect(log).toEqual(['remove']);
  });

  it('reports a failing store once and keeps going', async () => {
    const errors: unknown[] = [];
    const failing: PlanDraftStore = {
      load: async () => undefined,
      save: async () => {
        throw new Error('no IndexedDB');
      },
      remove: async () => undefined,
    };
    const k = keeper(failing, undefined, (e) => errors.push(e));
    await k.change({ plan: PSO, title: 'a', base: undefined });
    await k.change({ plan: PSO, title: 'b', base: undefined });
    expect(errors).toHaveLength(1);
  });
});

describe('snapshotOf', () => {
  it('tells a cleared number field (NaN) from a missing one', () => {
    const cleared: SurgicalPlan = {
      ...EMPTY_PLAN,
      cages: [{ disc: 'L4', heightMm: Number.NaN, lordoticAngleDeg: 10 }],
    };
    const missing = {
      ...EMPTY_PLAN,
      cages: [{ disc: 'L4', lordoticAngleDeg: 10 }],
    } as unknown as SurgicalPlan;
    expect(snapshotOf(cleared, '')).not.toBe(snapshotOf(missing, ''));
  });
});

describe('readPlanDraft', () => {
  const stored = { caseId: 'case-1', plan: PSO, title: 't', changedAt: '2026-05-01T10:00:00.000Z' };

  it('reads a draft of this case, with or without the version it is based on', () => {
    expect(readPlanDraft(stored, 'case-1')).toEqual(stored);
    const based = { ...stored, base: { id: 'p', baseVersion: 3, openedVersion: 1 } };
    expect(readPlanDraft(based, 'case-1')).toEqual(based);
  });

  it('refuses a draft of another case, of another format, or without the lists the editor needs', () => {
    expect(readPlanDraft(stored, 'case-2')).toBeUndefined();
    expect(
      readPlanDraft({ ...stored, plan: { ...PSO, format: 'spinerecon.plan/2' } }, 'case-1'),
    ).toBeUndefined();
    const { screws: _screws, ...withoutScrews } = PSO;
    void _screws;
    expect(readPlanDraft({ ...stored, plan: withoutScrews }, 'case-1')).toBeUndefined();
    expect(readPlanDraft({ ...stored, base: { id: 'p', baseVersion: 'x' } }, 'case-1')).toBeUndefined();
    expect(readPlanDraft(undefined, 'case-1')).toBeUndefined();
  });
});
