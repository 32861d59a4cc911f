// What can go wrong in a request, as the services say it. The HTTP layer turns each into a status code
// and a body `{ error, message, details? }` in one place (http/errorHandler.ts).

export interface ErrorDetail {
  /** Where in the request: a JSON path such as `$.vertebrae.L6`, or a parameter name. */
  readonly path: string;
  readonly message: string;
}

export type ProblemKind =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'precondition-required'
  /** Existed, and is no more: a used or expired questionnaire link. */
  | 'gone'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'unavailable'
  /** A system we depend on (the PACS) failed or refused. */
  | 'bad-gateway';

export class Problem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    /** Extra fields for the response body, e.g. the current version on a 412. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string): Problem => new Problem('not-found', `${what} does not exist`);

export const invalidInput = (message: string, details: readonly ErrorDetail[] = []): Problem =>
  new Problem('invalid-input', message, details);
