import { PLAN_FORMAT, type SurgicalPlan } from '@spinerecon/core';

// The plan being edited, kept in the browser until it is saved (as the landmark workspace keeps its drafts,
// persistence/): one draft per case, written on every change that differs from what was last opened or
// saved, removed when the editor is back to that state (saved, opened, new plan). Restored after a reload.

/** The saved plan the editor's content is based on (as the planning page tracks it). */
export interface DraftBase {
  readonly id: string;
  readonly baseVersion: number;
  readonly openedVersion: number;
}

export interface PlanDraft {
  readonly caseId: string;
  /** The editor's plan as typed: it may not be valid yet (an empty number is NaN). */
  readonly plan: SurgicalPlan;
  readonly title: string;
  readonly base?: DraftBase;
  readonly changedAt: string;
}

export interface PlanDraftStore {
  load(caseId: string): Promise<unknown>;
  save(draft: PlanDraft): Promise<void>;
  remove(caseId: string): Promise<void>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LISTS = ['osteotomies', 'cages', 'vertebralBodyReplacements', 'screws', 'rods'] as const;

function readBase(value: unknown): DraftBase | undefined | false {
  if (value === undefined) return undefined;
  if (!isObject(value)) return false;
  const { id, baseVersion, openedVersion } = value;
  if (typeof id !== 'string' || !Number.isInteger(baseVersion) || !Number.isInteger(openedVersion))
    return false;
  return { id, baseVersion: baseVersion as number, openedVersion: openedVersion as number };
}

/**
 * A stored draft of this case that the editor can show, or undefined: written by another version of the app, or
 * damaged, it is not used. The plan inside is checked only as far as the editor needs (its lists); what the core
 * would refuse is shown as errors next to the fields, as while typing.
 */
export function readPlanDraft(value: unknown, caseId: string): PlanDraft | undefined {
  if (!isObject(value) || value.caseId !== caseId) return undefined;
  const { plan, title, changedAt } = value;
  if (typeof title !== 'string' || typeof changedAt !== 'string') return undefined;
  if (!isObject(plan) || plan.format !== PLAN_FORMAT) return undefined;
  if (!LISTS.every((key) => Array.isArray(plan[key]))) return undefined;
  const base = readBase(value.base);
  if (base === false) return undefined;
  return {
    caseId,
    plan: plan as unknown as SurgicalPlan,
    title,
    ...(base === undefined ? {} : { base }),
    changedAt,
  };
}

/** What decides whether the editor has unsaved changes: the plan and its title. */
export function snapshotOf(plan: SurgicalPlan, title: string): string {
  // NaN (a cleared number field) is kept apart from null and from a missing value.
  return JSON.stringify([plan, title], (_key, value: unknown) =>
    typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value,
  );
}

export interface EditorState {
  readonly plan: SurgicalPlan;
  readonly title: string;
  readonly base: DraftBase | undefined;
}

/**
 * Keeps the draft of one case in step with the editor. Writes go one after the other (a later change never
 * lands before an earlier one); a store that fails (no IndexedDB) is reported once through `onError`.
 */
export class PlanDraftKeeper {
  private clean: string;
  private written: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly caseId: string,
    private readonly store: PlanDraftStore,
    clean: { readonly plan: SurgicalPlan; readonly title: string },
    /** A draft is stored already (it was restored): its snapshot. */
    restored: string | undefined,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.clean = snapshotOf(clean.plan, clean.title);
    this.written = restored;
  }

  /** The editor changed: keep it as the draft, or remove the draft when it is back to the clean state. */
  change(state: EditorState): Promise<void> {
    const snapshot = snapshotOf(state.plan, state.title);
    if (snapshot === this.clean) return this.remove();
    if (snapshot === this.written) return this.queue;
    this.written = snapshot;
    const draft: PlanDraft = {
      caseId: this.caseId,
      plan: state.plan,
      title: state.title,
      ...(state.base === undefined ? {} : { base: state.base }),
      changedAt: this.now().toISOString(),
    };
    return this.enqueue(() => this.store.save(draft));
  }

  /** The editor now shows what the server has (saved, opened) or a new empty plan: no draft. */
  markClean(plan: SurgicalPlan, title: string): Promise<void> {
    this.clean = snapshotOf(plan, title);
    return this.remove();
  }

  /** Resolves when every write asked for so far is done. */
  flush(): Promise<void> {
    return this.queue;
  }

  private remove(): Promise<void> {
    if (this.written === undefined) return this.queue;
    this.written = undefined;
    return this.enqueue(() => this.store.remove(this.caseId));
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(write).catch((error: unknown) => {
      if (!this.failed) this.onError(error);
      this.failed = true;
    });
    return this.queue;
  }
}
