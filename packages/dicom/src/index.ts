// The public API of @spinerecon/dicom: DICOM in and out for the server, the CLI and the web app.
export { DicomError, type DicomErrorCode } from './dicomError.js';
export * from './deidentify/index.js';
export {
  readPart10,
  readPart10Header,
  writePart10,
  type NaturalDataset,
  type Part10,
} from './part10/dcmjs.js';
export * from './dicomweb/index.js';
export * from './sr/index.js';
export * from './image/index.js';
