import { Problem } from '../domain/errors.js';

// Optimistic concurrency for versioned documents (landmark sets, plans): the client sends back the
// ETag it read in If-Match; a save against an older version is refused, nothing is overwritten.

/** The ETag of version `n`. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version named by an If-Match header: `"3"` or `W/"3"`; undefined when the header is absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (match === null) {
    throw new Problem('invalid-input', 'If-Match must be the ETag of the version you edited, e.g. "3"', [
      { path: 'If-Match', message: 'expected a quoted version number' },
    ]);
  }
  return Number(match[1]);
}

/**
 * Checks the client's version against the stored one. A document that exists must be saved with
 * If-Match (428 otherwise); a stale If-Match is a 412 that tells the client the current version.
 */
export function checkExpectedVersion(what: string, current: number, expected: number | undefined): number {
  if (expected === undefined) {
    if (current === 0) return 0;
    throw new Problem(
      'precondition-required',
      `this ${what} already has version ${current}: send If-Match with the ETag you edited`,
      [],
      { currentVersion: current },
    );
  }
  if (expected !== current) throw staleVersion(what, current);
  return expected;
}

export function staleVersion(what: string, current: number): Problem {
  return new Problem(
    'precondition-failed',
    `someone else saved this ${what} first (now version ${current}); reload it, redo your change, save again`,
    [],
    { currentVersion: current },
  );
}
