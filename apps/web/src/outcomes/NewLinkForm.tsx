import { QUESTIONNAIRE_INSTRUMENTS, QUESTIONNAIRES, isQuestionnaireInstrument } from '@spinerecon/core';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { formatDate } from '../labels';
import type { Visit } from '../recovery/recoveryTypes';
import { questionnaireApi } from './outcomeApi';
import type { InvitationCreated } from './outcomeTypes';
import { instrumentLabel, instrumentTitle } from './scoreText';

export interface NewLinkFormProps {
  readonly caseId: string;
  readonly visits: readonly Visit[];
  onCreated(): void;
}

/** Creates a questionnaire link for the patient, then shows it once with a copy button and its expiry. */
export function NewLinkForm({ caseId, visits, onCreated }: NewLinkFormProps) {
  const [instrument, setInstrument] = useState<string>('odi');
  const [visitId, setVisitId] = useState('');
  const [days, setDays] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<InvitationCreated | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    questionnaireApi
      .invite(caseId, {
        instrument,
        ...(visitId === '' ? {} : { visitId }),
        ...(days === '' ? {} : { expiresInDays: Number(days) }),
      })
      .then(
        (link) => {
          setCreated(link);
          onCreated();
        },
        (failure: unknown) => setError(failure),
      )
      .finally(() => setBusy(false));
  };

  if (created !== undefined) return <LinkOnce link={created} onDone={() => setCreated(undefined)} />;
  return (
    <form className="form new-link" onSubmit={submit} aria-label="New questionnaire link">
      <div className="grid">
        <label>
          Questionnaire
          <select value={instrument} onChange={(e) => setInstrument(e.target.value)}>
            {QUESTIONNAIRE_INSTRUMENTS.map((code) => (
              <option key={code} value={code} title={instrumentTitle(code)}>
                {instrumentLabel(code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          For the visit
          <select value={visitId} onChange={(e) => setVisitId(e.target.value)}>
            <option value="">No particular visit</option>
            {visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {visit.label} (due {formatDate(visit.dueDate)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Valid for (days)
          <input
            type="number"
            min={1}
            max={365}
            step={1}
            inputMode="numeric"
            placeholder="server default"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <button type="submit" className="align-end" disabled={busy}>
          {busy ? 'Creating…' : 'Create link'}
        </button>
      </div>
      {isQuestionnaireInstrument(instrument) && (
        <p className="muted">
          {QUESTIONNAIRES[instrument].wording} {QUESTIONNAIRES[instrument].copyright}
        </p>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

/** The new link, shown this once (the server keeps only its hash): copy it and send it to the patient. */
function LinkOnce({ link, onDone }: { readonly link: InvitationCreated; readonly onDone: () => void }) {
  const address = new URL(link.url, window.location.origin).href;
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () => {
    // The clipboard API exists only in a secure context (https, or the local machine).
    const write = async () => navigator.clipboard.writeText(address);
    write().then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="link-once info-note" role="status">
      <p>
        <strong>Link for the patient ({instrumentTitle(link.instrument)})</strong> — shown only now: copy it
        and send it to the patient. It can be answered once, until {formatDate(link.expiresAt)}.
      </p>
      <div className="link-row">
        <input
          type="text"
          readOnly
          value={address}
          aria-label="Questionnaire link"
          className="mono"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          Copy link
        </button>
      </div>
      {copied === 'yes' && <p className="ok-note">Copied to the clipboard.</p>}
      {copied === 'failed' && (
        <p className="error-note" role="alert">
          The browser did not allow copying: select the link and copy it by hand.
        </p>
      )}
      <button type="button" className="secondary small" onClick={onDone}>
        Done — the link is sent
      </button>
    </div>
  );
}
