import { describe, expect, it } from 'vitest';
import { linkProblemOf } from './publicApi';

describe('what a patient is told when a link cannot be used', () => {
  it('calls a 404 an unknown link and says what to do', () => {
    const problem = linkProblemOf(404, {
      error: 'not-found',
      message: 'this questionnaire link does not exist',
    });
    expect(problem.kind).toBe('unknown');
    expect(problem.message).toMatch(/not known.*ask your care team for a new one/);
  });

  it('tells an answered link from an expired one by the reason the server gives', () => {
    const answered = linkProblemOf(410, { error: 'gone', message: 'already answered', reason: 'answered' });
    expect(answered.kind).toBe('answered');
    expect(answered.message).toMatch(/already been answered/);
    const expired = linkProblemOf(410, {
      error: 'gone',
      message: 'this questionnaire link expired on 2024-03-05; ask your care team for a new one',
      reason: 'expired',
    });
    expect(expired.kind).toBe('expired');
    expect(expired.message).toBe(
      'This questionnaire link expired on 2024-03-05; ask your care team for a new one.',
    );
  });

  it('calls a 410 without a body expired', () => {
    expect(linkProblemOf(410, undefined)).toMatchObject({ kind: 'expired', message: /has expired/ });
  });

  it('asks to wait after too many requests, and to retry after a server failure', () => {
    expect(linkProblemOf(429, {}).kind).toBe('busy');
    expect(linkProblemOf(500, {})).toMatchObject({ kind: 'failed', message: /\(500\).*try again/ });
  });
});
