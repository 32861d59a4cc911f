import { messageOf } from '../api/client';

/** The server's (or the browser's) message for a failed action, read out by screen readers. */
export function ErrorNote({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p className="error-note" role="alert">
      {messageOf(error)}
    </p>
  );
}
