import { apiJson } from './client';
import type {
  CaseDetail,
  CaseInput,
  CaseListItem,
  CaseQuery,
  CaseRecord,
  Page,
  PacsImportInput,
  PacsInstance,
  PacsSeries,
  PacsStudy,
  PacsStudyQuery,
  Patient,
  PatientInput,
  Radiograph,
  RadiographInput,
  Session,
  Surgeon,
} from './types';

// One typed function per API call the shell uses.

const id = (value: string) => encodeURIComponent(value);

export const sessionApi = {
  signIn: (username: string, password: string) =>
    apiJson<Session>('POST', '/session', { body: { username, password }, quiet401: true }),
  current: () => apiJson<Session>('GET', '/session', { quiet401: true }),
  signOut: () => apiJson<undefined>('DELETE', '/session', { quiet401: true }),
};

export const patientApi = {
  search: (q: string, signal?: AbortSignal) =>
    apiJson<Page<Patient>>('GET', '/patients', { query: { q, limit: 20 }, signal }),
  create: (input: PatientInput) => apiJson<Patient>('POST', '/patients', { body: input }),
};

export const caseApi = {
  list: (query: CaseQuery, signal?: AbortSignal) =>
    apiJson<Page<CaseListItem>>('GET', '/cases', { query: { ...query }, signal }),
  get: (caseId: string, signal?: AbortSignal) =>
    apiJson<CaseDetail>('GET', `/cases/${id(caseId)}`, { signal }),
  create: (input: CaseInput) => apiJson<CaseRecord>('POST', '/cases', { body: input }),
};

export const surgeonApi = {
  list: () => apiJson<Surgeon[]>('GET', '/surgeons'),
};

export const radiographApi = {
  create: (caseId: string, input: RadiographInput) =>
    apiJson<Radiograph>('POST', `/cases/${id(caseId)}/radiographs`, { body: input }),
  imageUrl: (radiographId: string) => `/api/v1/radiographs/${id(radiographId)}/image`,
};

export const pacsApi = {
  status: (signal?: AbortSignal) =>
    apiJson<{ configured: boolean; mayUse: boolean }>('GET', '/pacs/status', { signal }),
  studies: (query: PacsStudyQuery, signal?: AbortSignal) =>
    apiJson<{ items: PacsStudy[] }>('GET', '/pacs/studies', { query: { ...query }, signal }),
  series: (studyUid: string) =>
    apiJson<{ items: PacsSeries[] }>('GET', `/pacs/studies/${id(studyUid)}/series`),
  instances: (studyUid: string, seriesUid: string) =>
    apiJson<{ items: PacsInstance[] }>(
      'GET',
      `/pacs/studies/${id(studyUid)}/series/${id(seriesUid)}/instances`,
    ),
  importInstance: (caseId: string, input: PacsImportInput) =>
    apiJson<Radiograph>('POST', `/cases/${id(caseId)}/radiographs/from-pacs`, { body: input }),
};
