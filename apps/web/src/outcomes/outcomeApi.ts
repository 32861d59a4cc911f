import { apiJson } from '../api/client';
import type {
  CaseQuestionnaires,
  InvitationCreated,
  InvitationInput,
  QuestionnaireResponse,
  RecoveryTimeline,
  StaffResponseInput,
  SurgeonOutcomes,
} from './outcomeTypes';

// The staff's outcome calls (apps/server/src/http/routes/{questionnaire,outcome}Routes.ts, decision 0016).

const id = (value: string) => encodeURIComponent(value);

export const questionnaireApi = {
  /** A new link for the patient; its token is in this answer only. */
  invite: (caseId: string, input: InvitationInput) =>
    apiJson<InvitationCreated>('POST', `/cases/${id(caseId)}/questionnaires/invitations`, { body: input }),
  list: (caseId: string, signal?: AbortSignal) =>
    apiJson<CaseQuestionnaires>('GET', `/cases/${id(caseId)}/questionnaires`, { signal }),
  /** Answers from a paper form, entered by staff. */
  record: (caseId: string, input: StaffResponseInput) =>
    apiJson<QuestionnaireResponse>('POST', `/cases/${id(caseId)}/questionnaires/responses`, { body: input }),
};

export const outcomeApi = {
  timeline: (caseId: string, signal?: AbortSignal) =>
    apiJson<RecoveryTimeline>('GET', `/cases/${id(caseId)}/recovery/timeline`, { signal }),
  mine: (signal?: AbortSignal) => apiJson<SurgeonOutcomes>('GET', '/outcomes/mine', { signal }),
};
