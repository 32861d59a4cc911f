/**
 * Why a DICOM (or image) file was refused, in words a user can act on. `code` groups the reasons for
 * callers (the server maps every code to a 4xx status); the message never quotes patient data.
 */
export type DicomErrorCode =
  | 'not-dicom' // no preamble + "DICM", or another file type renamed .dcm
  | 'malformed' // truncated, lying lengths, broken structure
  | 'unsupported' // transfer syntax, SOP class, multi-frame, photometric interpretation, bit depth
  | 'too-large' // declared dimensions or inflated size beyond the limits
  | 'remote'; // a PACS answered with an error or something that is not DICOM

export class DicomError extends Error {
  constructor(
    readonly code: DicomErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DicomError';
  }
}
