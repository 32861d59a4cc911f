// Public API of the DICOMweb client (re-exported from the package index).
export {
  createDicomWebClient,
  DicomWebError,
  DEFAULT_MAX_INSTANCE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type DicomWebClient,
  type DicomWebClientConfig,
  type InstanceSummary,
  type RetrieveOptions,
  type SeriesSummary,
  type StoreFailure,
  type StoreResult,
  type StudyQuery,
  type StudySummary,
} from './client.js';
export {
  buildMultipart,
  chooseBoundary,
  parseContentType,
  parseMultipart,
  type ContentType,
  type MultipartPart,
} from './multipart.js';
