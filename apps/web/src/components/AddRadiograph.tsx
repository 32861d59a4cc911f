import { useState, type FormEvent } from 'react';
import { radiographApi } from '../api/endpoints';
import type { Radiograph, RadiographInput, Side } from '../api/types';
import { POSTURES, label, today } from '../labels';
import { ErrorNote } from './ErrorNote';
import { ImageUpload } from './ImageUpload';

/** Adds a film (view, which side is where on the image, date), then takes its image. */
export function AddRadiograph({
  caseId,
  onChanged,
  visitId,
}: {
  readonly caseId: string;
  readonly onChanged: () => void;
  /** The follow-up visit the film belongs to (the visit page). */
  readonly visitId?: string;
}) {
  const [view, setView] = useState<'coronal' | 'lateral'>('lateral');
  const [side, setSide] = useState<Side>('left');
  const [posture, setPosture] = useState<string>('standing');
  const [takenOn, setTakenOn] = useState(today());
  const [created, setCreated] = useState<Radiograph>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const common = {
      posture,
      takenOn: takenOn === '' ? null : takenOn,
      ...(visitId === undefined ? {} : { visitId }),
    };
    const input: RadiographInput =
      view === 'lateral'
        ? { view, anteriorOnImage: side, ...common }
        : { view, patientRightOnImage: side, ...common };
    try {
      setCreated(await radiographApi.create(caseId, input));
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (created !== undefined) {
    return (
      <section className="card add-film" aria-labelledby="add-film-title">
        <h2 id="add-film-title">
          Image for the {created.view} film of {created.takenOn ?? 'no date'}
        </h2>
        <ImageUpload radiographId={created.id} onUploaded={onChanged} />
        <button type="button" className="secondary" onClick={() => setCreated(undefined)}>
          Add another radiograph
        </button>
      </section>
    );
  }

  return (
    <form
      className="card form add-film"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="add-film-title"
    >
      <h2 id="add-film-title">Add a radiograph</h2>
      <div className="grid">
        <label>
          View
          <select value={view} onChange={(event) => setView(event.target.value as 'coronal' | 'lateral')}>
            <option value="lateral">Lateral</option>
            <option value="coronal">Coronal (AP/PA)</option>
          </select>
        </label>
        <label>
          {view === 'lateral' ? 'Anterior (front) is on the image’s' : 'Patient’s right is on the image’s'}
          <select value={side} onChange={(event) => setSide(event.target.value as Side)}>
            <option value="left">Left</option>
            <option value="right">Right</option>
          </select>
        </label>
        <label>
          Posture
          <select value={posture} onChange={(event) => setPosture(event.target.value)}>
            {POSTURES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Taken on
          <input
            type="date"
            max={today()}
            value={takenOn}
            onChange={(event) => setTakenOn(event.target.value)}
          />
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add radiograph'}
      </button>
    </form>
  );
}
