import { EMPTY_PLAN, type SurgicalPlan } from '@spinerecon/core';
import { useCallback, useEffect, useState } from 'react';
import { PlanDraftKeeper, readPlanDraft, snapshotOf, type EditorState, type PlanDraft } from './planDraft';
import { indexedDbPlanDrafts } from './planDraftStore';

// The planning page's draft: loaded with the page (so it is there before the first edit), then kept in step
// with the editor by a PlanDraftKeeper.

/** The draft this browser kept for a case, if it can be shown; a store that cannot be read gives none. */
export async function loadPlanDraft(caseId: string): Promise<PlanDraft | undefined> {
  try {
    return readPlanDraft(await indexedDbPlanDrafts.load(caseId), caseId);
  } catch {
    return undefined;
  }
}

export interface PlanDraftControl {
  /** Call when the editor shows a saved version or a new plan: the draft is removed. */
  readonly markClean: (plan: SurgicalPlan, title: string) => void;
  /** Set once writing a draft failed: unsaved changes are then not kept across a reload. */
  readonly failed: boolean;
}

export function usePlanDraft(
  caseId: string,
  restored: PlanDraft | undefined,
  state: EditorState,
): PlanDraftControl {
  const [failed, setFailed] = useState(false);
  const [keeper] = useState(
    () =>
      new PlanDraftKeeper(
        caseId,
        indexedDbPlanDrafts,
        { plan: EMPTY_PLAN, title: '' },
        restored === undefined ? undefined : snapshotOf(restored.plan, restored.title),
        () => setFailed(true),
      ),
  );
  const { plan, title, base } = state;
  useEffect(() => {
    void keeper.change({ plan, title, base });
  }, [keeper, plan, title, base]);
  const markClean = useCallback(
    (cleanPlan: SurgicalPlan, cleanTitle: string) => void keeper.markClean(cleanPlan, cleanTitle),
    [keeper],
  );
  return { markClean, failed };
}
