import type { CaseError } from '@spinerecon/core';
import { ApiError, messageOf } from '../api/client';

// What is wrong with a form: our own checks (paths as the server writes them), or the server's refusal with
// its message and, for a 400, every field it names.

export function FieldErrors({ errors }: { readonly errors: readonly CaseError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="recovery-errors" role="alert">
      {errors.map((e) => (
        <li key={`${e.path}:${e.message}`}>
          <span className="mono">{e.path}</span>: {e.message}
        </li>
      ))}
    </ul>
  );
}

/** A failed call: the server's message, and the details of a validation refusal. */
export function ServerProblem({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  const details = error instanceof ApiError ? (error.details ?? []) : [];
  return (
    <div className="error-note" role="alert">
      <p>{messageOf(error)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={`${d.path}:${d.message}`}>
              <span className="mono">{d.path}</span>: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type Notice = { readonly kind: 'ok' | 'info' | 'error'; readonly text: string } | undefined;

export function NoticeLine({ notice }: { readonly notice: Notice }) {
  if (notice === undefined) return null;
  return (
    <p
      className={notice.kind === 'error' ? 'error-note' : notice.kind === 'ok' ? 'ok-note' : 'info-note'}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      {notice.text}
    </p>
  );
}
