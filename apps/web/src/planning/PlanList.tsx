import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PlanSummary } from '../api/types';
import { messageOf } from '../api/client';
import { formatDate } from '../labels';
import { planApi, type PlanVersionEntry } from './planApi';

// The case's plans and, for the one asked, its versions; "Open" loads a version into the editor.

export interface PlanListProps {
  readonly plans: readonly PlanSummary[];
  readonly currentId: string | undefined;
  /** Changes after every save: the versions shown are then loaded again. */
  readonly revision: number;
  readonly onOpen: (planId: string, version: number | undefined) => void;
  /** Where the printable rod template of a plan (its latest version) is. */
  readonly templateLink?: (planId: string) => string;
}

export function PlanList({ plans, currentId, revision, onOpen, templateLink }: PlanListProps) {
  const [expanded, setExpanded] = useState<string | undefined>(currentId);
  useEffect(() => setExpanded(currentId), [currentId]);
  if (plans.length === 0) return <p className="muted">No saved plan for this case yet.</p>;
  return (
    <ul className="plan-list">
      {plans.map((p) => (
        <li key={p.id} data-plan-id={p.id} data-current={p.id === currentId ? 'true' : undefined}>
          <div className="plan-list-head">
            <strong className="plan-title">{p.title}</strong> <span className="muted">v{p.version}</span>
            <button type="button" className="small secondary" onClick={() => onOpen(p.id, undefined)}>
              Open
            </button>
            <button
              type="button"
              className="small secondary"
              aria-expanded={expanded === p.id}
              onClick={() => setExpanded(expanded === p.id ? undefined : p.id)}
            >
              Versions
            </button>
            {templateLink !== undefined && (
              <Link className="small" to={templateLink(p.id)}>
                Rod template
              </Link>
            )}
            <a
              className="small"
              href={`/api/v1/plans/${encodeURIComponent(p.id)}/report.pdf`}
              target="_blank"
              rel="noopener noreferrer"
            >
              Planning report (PDF)
            </a>
          </div>
          {expanded === p.id && <Versions planId={p.id} revision={revision} onOpen={onOpen} />}
        </li>
      ))}
    </ul>
  );
}

function Versions(props: {
  readonly planId: string;
  readonly revision: number;
  readonly onOpen: PlanListProps['onOpen'];
}) {
  const { planId, revision, onOpen } = props;
  const [state, setState] = useState<{ versions?: readonly PlanVersionEntry[]; error?: string }>({});
  useEffect(() => {
    const controller = new AbortController();
    planApi.versions(planId, controller.signal).then(
      (versions) => setState({ versions }),
      (error: unknown) => !controller.signal.aborted && setState({ error: messageOf(error) }),
    );
    return () => controller.abort();
  }, [planId, revision]);
  if (state.error !== undefined) return <p className="error-note">{state.error}</p>;
  if (state.versions === undefined) return <p className="muted">Loading the versions…</p>;
  return (
    <ol className="plan-versions" aria-label="Versions">
      {state.versions.map((v) => (
        <li key={v.version} data-version={v.version}>
          v{v.version} — {v.savedBy}, {formatDate(v.savedAt)} {new Date(v.savedAt).toLocaleTimeString()}{' '}
          <button type="button" className="small secondary" onClick={() => onOpen(planId, v.version)}>
            Open v{v.version}
          </button>
        </li>
      ))}
    </ol>
  );
}
