import { invalidInput } from '../domain/errors.js';

/**
 * The client's name of an uploaded file, kept only as a label (files are stored by content hash).
 * Names that try to say where a file goes (`../`, `/`, `\`, drive letters) or hide control
 * characters are refused rather than cleaned, so the client learns what was wrong.
 */
export function checkFileName(name: string | undefined): string | null {
  if (name === undefined || name === '') return null;
  const refuse = (why: string) =>
    invalidInput(`the file name ${why}; send the plain name of the file, e.g. "lateral.dcm"`, [
      { path: 'filename', message: why },
    ]);
  if (name.length > 255) throw refuse('is longer than 255 characters');
  if (/[\p{Cc}]/u.test(name)) throw refuse('contains control characters');
  if (/[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) throw refuse('contains a path');
  if (name === '.' || name === '..' || name.includes('..')) throw refuse('contains ".."');
  return name;
}
