import type { AutosaveStatus } from '../persistence/autosave';

const TEXT = {
  saved: (s: Extract<AutosaveStatus, { kind: 'saved' }>) =>
    s.version === 0 ? 'Nothing saved yet' : `Saved (version ${s.version})`,
  pending: () => 'Unsaved changes…',
  saving: () => 'Saving…',
  offline: () => 'Server unreachable: changes kept in this browser, sent when it is back',
  refused: (s: Extract<AutosaveStatus, { kind: 'refused' }>) =>
    `Not saved (kept in this browser): ${s.message}`,
  conflict: () => 'Someone else saved this film: choose which version to keep',
} as const;

export function AutosaveIndicator({ status }: { status: AutosaveStatus }) {
  const text =
    status.kind === 'saved'
      ? TEXT.saved(status)
      : status.kind === 'pending'
        ? TEXT.pending()
        : status.kind === 'saving'
          ? TEXT.saving()
          : status.kind === 'offline'
            ? TEXT.offline()
            : status.kind === 'refused'
              ? TEXT.refused(status)
              : TEXT.conflict();
  return (
    <p className={`autosave ${status.kind}`} role="status" data-testid="autosave" data-status={status.kind}>
      {text}
    </p>
  );
}
