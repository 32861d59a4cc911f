import { QUESTIONNAIRES, QUESTIONNAIRE_INSTRUMENTS, isQuestionnaireInstrument } from '@spinerecon/core';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { formatDate, today } from '../labels';
import type { Visit } from '../recovery/recoveryTypes';
import { questionnaireApi } from './outcomeApi';
import { instrumentLabel, instrumentTitle } from './scoreText';

export interface StaffEntryFormProps {
  readonly caseId: string;
  readonly visits: readonly Visit[];
  onSaved(): void;
}

/** Answers copied from a paper form: one choice per item (blank allowed), the day it was filled in. */
export function StaffEntryForm({ caseId, visits, onSaved }: StaffEntryFormProps) {
  const [open, setOpen] = useState(false);
  const [instrument, setInstrument] = useState<string>('odi');
  const definition = isQuestionnaireInstrument(instrument) ? QUESTIONNAIRES[instrument] : QUESTIONNAIRES.odi;
  const [answers, setAnswers] = useState<(number | null)[]>(() => definition.items.map(() => null));
  const [answeredOn, setAnsweredOn] = useState(today());
  const [visitId, setVisitId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string | undefined>();

  if (!open) {
    return (
      <p>
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Enter answers from a paper form
        </button>
        {saved !== undefined && <span className="ok-note"> {saved}</span>}
      </p>
    );
  }

  const choose = (next: string) => {
    setInstrument(next);
    const items = isQuestionnaireInstrument(next) ? QUESTIONNAIRES[next].items : [];
    setAnswers(items.map(() => null));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    questionnaireApi
      .record(caseId, {
        instrument,
        answers,
        answeredOn,
        ...(visitId === '' ? {} : { visitId }),
      })
      .then(
        (response) => {
          setOpen(false);
          setSaved(`${instrumentTitle(response.instrument)} of ${formatDate(response.answeredAt)} saved.`);
          setAnswers(definition.items.map(() => null));
          onSaved();
        },
        (failure: unknown) => setError(failure),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="form card staff-entry" onSubmit={submit} aria-label="Answers from a paper form">
      <h3>Answers from a paper form</h3>
      <div className="grid">
        <label>
          Questionnaire
          <select value={instrument} onChange={(e) => choose(e.target.value)}>
            {QUESTIONNAIRE_INSTRUMENTS.map((code) => (
              <option key={code} value={code} title={instrumentTitle(code)}>
                {instrumentLabel(code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Filled in on
          <input
            type="date"
            required
            max={today()}
            value={answeredOn}
            onChange={(e) => setAnsweredOn(e.target.value)}
          />
        </label>
        <label>
          For the visit
          <select value={visitId} onChange={(e) => setVisitId(e.target.value)}>
            <option value="">No particular visit</option>
            {visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {visit.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        Leave an item blank when the patient did not answer it; the score follows the published rule for
        missing answers.
      </p>
      <ol className="staff-items">
        {definition.items.map((item, index) => (
          <li key={`${definition.instrument}-${item.id}`}>
            <label>
              {item.text}
              <select
                value={answers[index] === null || answers[index] === undefined ? '' : String(answers[index])}
                onChange={(e) =>
                  setAnswers((current) =>
                    current.map((a, i) =>
                      i === index ? (e.target.value === '' ? null : Number(e.target.value)) : a,
                    ),
                  )
                }
              >
                <option value="">— blank —</option>
                {item.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ol>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save the answers'}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
