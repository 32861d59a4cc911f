import { lazy, Suspense, useCallback, useState } from 'react';
import type { RecoverySectionProps } from '../recovery/sectionProps';
import { QuestionnaireSection } from './QuestionnaireSection';
import './outcomes.css';

// The charts carry recharts: loaded only when the recovery page shows them.
const ChartsSection = lazy(() =>
  import('./ChartsSection').then((module) => ({ default: module.ChartsSection })),
);

/** The recovery page's outcome sections: questionnaires, then the charts, refreshed together. */
export function RecoveryOutcomes({ caseId }: Pick<RecoverySectionProps, 'caseId'>) {
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((n) => n + 1), []);
  return (
    <>
      <QuestionnaireSection caseId={caseId} revision={revision} onChanged={changed} />
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading the charts…
          </p>
        }
      >
        <ChartsSection caseId={caseId} revision={revision} />
      </Suspense>
    </>
  );
}
