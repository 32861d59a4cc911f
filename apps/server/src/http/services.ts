import type { Storage } from '../db/database.js';
import type { ImageStore } from '../images/imageStore.js';
import type { OidcLogin } from '../oidc/oidcLogin.js';
import type { AuthService } from '../services/authService.js';
import type { CaseService } from '../services/caseService.js';
import type { LandmarkService } from '../services/landmarkService.js';
import type { MeasurementReportService } from '../services/measurementReportService.js';
import type { PacsService } from '../services/pacsService.js';
import type { PatientService } from '../services/patientService.js';
import type { PlanService } from '../services/planService.js';
import type { ReportService } from '../reports/reportService.js';
import type { OutcomeService } from '../services/outcomeService.js';
import type { AlignmentService } from '../services/alignmentService.js';
import type { ComplicationService } from '../services/complicationService.js';
import type { FollowUpService } from '../services/followUpService.js';
import type { OperationService } from '../services/operationService.js';
import type { RecoveryDocumentService } from '../services/recoveryDocumentService.js';
import type { TherapySessionService } from '../services/therapySessionService.js';
import type { QuestionnaireService } from '../services/questionnaireService.js';
import type { RadiographService } from '../services/radiographService.js';
import type { ResearchService } from '../services/researchService.js';
import type { ExchangeService } from '../exchange/exchangeService.js';
import type { UserService } from '../services/userService.js';

/** Everything the routes call: one instance per server, built in server.ts. */
export interface Services {
  readonly storage: Storage;
  readonly images: ImageStore;
  readonly auth: AuthService;
  readonly users: UserService;
  readonly patients: PatientService;
  readonly cases: CaseService;
  readonly radiographs: RadiographService;
  readonly landmarks: LandmarkService;
  readonly plans: PlanService;
  readonly questionnaires: QuestionnaireService;
  readonly outcomes: OutcomeService;
  readonly operations: OperationService;
  readonly recoveryDocuments: RecoveryDocumentService;
  readonly therapySessions: TherapySessionService;
  readonly followUp: FollowUpService;
  readonly alignment: AlignmentService;
  readonly complications: ComplicationService;
  readonly research: ResearchService;
  /** FHIR R4 export, de-identified research export, import (docs/decisions/0017). */
  readonly exchange: ExchangeService;
  readonly reports: MeasurementReportService;
  /** The PDF reports (planning, follow-up). */
  readonly pdfReports: ReportService;
  readonly pacs: PacsService;
  readonly oidc: OidcLogin | undefined;
}
