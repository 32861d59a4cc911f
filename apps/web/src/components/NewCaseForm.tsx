import { useState, type FormEvent } from 'react';
import { caseApi, patientApi, surgeonApi } from '../api/endpoints';
import type { Patient, Sex } from '../api/types';
import { useLoad } from '../hooks';
import { DIAGNOSES, SEXES, formatDate, label, today } from '../labels';
import { ErrorNote } from './ErrorNote';

/** Opens a case for a new patient (name, MRN, birth date, sex) or for one found by name or MRN. */
export function NewCaseForm({ onCreated }: { readonly onCreated: (caseId: string) => void }) {
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('');
  const [mrn, setMrn] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<Sex>('female');
  const [lookup, setLookup] = useState('');
  const [found, setFound] = useState<readonly Patient[]>([]);
  const [patientId, setPatientId] = useState('');
  const [diagnosis, setDiagnosis] = useState<string>('scoliosis');
  const [surgeonId, setSurgeonId] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [surgeons] = useLoad(() => surgeonApi.list(), 'surgeons');

  const findPatients = async () => {
    setError(undefined);
    try {
      const page = await patientApi.search(lookup.trim());
      setFound(page.items);
      setPatientId(page.items[0]?.id ?? '');
    } catch (failure) {
      setError(failure);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const forPatient =
        mode === 'new'
          ? (await patientApi.create({ name: name.trim(), mrn: mrn.trim(), birthDate, sex })).id
          : patientId;
      if (forPatient === '') throw new Error('choose a patient first: search by name or MRN');
      const created = await caseApi.create({
        patientId: forPatient,
        diagnosis,
        surgeonId: surgeonId === '' ? null : surgeonId,
      });
      onCreated(created.id);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="card form new-case" onSubmit={(event) => void submit(event)}>
      <h2>New case</h2>
      <fieldset className="choice">
        <legend>Patient</legend>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} /> New
          patient
        </label>
        <label className="inline">
          <input
            type="radio"
            name="mode"
            checked={mode === 'existing'}
            onChange={() => setMode('existing')}
          />{' '}
          Existing patient
        </label>
      </fieldset>
      {mode === 'new' ? (
        <div className="grid">
          <label>
            Name
            <input
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="off"
            />
          </label>
          <label>
            MRN
            <input required value={mrn} onChange={(event) => setMrn(event.target.value)} autoComplete="off" />
          </label>
          <label>
            Birth date
            <input
              type="date"
              required
              max={today()}
              value={birthDate}
              onChange={(event) => setBirthDate(event.target.value)}
            />
          </label>
          <label>
            Sex
            <select value={sex} onChange={(event) => setSex(event.target.value as Sex)}>
              {SEXES.map((value) => (
                <option key={value} value={value}>
                  {label(value)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <div className="grid">
          <label>
            Name or MRN
            <input type="search" value={lookup} onChange={(event) => setLookup(event.target.value)} />
          </label>
          <button type="button" className="secondary align-end" onClick={() => void findPatients()}>
            Find patient
          </button>
          <label className="wide">
            Found
            <select
              value={patientId}
              onChange={(event) => setPatientId(event.target.value)}
              disabled={found.length === 0}
            >
              {found.length === 0 && <option value="">Search first</option>}
              {found.map((patient) => (
                <option key={patient.id} value={patient.id}>
                  {patient.name} · {patient.mrn} · born {formatDate(patient.birthDate)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="grid">
        <label>
          Diagnosis
          <select value={diagnosis} onChange={(event) => setDiagnosis(event.target.value)}>
            {DIAGNOSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Surgeon
          <select value={surgeonId} onChange={(event) => setSurgeonId(event.target.value)}>
            <option value="">Not assigned</option>
            {surgeons.status === 'ready' &&
              surgeons.value.map((surgeon) => (
                <option key={surgeon.id} value={surgeon.id}>
                  {surgeon.displayName}
                </option>
              ))}
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create case'}
      </button>
    </form>
  );
}
