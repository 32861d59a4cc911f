import { validatePlan, type SurgicalPlan } from '@spinerecon/core';
import { useState } from 'react';
import { messageOf } from '../api/client';
import type { PlanSummary } from '../api/types';
import { planApi } from '../planning/planApi';

// Which plan (and version) of the case the operation followed: its elements are copied into "performed",
// to edit there into what was actually done.

export interface PickedPlan {
  readonly planId: string;
  readonly version: number;
  readonly title: string;
  readonly plan: SurgicalPlan;
}

/** The version of a plan as a plan the core accepts, or the core's first complaint. */
export async function loadPlanVersion(planId: string, version: number): Promise<PickedPlan> {
  const stored = await planApi.version(planId, version);
  const checked = validatePlan(stored.content);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new Error(
      `“${stored.title}” v${version} is not a valid plan: ${first?.path ?? ''} ${first?.message ?? ''}`,
    );
  }
  return { planId, version, title: stored.title, plan: checked.value };
}

export function PlanPicker(props: {
  readonly plans: readonly PlanSummary[];
  readonly chosen: { readonly planId?: string; readonly planVersion?: number };
  readonly disabled: boolean;
  readonly onPick: (picked: PickedPlan) => void;
}) {
  const { plans } = props;
  const [planId, setPlanId] = useState(props.chosen.planId ?? plans[0]?.id ?? '');
  const summary = plans.find((p) => p.id === planId);
  const [version, setVersion] = useState(props.chosen.planVersion ?? summary?.version ?? 1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (plans.length === 0) {
    return (
      <p className="muted" data-testid="no-plan">
        This case has no saved plan: record what was performed below.
      </p>
    );
  }
  const copy = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onPick(await loadPlanVersion(planId, version));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="plan-picker">
      <div className="plan-row">
        <label className="plan-field">
          <span>Plan followed</span>
          <select
            value={planId}
            onChange={(e) => {
              setPlanId(e.target.value);
              setVersion(plans.find((p) => p.id === e.target.value)?.version ?? 1);
            }}
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="plan-field">
          <span>Version</span>
          <select value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {Array.from({ length: summary?.version ?? 1 }, (_, i) => i + 1)
              .reverse()
              .map((v) => (
                <option key={v} value={v}>
                  v{v}
                  {v === summary?.version ? ' (latest)' : ''}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          disabled={props.disabled || busy || planId === ''}
          onClick={() => void copy()}
        >
          {busy ? 'Copying…' : 'Copy the plan into “performed”'}
        </button>
      </div>
      {error !== undefined && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
