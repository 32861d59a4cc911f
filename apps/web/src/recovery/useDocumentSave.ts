import { useState } from 'react';
import type { DocumentSaveOutcome } from './recoveryApi';
import type { Notice } from './Problems';
import type { CaseDocument } from './recoveryTypes';

// Saving one of a case's versioned documents (hospital stay, rehabilitation) from a section: If-Match with
// the version shown; when someone saved first, theirs is loaded into the form and the user is told.

export interface DocumentSave<C, D extends CaseDocument<C>> {
  readonly document: D | undefined;
  readonly saving: boolean;
  readonly notice: Notice;
  readonly serverError: unknown;
  readonly setNotice: (notice: Notice) => void;
  submit(content: C): Promise<void>;
}

export function useDocumentSave<C, D extends CaseDocument<C>>(options: {
  readonly initial: D | undefined;
  /** What it is, for the messages: "hospital stay". */
  readonly name: string;
  readonly save: (baseVersion: number | undefined, content: C) => Promise<DocumentSaveOutcome<D>>;
  readonly read: () => Promise<D | undefined>;
  /** Puts a saved or reloaded document into the form. */
  readonly onDocument: (document: D) => void;
}): DocumentSave<C, D> {
  const [document, setDocument] = useState<D | undefined>(options.initial);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(undefined);
  const [serverError, setServerError] = useState<unknown>();

  const submit = async (content: C) => {
    setSaving(true);
    setServerError(undefined);
    try {
      const outcome = await options.save(document?.version, content);
      if (outcome.kind === 'saved') {
        setDocument(outcome.document);
        options.onDocument(outcome.document);
        setNotice({ kind: 'ok', text: `Saved the ${options.name} as version ${outcome.document.version}.` });
        return;
      }
      const latest = await options.read();
      if (latest !== undefined) {
        setDocument(latest);
        options.onDocument(latest);
      }
      setNotice({
        kind: 'error',
        text: `Not saved (${outcome.message}). Version ${latest?.version ?? '?'} of the ${options.name} was saved by someone else since you opened it; it is now loaded — make your changes again.`,
      });
    } catch (error) {
      setServerError(error);
      setNotice(undefined);
    } finally {
      setSaving(false);
    }
  };

  return { document, saving, notice, serverError, setNotice, submit };
}
