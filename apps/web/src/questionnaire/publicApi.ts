import { API_BASE } from '../api/client';
import type { Answer } from './stepper';

// The patient's side of a questionnaire link: no session, no CSRF token; the token in the address is the
// credential (apps/server/src/http/routes/questionnaireRoutes.ts, docs/decisions/0016). Mirrors
// `questionnaireForm` and `answerReceipt` of apps/server/src/http/schemas/questionnaires.ts.

export interface QuestionnaireOption {
  readonly value: number;
  readonly label: string;
}

export interface QuestionnaireItem {
  readonly id: string;
  readonly text: string;
  readonly options: readonly QuestionnaireOption[];
}

/** What the link opens: the questionnaire only, never who it is for. */
export interface QuestionnaireForm {
  readonly instrument: string;
  readonly title: string;
  readonly instructions: string;
  readonly copyright: string;
  readonly items: readonly QuestionnaireItem[];
  readonly expiresAt: string;
}

export interface AnswerReceipt {
  readonly instrument: string;
  readonly answeredAt: string;
}

/** Why a link cannot be used, in words for the patient. */
export type LinkProblemKind =
  'unknown' | 'answered' | 'expired' | 'busy' | 'invalid' | 'unreachable' | 'failed';

export class LinkProblem extends Error {
  constructor(
    readonly kind: LinkProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'LinkProblem';
  }
}

/** The patient-facing problem for an answer of the server (status and parsed body, if any). */
export function linkProblemOf(status: number, body: unknown): LinkProblem {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const serverMessage = typeof fields.message === 'string' ? fields.message : undefined;
  if (status === 404) {
    return new LinkProblem(
      'unknown',
      'This link is not known. Check that you opened the whole link from your message, or ask your care team for a new one.',
    );
  }
  if (status === 410) {
    if (fields.reason === 'answered') {
      return new LinkProblem(
        'answered',
        'This questionnaire has already been answered. Thank you — there is nothing more to do.',
      );
    }
    return new LinkProblem(
      'expired',
      serverMessage === undefined
        ? 'This questionnaire link has expired. Ask your care team for a new one.'
        : capitalise(serverMessage),
    );
  }
  if (status === 429) {
    return new LinkProblem('busy', 'Too many tries from this connection. Wait a minute and try again.');
  }
  if (status === 400) {
    return new LinkProblem(
      'invalid',
      `The answers could not be accepted${serverMessage === undefined ? '' : `: ${serverMessage}`}.`,
    );
  }
  return new LinkProblem(
    'failed',
    `Something went wrong on our side (${status}). Your answers are still here: try again in a moment.`,
  );
}

function capitalise(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

async function call<T>(method: 'GET' | 'POST', token: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/questionnaire/${encodeURIComponent(token)}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new LinkProblem(
      'unreachable',
      'No connection to the server. Check your internet connection and try again; your answers are kept on this page.',
    );
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw linkProblemOf(response.status, parsed);
  return parsed as T;
}

export const questionnaireLinkApi = {
  open: (token: string) => call<QuestionnaireForm>('GET', token),
  answer: (token: string, answers: readonly Answer[]) => call<AnswerReceipt>('POST', token, { answers }),
};
