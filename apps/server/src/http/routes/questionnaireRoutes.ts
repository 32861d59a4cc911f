import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, pageOf } from '../schemas/common.js';
import {
  answerReceipt,
  answersBody,
  caseQuestionnaires,
  goneBody,
  invitationBody,
  invitationCreated,
  questionnaireForm,
  questionnaireResponse,
  staffResponseBody,
  tokenParams,
  unansweredItem,
  unansweredQuery,
} from '../schemas/questionnaires.js';
import { Problem } from '../../domain/errors.js';

export interface QuestionnaireRouteOptions {
  /** Public requests (open, answer) per minute per client address. */
  readonly publicRequestsPerMinute: number;
}

const audit = (action: 'list' | 'create') => ({
  resourceType: 'questionnaire' as const,
  action,
  idParam: 'id',
});

export const questionnaireRoutes: FastifyPluginAsyncZod<QuestionnaireRouteOptions> = async (app, options) => {
  const questionnaires = app.services.questionnaires;
  const tags = ['questionnaires'];

  app.post('/cases/:id/questionnaires/invitations', {
    config: { access: { permission: 'followup:write', audit: audit('create') } },
    schema: {
      tags,
      summary: 'A link for the patient to answer a questionnaire (the token is shown once)',
      params: idParams,
      body: invitationBody,
      response: { 201: invitationCreated, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await questionnaires.invite(contextOf(request), request.params.id, request.body)),
  });

  app.get('/cases/:id/questionnaires', {
    config: { access: { permission: 'recovery:read', audit: audit('list') } },
    schema: {
      tags,
      summary: 'Questionnaire links (pending, answered, expired) and answers with scores and MCID',
      params: idParams,
      response: { 200: caseQuestionnaires, 404: errorBody },
    },
    handler: (request) => questionnaires.listForCase(contextOf(request), request.params.id),
  });

  app.post('/cases/:id/questionnaires/responses', {
    config: { access: { permission: 'followup:write', audit: audit('create') } },
    schema: {
      tags,
      summary: 'Answers entered by staff (from a paper form)',
      params: idParams,
      body: staffResponseBody,
      response: { 201: questionnaireResponse, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await questionnaires.recordForPatient(contextOf(request), request.params.id, request.body)),
  });

  app.get('/questionnaires/unanswered', {
    config: {
      access: { permission: 'recovery:read', audit: { resourceType: 'questionnaire', action: 'list' } },
    },
    schema: {
      tags,
      summary: 'Who has not answered: links still pending or expired unanswered, across cases',
      querystring: unansweredQuery,
      response: { 200: pageOf(unansweredItem) },
    },
    handler: (request) => {
      const { status, limit, offset } = request.query;
      return questionnaires.unanswered(contextOf(request), status, { limit, offset });
    },
  });

  // Public: the patient's link. No session and no CSRF token (a link opened on a phone has neither);
  // the token itself is the credential, and both routes are rate-limited per client address.
  const publicAccess = {
    access: { public: true as const },
    rateLimit: {
      max: options.publicRequestsPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request: unknown, context: { after: string }) =>
        new Problem(
          'too-many-requests',
          `too many requests from your address; try again in ${context.after}`,
        ),
    },
  };
  const who = (request: { ip: string; id: string }) => ({ ip: request.ip, requestId: request.id });

  app.get('/questionnaire/:token', {
    config: publicAccess,
    schema: {
      tags,
      security: [],
      summary: 'Public (questionnaire link): the questionnaire to answer, no patient data',
      params: tokenParams,
      response: { 200: questionnaireForm, 404: errorBody, 410: goneBody, 429: errorBody },
    },
    handler: (request) => questionnaires.open(request.params.token, who(request)),
  });

  app.post('/questionnaire/:token', {
    config: publicAccess,
    schema: {
      tags,
      security: [],
      summary: 'Public (questionnaire link): send the answers, once, before the link expires',
      params: tokenParams,
      body: answersBody,
      response: { 201: answerReceipt, 400: errorBody, 404: errorBody, 410: goneBody, 429: errorBody },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await questionnaires.answer(request.params.token, request.body.answers, who(request))),
  });
};
