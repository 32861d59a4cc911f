import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServerConfig } from './config.js';
import { openPostgres, openSqlite, type Storage } from './db/database.js';
import { migrate } from './db/migrations.js';
import { buildApp } from './http/app.js';
import type { Services } from './http/services.js';
import { ImageStore } from './images/imageStore.js';
import { createLogger } from './logging.js';
import { createOidcLogin } from './oidc/oidcLogin.js';
import { findUserByUsername } from './repositories/userRepository.js';
import { createFirstAdmin } from './seed/adminAccount.js';
import { seedDemo } from './seed/demoSeed.js';
import { createAuthService } from './services/authService.js';
import { createCaseService } from './services/caseService.js';
import { createLandmarkService } from './services/landmarkService.js';
import { createDeidentifiedImages } from './services/deidentifiedImages.js';
import { createMeasurementReportService } from './services/measurementReportService.js';
import { createPacsService } from './services/pacsService.js';
import { createPatientService } from './services/patientService.js';
import { createPlanService } from './services/planService.js';
import { createReportService } from './reports/reportService.js';
import { systemClock, type Clock } from './services/clock.js';
import { createOutcomeService } from './services/outcomeService.js';
import { createAlignmentService } from './services/alignmentService.js';
import { createComplicationService } from './services/complicationService.js';
import { createFollowUpService } from './services/followUpService.js';
import { createOperationService } from './services/operationService.js';
import { createRecoveryDocumentService } from './services/recoveryDocumentService.js';
import { createTherapySessionService } from './services/therapySessionService.js';
import { createQuestionnaireService } from './services/questionnaireService.js';
import { createRadiographService } from './services/radiographService.js';
import { createResearchService } from './services/researchService.js';
import { createExchangeService } from './exchange/exchangeService.js';
import { createUserService } from './services/userService.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly services: Services;
  /** Set on the first start when the server made up the admin password (shown once). */
  readonly generatedAdminPassword: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where the JSON log lines go (standard output by default). */
  readonly logDestination?: DestinationStream;
  /** The clock of time-limited links (questionnaires) and of "today" (visits due, dates not in the future); tests move it. The real time by default. */
  readonly clock?: Clock;
}

export function openStorage(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'postgresPoolSize'>,
  onIdleError?: (code: string) => void,
): Storage {
  return config.databaseUrl === undefined
    ? openSqlite(`${config.dataDir}/spinerecon.sqlite`)
    : openPostgres(config.databaseUrl, config.postgresPoolSize, onIdleError);
}

export function createServices(config: ServerConfig, storage: Storage, clock: Clock = systemClock): Services {
  const db = storage.db;
  const images = new ImageStore(config.imageDir);
  const radiographs = createRadiographService(db, images);
  const reports = createMeasurementReportService(db, images);
  return {
    storage,
    images,
    auth: createAuthService(db, config.sessionHours),
    users: createUserService(db),
    patients: createPatientService(db),
    cases: createCaseService(db),
    radiographs,
    landmarks: createLandmarkService(db),
    plans: createPlanService(db),
    questionnaires: createQuestionnaireService(db, { linkDays: config.questionnaireDays, clock }),
    outcomes: createOutcomeService(db, clock),
    operations: createOperationService(db, clock),
    recoveryDocuments: createRecoveryDocumentService(db, clock),
    therapySessions: createTherapySessionService(db, clock),
    followUp: createFollowUpService(db, clock),
    alignment: createAlignmentService(db, clock),
    complications: createComplicationService(db, clock),
    research: createResearchService(db, createDeidentifiedImages(db, images, config.researchDates)),
    exchange: createExchangeService(db, config.researchDates),
    reports,
    pdfReports: createReportService(db, images, clock),
    pacs: createPacsService(db, config.dicomWeb, radiographs, reports, config.maxImageBytes),
    oidc: config.oidc === undefined ? undefined : createOidcLogin(config.oidc, db),
  };
}

/** Opens and migrates the database, creates the first admin and the demo, and listens. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const storage = openStorage(config, (code) =>
    logger.warn({ code }, 'an idle database connection was closed by the server; the pool replaces it'),
  );
  try {
    await migrate(storage.db, storage.engine);
    const services = createServices(config, storage, options.clock);
    const firstAdmin = await createFirstAdmin(storage.db, config.adminPassword);
    if (config.seedDemo) {
      const admin = firstAdmin?.user ?? (await findUserByUsername(storage.db, 'admin'));
      if (admin !== undefined) {
        const actor = {
          userId: admin.id,
          username: admin.username,
          displayName: admin.display_name,
          role: admin.role,
        };
        await seedDemo(services, { actor, ip: 'local', requestId: 'demo-seed' });
      }
    }
    const app = await buildApp({
      services,
      logger,
      trustProxy: config.trustProxy,
      maxImageBytes: config.maxImageBytes,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
      questionnaireRequestsPerMinute: config.questionnaireRequestsPerMinute,
      webDir: config.webDir,
    });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      app,
      url: `http://${host}:${port}`,
      services,
      generatedAdminPassword: firstAdmin?.generatedPassword,
      close: async () => {
        // Graceful: requests in flight finish; a kept-alive connection is closed as soon as it is idle
        // (Node closes the idle ones only once, when closing starts).
        const drain = setInterval(() => app.server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(drain);
        }
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
