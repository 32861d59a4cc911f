import { useEffect, useId, useRef, useState } from 'react';
import { apiUrl } from '../api/client';
import { ErrorNote } from '../components/ErrorNote';
import { DIAGNOSES, formatBytes, label } from '../labels';
import {
  downloadResearchExport,
  percentOf,
  type ExportFormat,
  type ExportProgress,
  type ExportResult,
} from '../research/exportDownload';

// `/research/export`: the de-identified research export (GET /research/export; docs/formats/research-export.md)
// as NDJSON or CSV, with a progress bar from the number of cases the server announces.

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: ExportProgress }
  | { readonly kind: 'done'; readonly result: ExportResult; readonly url: string }
  | { readonly kind: 'failed'; readonly error: unknown };

export function ResearchExportPage() {
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [diagnosis, setDiagnosis] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const id = useId();

  // Stop a running export and free a finished file when the page is left.
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (phase.kind !== 'done') return undefined;
    return () => URL.revokeObjectURL(phase.url);
  }, [phase]);

  const start = () => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', progress: { casesReceived: 0, totalCases: null, bytesReceived: 0 } });
    downloadResearchExport(
      format,
      diagnosis === '' ? undefined : diagnosis,
      (progress) => setPhase({ kind: 'running', progress }),
      controller.signal,
    ).then(
      (result) => setPhase({ kind: 'done', result, url: URL.createObjectURL(result.blob) }),
      (error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError'))
          setPhase({ kind: 'failed', error });
      },
    );
  };

  const running = phase.kind === 'running';
  return (
    <section className="page">
      <div className="page-title">
        <h1>Research export</h1>
      </div>
      <p className="info-note">
        Every case de-identified: pseudonyms instead of names and MRNs, age in years, dates as the
        installation’s date setting says, no free text. One case per line (NDJSON) or per row (CSV); see the{' '}
        <a href={apiUrl('/research/export/dictionary')} target="_blank" rel="noreferrer">
          data dictionary
        </a>
        .
      </p>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Export</h2>
        <fieldset className="choice" disabled={running}>
          <legend>Format</legend>
          {(['ndjson', 'csv'] as const).map((value) => (
            <label key={value} className="inline">
              <input
                type="radio"
                name={`${id}-format`}
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />{' '}
              {value === 'ndjson' ? 'NDJSON (every film, landmarks, outcomes)' : 'CSV (one row per case)'}
            </label>
          ))}
        </fieldset>
        <label className="inline">
          Diagnosis{' '}
          <select value={diagnosis} disabled={running} onChange={(event) => setDiagnosis(event.target.value)}>
            <option value="">All</option>
            {DIAGNOSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </label>
        <p>
          {running ? (
            <button type="button" className="secondary" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={start}>
              Export
            </button>
          )}
        </p>
        {phase.kind === 'running' && <Progress progress={phase.progress} />}
        {phase.kind === 'done' && (
          <p role="status">
            {phase.result.casesReceived} of {phase.result.totalCases ?? '?'} cases (
            {formatBytes(phase.result.blob.size)}).{' '}
            <a href={phase.url} download={phase.result.fileName}>
              Save {phase.result.fileName}
            </a>
            {phase.result.totalCases !== null && phase.result.casesReceived < phase.result.totalCases && (
              <strong> The export stopped early: it is incomplete.</strong>
            )}
          </p>
        )}
        {phase.kind === 'failed' && <ErrorNote error={phase.error} />}
      </section>
    </section>
  );
}

function Progress({ progress }: { readonly progress: ExportProgress }) {
  const percent = percentOf(progress);
  return (
    <div className="progress" aria-live="polite">
      <span className="file-name">
        {progress.casesReceived} of {progress.totalCases ?? '…'} cases ({formatBytes(progress.bytesReceived)})
      </span>
      <progress max={100} value={percent ?? undefined} aria-label="Export progress" />
      <span className="percent">{percent === null ? '…' : `${percent} %`}</span>
    </div>
  );
}
