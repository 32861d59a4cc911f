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
import type { RadiographService } from '../services/radiographService.js';
import type { ResearchService } from '../services/researchService.js';
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
  readonly research: ResearchService;
  readonly reports: MeasurementReportService;
  readonly pacs: PacsService;
  readonly oidc: OidcLogin | undefined;
}
