import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from './database.js';
import type { Database } from './schema.js';

// Versioned migrations, run at every start (`migrateToLatest`). One list for both engines; where SQL
// differs (auto-increment ids, the triggers that make the audit table append-only) it says so.
// Never edit a released migration: add the next one.

function initial(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createAccountTables(db);
      await createClinicalTables(db);
      await createVersionTables(db);
      await createAuditTable(db, engine);
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

async function createAccountTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('oidc_subject', 'text', (c) => c.unique())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

async function createClinicalTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pseudonym', 'text', (c) => c.notNull().unique())
    .addColumn('mrn', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patients_name_search').on('patients').column('name_search').execute();
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('diagnosis', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('surgeon_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_patient').on('cases').column('patient_id').execute();
  await db.schema.createIndex('cases_surgeon').on('cases').column('surgeon_id').execute();
  await db.schema.createIndex('cases_diagnosis').on('cases').column('diagnosis').execute();
  await db.schema
    .createTable('images')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('radiographs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('posture', 'text', (c) => c.notNull())
    .addColumn('taken_on', 'text')
    .addColumn('pixel_spacing_mm', 'text')
    .addColumn('calibration_method', 'text')
    .addColumn('anterior_on_image', 'text')
    .addColumn('patient_right_on_image', 'text')
    .addColumn('image_sha256', 'text', (c) => c.references('images.sha256'))
    .addColumn('image_filename', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('landmark_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('radiographs_case').on('radiographs').column('case_id').execute();
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_case').on('plans').column('case_id').execute();
}

/** Landmark sets and plans: immutable numbered versions (docs/decisions/0007). */
async function createVersionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('landmark_versions')
    .addColumn('radiograph_id', 'text', (c) => c.notNull().references('radiographs.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('landmark_versions_pk', ['radiograph_id', 'version'])
    .execute();
  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version'])
    .execute();
}

async function createAuditTable(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
      engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('patient_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_events_patient').on('audit_events').column('patient_id').execute();
  await db.schema.createIndex('audit_events_user').on('audit_events').column('user_id').execute();
  await appendOnlyAudit(db, engine);
}

/** The database itself refuses UPDATE and DELETE on audit rows, whoever asks. */
async function appendOnlyAudit(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_events_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_events
           BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
       FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    )
    .execute(db);
}

/** What the server learnt from each image file (size, DICOM identity) and where a calibration came from. */
const imageFacts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('images').addColumn('width_px', 'integer').execute();
    await db.schema.alterTable('images').addColumn('height_px', 'integer').execute();
    await db.schema.alterTable('images').addColumn('dicom', 'text').execute();
    await db.schema.alterTable('radiographs').addColumn('calibration_note', 'text').execute();
  },
};

/** The operation record and everything after it (docs/decisions/0016). */
const recovery: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [owner, versions] of [
      ['operations', 'operation_versions'],
      ['hospital_stays', 'hospital_stay_versions'],
      ['rehab_programmes', 'rehab_programme_versions'],
    ] as const) {
      await db.schema
        .createTable(owner)
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable(versions)
        .addColumn('case_id', 'text', (c) => c.notNull().references(`${owner}.case_id`).onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${versions}_pk`, ['case_id', 'version'])
        .execute();
    }
    await db.schema
      .createTable('follow_up_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('visit_date', 'text')
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('follow_up_visits_case').on('follow_up_visits').column('case_id').execute();
    await db.schema.createIndex('follow_up_visits_due').on('follow_up_visits').column('due_date').execute();
    await db.schema
      .alterTable('radiographs')
      .addColumn('visit_id', 'text', (c) => c.references('follow_up_visits.id').onDelete('set null'))
      .execute();
    await db.schema
      .createTable('therapy_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('session_date', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('progress', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('therapy_sessions_case').on('therapy_sessions').column('case_id').execute();
    await db.schema
      .createTable('complications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('visit_id', 'text', (c) => c.references('follow_up_visits.id').onDelete('set null'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('onset_date', 'text', (c) => c.notNull())
      .addColumn('clavien_dindo', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('treatment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('resolved_date', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('complications_case').on('complications').column('case_id').execute();
    await db.schema
      .createTable('questionnaire_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('visit_id', 'text', (c) => c.references('follow_up_visits.id').onDelete('set null'))
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .execute();
    await db.schema
      .createIndex('questionnaire_invitations_case')
      .on('questionnaire_invitations')
      .column('case_id')
      .execute();
    await db.schema
      .createTable('questionnaire_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('visit_id', 'text', (c) => c.references('follow_up_visits.id').onDelete('set null'))
      .addColumn('invitation_id', 'text', (c) =>
        c.references('questionnaire_invitations.id').onDelete('set null'),
      )
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('score', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text')
      .execute();
    await db.schema
      .createIndex('questionnaire_responses_case')
      .on('questionnaire_responses')
      .column('case_id')
      .execute();
  },
};

class StaticMigrations implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-initial': initial(this.engine),
      '0002-image-facts': imageFacts,
      '0003-recovery': recovery,
    };
  }
}

/** Brings the schema to the latest version; several servers starting at once take turns (Kysely's lock). */
export async function migrate(db: Kysely<Database>, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrations(engine) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const name = failed === undefined ? '' : ` (${failed.migrationName})`;
    throw new Error(`database migration failed${name}: ${String((error as Error).message ?? error)}`);
  }
}
