// A DICOMweb client (PS3.18): QIDO-RS search, WADO-RS retrieve of one instance, STOW-RS store. Checked
// against Orthanc 1.10.1 + DICOMweb plugin 1.7 (Debian 12); written to the standard for other PACS.
// Nothing here logs, and error messages carry HTTP statuses and our own words, never a response body
// (which may quote patient data) nor credentials.
import { DicomError, type DicomErrorCode } from '../dicomError.js';
import {
  firstNumber,
  firstString,
  isDataset,
  isoDate,
  personName,
  sequence,
  strings,
  TAG,
  type DicomJsonDataset,
} from './dicomJson.js';
import { buildMultipart, chooseBoundary, parseContentType, parseMultipart } from './multipart.js';

export interface DicomWebClientConfig {
  /** The DICOMweb root (the part before `/studies`), e.g. `http://pacs:8042/dicom-web`. */
  readonly url: string;
  /** HTTP Basic authentication (both or neither). */
  readonly username?: string;
  readonly password?: string;
  /** `Authorization: Bearer …` (instead of username/password). */
  readonly bearerToken?: string;
  /** Per request, headers and body included (default 30 000 ms). */
  readonly timeoutMs?: number;
  /**
   * Percent-encode `^` and `?` in query values too (default false). They are sent literally by
   * default because Orthanc 1.10.x linked against civetweb ≥ 1.15 (Debian 12) does not URL-decode query
   * arguments, so `%5E` would never match `^`. Set this for a PACS behind a strict HTTP server (Tomcat
   * refuses a literal `^` unless `relaxedQueryChars` allows it).
   */
  readonly strictQueryEncoding?: boolean;
  /** For tests: a replacement for the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface StudyQuery {
  readonly patientId?: string;
  /** DICOM matching: `*` any run of characters, `?` one character, `^` between name components. */
  readonly patientName?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly studyDateFrom?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly studyDateTo?: string;
  /** Matched against ModalitiesInStudy (e.g. `DX`). */
  readonly modality?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface StudySummary {
  readonly studyInstanceUid: string;
  /** DICOM form, `Family^Given^Middle^Prefix^Suffix`. */
  readonly patientName?: string;
  readonly patientId?: string;
  /** YYYY-MM-DD. */
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  /** YYYY-MM-DD. */
  readonly studyDate?: string;
  readonly studyDescription?: string;
  readonly accessionNumber?: string;
  readonly modalities: string[];
  readonly numberOfSeries?: number;
  readonly numberOfInstances?: number;
}

export interface SeriesSummary {
  readonly seriesInstanceUid: string;
  readonly modality?: string;
  readonly seriesDescription?: string;
  readonly seriesNumber?: number;
  readonly numberOfInstances?: number;
  readonly bodyPartExamined?: string;
  readonly viewPosition?: string;
}

export interface InstanceSummary {
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly instanceNumber?: number;
  readonly rows?: number;
  readonly columns?: number;
}

export interface RetrieveOptions {
  /** Refuse answers larger than this, counted while streaming (default 512 MiB). */
  readonly maxBytes?: number;
}

export interface StoreFailure {
  readonly sopInstanceUid: string;
  /** In words, with the DICOM status code: `processing failure (0x0110)`. */
  readonly reason: string;
  /** The FailureReason (0008,1197) status code, when the PACS gave one. */
  readonly failureCode?: number;
}

export interface StoreResult {
  /** SOP Instance UIDs the PACS stored. */
  readonly stored: string[];
  readonly failed: StoreFailure[];
}

export interface DicomWebClient {
  searchStudies(query: StudyQuery): Promise<StudySummary[]>;
  searchSeries(studyInstanceUid: string): Promise<SeriesSummary[]>;
  searchInstances(studyInstanceUid: string, seriesInstanceUid: string): Promise<InstanceSummary[]>;
  /** The stored Part 10 file, unchanged (`transfer-syntax=*`). */
  retrieveInstance(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    sopInstanceUid: string,
    options?: RetrieveOptions,
  ): Promise<Uint8Array>;
  storeInstances(files: readonly Uint8Array[], studyInstanceUid?: string): Promise<StoreResult>;
}

/** A DicomError from the DICOMweb client, with the HTTP status when the PACS answered with one. */
export class DicomWebError extends DicomError {
  constructor(
    code: DicomErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(code, message);
    this.name = 'DicomWebError';
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_INSTANCE_BYTES = 512 * 1024 * 1024;
/** QIDO and STOW answers are JSON lists: far smaller than images. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const DICOM_JSON = 'application/dicom+json';

const STUDY_FIELDS = [
  TAG.StudyDescription,
  TAG.ModalitiesInStudy,
  TAG.NumberOfStudyRelatedSeries,
  TAG.NumberOfStudyRelatedInstances,
];
const SERIES_FIELDS = [
  TAG.SeriesDescription,
  TAG.SeriesNumber,
  TAG.NumberOfSeriesRelatedInstances,
  TAG.BodyPartExamined,
  TAG.ViewPosition,
];
const INSTANCE_FIELDS = [TAG.InstanceNumber, TAG.Rows, TAG.Columns];
/** Projection radiography: where a missing series-level ViewPosition is worth an instance query. */
const PROJECTION_MODALITIES = new Set(['CR', 'DX', 'RG', 'MG', 'IO', 'PX']);

const STATUS_REASONS: Readonly<Record<number, string>> = {
  400: 'the PACS found the request invalid',
  401: 'the PACS did not accept the credentials',
  403: 'the PACS refused access',
  404: 'the PACS does not have this object',
  406: 'the PACS cannot answer in the requested format',
  409: 'the PACS refused the instances (conflict)',
  413: 'the PACS found the request too large',
  415: 'the PACS does not accept this media type',
  429: 'the PACS is rate-limiting requests',
  503: 'the PACS is unavailable',
  504: 'a gateway in front of the PACS timed out',
};

/** PS3.4 / PS3.18 status codes a STOW-RS FailureReason can carry. */
const FAILURE_REASONS: Readonly<Record<number, string>> = {
  0x0110: 'processing failure',
  0x0122: 'SOP class not supported',
  0x0124: 'not authorized',
  0xa700: 'out of resources',
  0xa900: 'dataset does not match the SOP class',
  0xc000: 'cannot understand',
  0xc122: 'transfer syntax not supported',
  0xa770: 'instance too large',
  0xd000: 'the study UID does not match',
};

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function invalid(message: string): DicomWebError {
  return new DicomWebError('malformed', message);
}

const UID = /^[0-9]+(\.[0-9]+)*$/;
function checkUid(uid: string, what: string): string {
  if (uid.length === 0 || uid.length > 64 || !UID.test(uid))
    throw invalid(`the ${what} is not a valid DICOM UID`);
  return uid;
}

function dicomDate(iso: string, what: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) throw invalid(`the ${what} must be a date written YYYY-MM-DD`);
  return `${match[1]}${match[2]}${match[3]}`;
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(`${what} must be a non-negative integer`);
  return value;
}

/** A query value: no `\` (the DICOM multi-value delimiter) and no `,` (a QIDO-RS list of values). */
function checkMatchValue(value: string, what: string): string {
  if (/[\\,]/.test(value)) throw invalid(`the ${what} cannot contain a backslash or a comma`);
  if (value.trim() === '') throw invalid(`the ${what} is empty`);
  return value;
}

export function createDicomWebClient(config: DicomWebClientConfig): DicomWebClient {
  let root: URL;
  try {
    root = new URL(config.url);
  } catch {
    throw new TypeError('the DICOMweb URL is not a valid URL');
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') {
    throw new TypeError('the DICOMweb URL must start with http:// or https://');
  }
  if (root.username !== '' || root.password !== '') {
    throw new TypeError('put the PACS credentials in username/password, not in the DICOMweb URL');
  }
  if ((config.username === undefined) !== (config.password === undefined)) {
    throw new TypeError('give both a username and a password, or neither');
  }
  if (config.username !== undefined && config.bearerToken !== undefined) {
    throw new TypeError('give either username/password or a bearer token, not both');
  }
  const base = root.href.replace(/\/+$/, '');
  const target = `${root.hostname}:${root.port !== '' ? root.port : root.protocol === 'https:' ? '443' : '80'}`;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError('timeoutMs must be a positive number');
  const doFetch = config.fetch ?? fetch;
  const authorization =
    config.bearerToken !== undefined
      ? `Bearer ${config.bearerToken}`
      : config.username !== undefined && config.password !== undefined
        ? `Basic ${Buffer.from(`${config.username}:${config.password}`, 'utf8').toString('base64')}`
        : undefined;

  const encodeValue = (value: string): string => {
    // encodeURIComponent leaves `*` (a legal sub-delimiter) alone and encodes `&`, `=`, `+`, `%`, `#`, space.
    const encoded = encodeURIComponent(value);
    return config.strictQueryEncoding === true
      ? encoded
      : encoded.replace(/%5E/gi, '^').replace(/%3F/gi, '?');
  };

  const queryString = (parameters: readonly (readonly [string, string])[]): string =>
    parameters.length === 0
      ? ''
      : `?${parameters.map(([key, value]) => `${key}=${encodeValue(value)}`).join('&')}`;

  /** Maps a failure of fetch or of reading the body (not an HTTP status) to a DicomError. */
  const transportError = (error: unknown): DicomError => {
    if (error instanceof DicomError) return error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new DicomWebError('remote', `the PACS did not answer within ${timeoutMs / 1000} s`);
    }
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    const code =
      typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
        ? ` (${cause.code})`
        : '';
    return new DicomWebError('remote', `cannot reach the PACS at ${target}${code}`);
  };

  const statusError = (response: Response, operation: string): DicomWebError => {
    const reason =
      STATUS_REASONS[response.status] ??
      (response.status >= 500
        ? 'the PACS failed with a server error'
        : response.status >= 300 && response.status < 400
          ? 'the PACS redirected the request elsewhere (not followed)'
          : 'the PACS refused the request');
    return new DicomWebError(
      'remote',
      `${operation} failed: HTTP ${response.status}, ${reason}`,
      response.status,
    );
  };

  /** Reads a body while counting: past `maxBytes` the transfer is cancelled (too-large). */
  const readBody = async (response: Response, maxBytes: number, what: string): Promise<Uint8Array> => {
    const tooLarge = () =>
      new DicomWebError(
        'too-large',
        `the PACS sent ${what} larger than the ${maxBytes}-byte limit`,
        response.status,
      );
    const declared = Number(response.headers.get('content-length') ?? NaN);
    // With Content-Encoding the declared length is the compressed one: only the count below is reliable.
    if (response.headers.get('content-encoding') === null && declared > maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (response.body === null) return new Uint8Array(0);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
    const body = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return body;
  };

  /** One HTTP exchange; `handle` reads the response inside the same timeout and error mapping. */
  const exchange = async <T>(
    path: string,
    init: { method?: string; accept: string; contentType?: string; body?: Uint8Array },
    handle: (response: Response) => Promise<T>,
  ): Promise<T> => {
    const headers: Record<string, string> = { accept: init.accept };
    if (authorization !== undefined) headers['authorization'] = authorization;
    if (init.contentType !== undefined) headers['content-type'] = init.contentType;
    try {
      const response = await doFetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: init.body }),
        // A redirect could carry the credentials elsewhere: it is reported, not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return await handle(response);
    } catch (error) {
      throw transportError(error);
    }
  };

  const discard = async (response: Response): Promise<void> => {
    try {
      await response.body?.cancel();
    } catch {
      // the connection is going away anyway
    }
  };

  const readJson = async (response: Response, operation: string): Promise<unknown> => {
    const text = new TextDecoder().decode(await readBody(response, MAX_JSON_BYTES, 'a JSON answer'));
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new DicomWebError(
        'remote',
        `${operation} failed: the PACS answered with invalid JSON`,
        response.status,
      );
    }
  };

  const qido = (path: string, parameters: readonly (readonly [string, string])[], operation: string) =>
    exchange(`${path}${queryString(parameters)}`, { accept: DICOM_JSON }, async (response) => {
      if (response.status === 204) {
        await discard(response);
        return [];
      }
      if (!response.ok) {
        await discard(response);
        throw statusError(response, operation);
      }
      const json = await readJson(response, operation);
      if (json === undefined) return [];
      if (!Array.isArray(json)) {
        throw new DicomWebError(
          'remote',
          `${operation} failed: the PACS did not answer with a DICOM JSON list`,
        );
      }
      return json.filter(isDataset);
    });

  // One includefield per attribute (PS3.18 §8.3.4.3 allows repeating it): no comma to encode or not.
  const includeFields = (tags: readonly string[]): [string, string][] =>
    tags.map((tag) => ['includefield', tag]);

  const toStudy = (dataset: DicomJsonDataset): StudySummary | undefined => {
    const studyInstanceUid = firstString(dataset, TAG.StudyInstanceUID);
    if (studyInstanceUid === undefined) return undefined;
    return {
      studyInstanceUid,
      patientName: personName(dataset, TAG.PatientName),
      patientId: firstString(dataset, TAG.PatientID),
      patientBirthDate: isoDate(dataset, TAG.PatientBirthDate),
      patientSex: firstString(dataset, TAG.PatientSex),
      studyDate: isoDate(dataset, TAG.StudyDate),
      studyDescription: firstString(dataset, TAG.StudyDescription),
      accessionNumber: firstString(dataset, TAG.AccessionNumber),
      modalities: strings(dataset, TAG.ModalitiesInStudy),
      numberOfSeries: firstNumber(dataset, TAG.NumberOfStudyRelatedSeries),
      numberOfInstances: firstNumber(dataset, TAG.NumberOfStudyRelatedInstances),
    };
  };

  const searchInstancesRaw = (
    studyInstanceUid: string,
    seriesInstanceUid: string,
    parameters: readonly (readonly [string, string])[],
  ) =>
    qido(
      `/studies/${checkUid(studyInstanceUid, 'study instance UID')}/series/${checkUid(seriesInstanceUid, 'series instance UID')}/instances`,
      parameters,
      'QIDO-RS search for instances',
    );

  return {
    async searchStudies(query: StudyQuery): Promise<StudySummary[]> {
      const parameters: [string, string][] = [];
      if (query.patientId !== undefined)
        parameters.push(['PatientID', checkMatchValue(query.patientId, 'patient ID')]);
      if (query.patientName !== undefined) {
        parameters.push(['PatientName', checkMatchValue(query.patientName, 'patient name')]);
      }
      if (query.studyDateFrom !== undefined || query.studyDateTo !== undefined) {
        const from =
          query.studyDateFrom === undefined ? '' : dicomDate(query.studyDateFrom, 'first study date');
        const to = query.studyDateTo === undefined ? '' : dicomDate(query.studyDateTo, 'last study date');
        if (from !== '' && to !== '' && from > to)
          throw invalid('the first study date is after the last one');
        parameters.push(['StudyDate', from === to ? from : `${from}-${to}`]);
      }
      if (query.modality !== undefined) {
        if (!/^[A-Z0-9_ ]{1,16}$/.test(query.modality))
          throw invalid('the modality is not a DICOM modality code');
        parameters.push(['ModalitiesInStudy', query.modality]);
      }
      parameters.push(...includeFields(STUDY_FIELDS));
      if (query.limit !== undefined) parameters.push(['limit', String(checkCount(query.limit, 'limit'))]);
      if (query.offset !== undefined) parameters.push(['offset', String(checkCount(query.offset, 'offset'))]);
      const datasets = await qido('/studies', parameters, 'QIDO-RS search for studies');
      return datasets.map(toStudy).filter((study): study is StudySummary => study !== undefined);
    },

    async searchSeries(studyInstanceUid: string): Promise<SeriesSummary[]> {
      const datasets = await qido(
        `/studies/${checkUid(studyInstanceUid, 'study instance UID')}/series`,
        includeFields(SERIES_FIELDS),
        'QIDO-RS search for series',
      );
      const series: SeriesSummary[] = [];
      for (const dataset of datasets) {
        const seriesInstanceUid = firstString(dataset, TAG.SeriesInstanceUID);
        if (seriesInstanceUid === undefined || !UID.test(seriesInstanceUid)) continue;
        const modality = firstString(dataset, TAG.Modality);
        let viewPosition = firstString(dataset, TAG.ViewPosition);
        // ViewPosition is an instance-level attribute: a PACS that answers series queries from its series
        // table (unlike Orthanc, which reads one instance) leaves it out. Ask one instance then.
        if (viewPosition === undefined && (modality === undefined || PROJECTION_MODALITIES.has(modality))) {
          const instances = await searchInstancesRaw(studyInstanceUid, seriesInstanceUid, [
            ...includeFields([TAG.ViewPosition]),
            ['limit', '1'],
          ]);
          viewPosition = instances[0] === undefined ? undefined : firstString(instances[0], TAG.ViewPosition);
        }
        series.push({
          seriesInstanceUid,
          modality,
          seriesDescription: firstString(dataset, TAG.SeriesDescription),
          seriesNumber: firstNumber(dataset, TAG.SeriesNumber),
          numberOfInstances: firstNumber(dataset, TAG.NumberOfSeriesRelatedInstances),
          bodyPartExamined: firstString(dataset, TAG.BodyPartExamined),
          viewPosition,
        });
      }
      return series;
    },

    async searchInstances(studyInstanceUid: string, seriesInstanceUid: string): Promise<InstanceSummary[]> {
      const datasets = await searchInstancesRaw(
        studyInstanceUid,
        seriesInstanceUid,
        includeFields(INSTANCE_FIELDS),
      );
      const instances: InstanceSummary[] = [];
      for (const dataset of datasets) {
        const sopInstanceUid = firstString(dataset, TAG.SOPInstanceUID);
        const sopClassUid = firstString(dataset, TAG.SOPClassUID);
        if (sopInstanceUid === undefined || sopClassUid === undefined) continue;
        instances.push({
          sopInstanceUid,
          sopClassUid,
          instanceNumber: firstNumber(dataset, TAG.InstanceNumber),
          rows: firstNumber(dataset, TAG.Rows),
          columns: firstNumber(dataset, TAG.Columns),
        });
      }
      return instances;
    },

    async retrieveInstance(
      studyInstanceUid: string,
      seriesInstanceUid: string,
      sopInstanceUid: string,
      options: RetrieveOptions = {},
    ): Promise<Uint8Array> {
      const operation = 'WADO-RS retrieval';
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_INSTANCE_BYTES;
      if (!Number.isFinite(maxBytes) || maxBytes <= 0)
        throw new TypeError('maxBytes must be a positive number');
      const path =
        `/studies/${checkUid(studyInstanceUid, 'study instance UID')}` +
        `/series/${checkUid(seriesInstanceUid, 'series instance UID')}` +
        `/instances/${checkUid(sopInstanceUid, 'SOP instance UID')}`;
      return exchange(path, { accept: WADO_ACCEPT }, async (response) => {
        if (!response.ok) {
          await discard(response);
          throw statusError(response, operation);
        }
        const contentType = parseContentType(response.headers.get('content-type') ?? '');
        const boundary = contentType.parameters.get('boundary');
        if (contentType.mediaType !== 'multipart/related' || boundary === undefined) {
          await discard(response);
          throw new DicomWebError(
            'remote',
            `${operation} failed: the PACS did not answer with a multipart body`,
          );
        }
        const body = await readBody(response, maxBytes, 'an instance');
        const outerType = contentType.parameters.get('type')?.toLowerCase();
        const dicomParts = parseMultipart(body, boundary).filter((part) => {
          const partType = part.headers.get('content-type');
          return partType === undefined
            ? outerType === 'application/dicom'
            : parseContentType(partType).mediaType === 'application/dicom';
        });
        const [part, ...others] = dicomParts;
        if (part === undefined) {
          throw new DicomWebError(
            'remote',
            `${operation} failed: the PACS answer has no application/dicom part`,
          );
        }
        if (others.length > 0) {
          throw new DicomWebError(
            'remote',
            `${operation} failed: the PACS sent ${dicomParts.length} instances, not one`,
          );
        }
        const magic = new TextDecoder('latin1').decode(part.body.subarray(128, 132));
        if (part.body.byteLength < 132 || magic !== 'DICM') {
          throw new DicomWebError(
            'remote',
            `${operation} failed: the PACS sent a part that is not a DICOM Part 10 file`,
          );
        }
        return part.body;
      });
    },

    async storeInstances(files: readonly Uint8Array[], studyInstanceUid?: string): Promise<StoreResult> {
      const operation = 'STOW-RS upload';
      if (files.length === 0) return { stored: [], failed: [] };
      const path =
        studyInstanceUid === undefined
          ? '/studies'
          : `/studies/${checkUid(studyInstanceUid, 'study instance UID')}`;
      const failureSummary = async (response: Response): Promise<string> => {
        try {
          const json = await readJson(response, operation);
          const dataset = Array.isArray(json) ? (json as unknown[])[0] : json;
          if (!isDataset(dataset)) return '';
          const { failed } = storeResult(dataset);
          if (failed.length === 0) return '';
          const reasons = [...new Set(failed.map((failure) => failure.reason))].join('; ');
          return ` (${failed.length} instance${failed.length === 1 ? '' : 's'} failed: ${reasons})`;
        } catch {
          return '';
        }
      };
      const boundary = chooseBoundary(files);
      const body = buildMultipart(files, 'application/dicom', boundary);
      return exchange(
        path,
        {
          method: 'POST',
          accept: DICOM_JSON,
          contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
          body,
        },
        async (response) => {
          if (!response.ok) {
            // Orthanc answers 400/409 with a DICOM JSON body listing the failures: quote only their codes.
            const summary = await failureSummary(response);
            const error = statusError(response, operation);
            throw new DicomWebError('remote', `${error.message}${summary}`, response.status);
          }
          const json = await readJson(response, operation);
          const dataset = Array.isArray(json) ? (json as unknown[])[0] : json;
          if (!isDataset(dataset)) {
            throw new DicomWebError(
              'remote',
              `${operation} failed: the PACS did not answer with a DICOM JSON object`,
            );
          }
          return storeResult(dataset);
        },
      );
    },
  };
}

function storeResult(dataset: DicomJsonDataset): StoreResult {
  const stored: string[] = [];
  for (const item of sequence(dataset, TAG.ReferencedSOPSequence)) {
    const uid = firstString(item, TAG.ReferencedSOPInstanceUID);
    if (uid !== undefined) stored.push(uid);
  }
  const failed: StoreFailure[] = [];
  for (const item of sequence(dataset, TAG.FailedSOPSequence)) {
    const failureCode = firstNumber(item, TAG.FailureReason);
    const reason =
      failureCode === undefined
        ? 'no reason given'
        : `${FAILURE_REASONS[failureCode] ?? (failureCode >= 0xa000 ? 'error' : 'failure')} (${hex(failureCode)})`;
    failed.push({
      sopInstanceUid: firstString(item, TAG.ReferencedSOPInstanceUID) ?? '',
      reason,
      ...(failureCode === undefined ? {} : { failureCode }),
    });
  }
  return { stored, failed };
}
