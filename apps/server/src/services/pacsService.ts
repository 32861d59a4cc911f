import { Readable } from 'node:stream';
import { createDicomWebClient, DicomError, inspectDicom, type DicomWebClient } from '@spinerecon/dicom';
import type { DicomWebConfig } from '../config.js';
import type { RequestContext } from '../domain/context.js';
import { Problem } from '../domain/errors.js';
import type { Executor } from '../repositories/executor.js';
import { recordAccess } from './auditTrail.js';
import { dicomProblem } from '../images/dicomProblem.js';
import type { RadiographInput, RadiographService } from './radiographService.js';
import type { MeasurementReportService } from './measurementReportService.js';
import { orientationFromDicom } from '../images/dicomOrientation.js';

export interface StudyQuery {
  readonly patientId?: string | undefined;
  readonly patientName?: string | undefined;
  readonly studyDateFrom?: string | undefined;
  readonly studyDateTo?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface PacsImportInput {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly view: 'lateral' | 'coronal';
  readonly posture?: RadiographInput['posture'];
  readonly anteriorOnImage?: 'left' | 'right' | undefined;
  readonly patientRightOnImage?: 'left' | 'right' | undefined;
  readonly description?: string | undefined;
}

/**
 * The hospital PACS over DICOMweb: search (QIDO-RS), import a film into a case (WADO-RS, then the same
 * path as an upload), and store our measurement report back (STOW-RS). Without DICOMWEB_URL every call
 * answers 503 "no PACS is configured".
 */
export function createPacsService(
  db: Executor,
  config: DicomWebConfig | undefined,
  radiographs: RadiographService,
  reports: MeasurementReportService,
  maxImageBytes: number,
) {
  const client: DicomWebClient | undefined =
    config === undefined
      ? undefined
      : createDicomWebClient({
          url: config.url,
          ...(config.username === undefined ? {} : { username: config.username }),
          ...(config.password === undefined ? {} : { password: config.password }),
          ...(config.bearerToken === undefined ? {} : { bearerToken: config.bearerToken }),
          timeoutMs: config.timeoutMs,
        });

  function pacs(): DicomWebClient {
    if (client === undefined) {
      throw new Problem(
        'unavailable',
        'no PACS is configured: set DICOMWEB_URL (README "PACS over DICOMweb")',
      );
    }
    return client;
  }

  /** A PACS failure is the PACS's problem (502), not the user's; the message names no patient. */
  async function remote<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DicomError) throw dicomProblem(error);
      throw error;
    }
  }

  // PACS results are patient data not (yet) in SpineRecon: each query is in the audit trail.
  const audited = (context: RequestContext, resourceId: string | null) =>
    recordAccess(db, context, { action: 'list', resourceType: 'pacs', resourceId, patientId: null });

  return {
    configured: client !== undefined,

    async searchStudies(context: RequestContext, query: StudyQuery) {
      const studies = await remote(() => pacs().searchStudies(query));
      await audited(context, null);
      return studies;
    },

    async searchSeries(context: RequestContext, studyInstanceUid: string) {
      const series = await remote(() => pacs().searchSeries(studyInstanceUid));
      await audited(context, studyInstanceUid);
      return series;
    },

    async searchInstances(context: RequestContext, studyInstanceUid: string, seriesInstanceUid: string) {
      const instances = await remote(() => pacs().searchInstances(studyInstanceUid, seriesInstanceUid));
      await audited(context, seriesInstanceUid);
      return instances;
    },

    /**
     * Retrieves one instance and files it as a new radiograph of the case. The film's side comes from
     * the request or else from the DICOM PatientOrientation; the stored file is the PACS's bytes.
     */
    async importInstance(context: RequestContext, caseId: string, input: PacsImportInput) {
      const bytes = await remote(() =>
        pacs().retrieveInstance(input.studyInstanceUid, input.seriesInstanceUid, input.sopInstanceUid, {
          maxBytes: maxImageBytes,
        }),
      );
      let info;
      try {
        info = inspectDicom(bytes);
      } catch (error) {
        if (error instanceof DicomError) throw dicomProblem(error);
        throw error;
      }
      const side = orientationFromDicom(input.view, info.patientOrientation);
      const anteriorOnImage = input.anteriorOnImage ?? (input.view === 'lateral' ? side : undefined);
      const patientRightOnImage = input.patientRightOnImage ?? (input.view === 'coronal' ? side : undefined);
      if (anteriorOnImage === undefined && patientRightOnImage === undefined) {
        const field = input.view === 'lateral' ? 'anteriorOnImage' : 'patientRightOnImage';
        throw new Problem(
          'invalid-input',
          `$.${field}: the film's PatientOrientation does not say which side the patient faces; give ${field}`,
          [{ path: `$.${field}`, message: 'required: the DICOM header does not tell' }],
        );
      }
      const created = await radiographs.create(context, caseId, {
        view: input.view,
        posture: input.posture,
        takenOn: info.studyDate ?? null,
        description: input.description,
        anteriorOnImage,
        patientRightOnImage,
      });
      try {
        return await radiographs.attachImage(
          context,
          created.id,
          Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
          `${input.sopInstanceUid}.dcm`,
          () => false,
        );
      } catch (error) {
        // Never a half-imported radiograph: the new record goes when its image cannot be stored.
        await radiographs.remove(context, created.id);
        throw error;
      }
    },

    /** Builds the radiograph's measurement report (DICOM SR) and stores it in the PACS. */
    async storeReport(context: RequestContext, radiographId: string) {
      const target = pacs();
      const report = await reports.build(context, radiographId);
      const result = await remote(() => target.storeInstances([report.bytes], report.studyInstanceUid));
      const failure = result.failed.find((f) => f.sopInstanceUid === report.sopInstanceUid);
      if (failure !== undefined || !result.stored.includes(report.sopInstanceUid)) {
        throw new Problem(
          'bad-gateway',
          `the PACS refused the measurement report${failure === undefined ? '' : `: ${failure.reason}`}`,
        );
      }
      return { sopInstanceUid: report.sopInstanceUid, studyInstanceUid: report.studyInstanceUid };
    },
  };
}

export type PacsService = ReturnType<typeof createPacsService>;
