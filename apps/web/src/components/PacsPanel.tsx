import { useState, type FormEvent } from 'react';
import { pacsApi } from '../api/endpoints';
import type { PacsInstance, PacsSeries, PacsStudy } from '../api/types';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { ErrorNote } from './ErrorNote';

// The hospital PACS (DICOMweb): search studies, open a study's series and a series' images, import one.
// When no PACS is configured, or the user's role may not use it, the panel only says so.

type View = 'lateral' | 'coronal';

/** `20240305` (DICOM DA) → an ISO date for formatDate. */
const dicomDate = (value: string | undefined) =>
  value !== undefined && /^\d{8}$/.test(value)
    ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}`
    : value;

export function PacsPanel({
  caseId,
  onImported,
}: {
  readonly caseId: string;
  readonly onImported: () => void;
}) {
  const [probe] = useLoad((signal) => pacsApi.status(signal), 'pacs-status');
  if (probe.status === 'loading') return null;
  if (probe.status === 'error') return <ErrorNote error={probe.error} />;
  if (!probe.value.configured || !probe.value.mayUse) {
    return (
      <section className="card pacs" aria-labelledby="pacs-title">
        <h2 id="pacs-title">PACS</h2>
        <p className="muted" data-testid="no-pacs">
          {probe.value.configured ? 'Your role may not use the PACS.' : 'No PACS configured on this server.'}
        </p>
      </section>
    );
  }
  return <PacsSearch caseId={caseId} onImported={onImported} />;
}

function PacsSearch({ caseId, onImported }: { readonly caseId: string; readonly onImported: () => void }) {
  const [patientId, setPatientId] = useState('');
  const [patientName, setPatientName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [studies, setStudies] = useState<readonly PacsStudy[]>();
  const [error, setError] = useState<unknown>();

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const answer = await pacsApi.studies({
        ...(patientId.trim() === '' ? {} : { patientId: patientId.trim() }),
        ...(patientName.trim() === '' ? {} : { patientName: patientName.trim() }),
        ...(from === '' ? {} : { studyDateFrom: from }),
        ...(to === '' ? {} : { studyDateTo: to }),
      });
      setStudies(answer.items);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="card pacs" aria-labelledby="pacs-title">
      <h2 id="pacs-title">Import from the PACS</h2>
      <form className="grid" onSubmit={(event) => void search(event)} role="search">
        <label>
          Patient ID
          <input value={patientId} onChange={(event) => setPatientId(event.target.value)} />
        </label>
        <label>
          Patient name
          <input
            value={patientName}
            placeholder="DOE^J*"
            onChange={(event) => setPatientName(event.target.value)}
          />
        </label>
        <label>
          Study date from
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          to
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="submit" className="align-end">
          Search the PACS
        </button>
      </form>
      <ErrorNote error={error} />
      {studies !== undefined && studies.length === 0 && <p className="muted">No study found.</p>}
      {studies !== undefined && studies.length > 0 && (
        <ul className="pacs-list">
          {studies.map((study) => (
            <StudyRow key={study.studyInstanceUid} study={study} caseId={caseId} onImported={onImported} />
          ))}
        </ul>
      )}
    </section>
  );
}

function StudyRow({
  study,
  caseId,
  onImported,
}: {
  readonly study: PacsStudy;
  readonly caseId: string;
  readonly onImported: () => void;
}) {
  const [series, setSeries] = useState<readonly PacsSeries[]>();
  const [error, setError] = useState<unknown>();
  const open = async () => {
    try {
      setSeries((await pacsApi.series(study.studyInstanceUid)).items);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <li>
      <div className="row">
        <span>
          <strong>{study.patientName ?? 'No name'}</strong> · {study.patientId ?? 'no id'} ·{' '}
          {formatDate(dicomDate(study.studyDate))} · {study.studyDescription ?? 'no description'} ·{' '}
          {study.modalities.join(', ')}
        </span>
        <button
          type="button"
          className="secondary small"
          onClick={() => void open()}
          disabled={series !== undefined}
        >
          Series
        </button>
      </div>
      <ErrorNote error={error} />
      {series !== undefined && (
        <ul>
          {series.map((item) => (
            <SeriesRow
              key={item.seriesInstanceUid}
              studyUid={study.studyInstanceUid}
              series={item}
              caseId={caseId}
              onImported={onImported}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function SeriesRow(props: {
  readonly studyUid: string;
  readonly series: PacsSeries;
  readonly caseId: string;
  readonly onImported: () => void;
}) {
  const { studyUid, series, caseId, onImported } = props;
  const [instances, setInstances] = useState<readonly PacsInstance[]>();
  const [view, setView] = useState<View>(
    series.viewPosition === 'LL' || series.viewPosition === 'RL' ? 'lateral' : 'coronal',
  );
  const [error, setError] = useState<unknown>();
  const [imported, setImported] = useState<string>();
  const open = async () => {
    try {
      setInstances((await pacsApi.instances(studyUid, series.seriesInstanceUid)).items);
    } catch (failure) {
      setError(failure);
    }
  };
  const importOne = async (instance: PacsInstance) => {
    setError(undefined);
    try {
      await pacsApi.importInstance(caseId, {
        studyInstanceUid: studyUid,
        seriesInstanceUid: series.seriesInstanceUid,
        sopInstanceUid: instance.sopInstanceUid,
        view,
      });
      setImported(instance.sopInstanceUid);
      onImported();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <li>
      <div className="row">
        <span>
          {series.modality ?? '?'} · {series.seriesDescription ?? 'no description'} ·{' '}
          {series.viewPosition ?? ''} ({series.numberOfInstances ?? '?'} images)
        </span>
        <label className="inline">
          Import as{' '}
          <select value={view} onChange={(event) => setView(event.target.value as View)}>
            <option value="coronal">Coronal</option>
            <option value="lateral">Lateral</option>
          </select>
        </label>
        <button
          type="button"
          className="secondary small"
          onClick={() => void open()}
          disabled={instances !== undefined}
        >
          Images
        </button>
      </div>
      <ErrorNote error={error} />
      {instances !== undefined && (
        <ul>
          {instances.map((instance) => (
            <li key={instance.sopInstanceUid} className="row">
              <span>
                Image {instance.instanceNumber ?? '?'}
                {instance.columns !== undefined &&
                  instance.rows !== undefined &&
                  ` · ${instance.columns}×${instance.rows}`}
              </span>
              {imported === instance.sopInstanceUid ? (
                <span className="ok-note">Imported</span>
              ) : (
                <button type="button" className="small" onClick={() => void importOne(instance)}>
                  Import
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
