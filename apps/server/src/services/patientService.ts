import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../domain/context.js';
import { Problem, notFound } from '../domain/errors.js';
import { now, type Executor, type Page } from '../repositories/executor.js';
import {
  deletePatient,
  findPatient,
  findPatientByMrn,
  insertPatient,
  listPatients,
  updatePatient,
} from '../repositories/patientRepository.js';
import { recordAccess } from './auditTrail.js';
import { patientView } from './views.js';

export interface PatientInput {
  readonly mrn: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly description?: string | undefined;
}

export type PatientView = ReturnType<typeof patientView>;

/** A meaningless, stable id for de-identified exports (not derived from MRN or name). */
const newPseudonym = (): string => `P-${randomBytes(6).toString('hex')}`;

export function createPatientService(db: Executor) {
  async function mrnFree(trx: Executor, mrn: string, except?: string): Promise<void> {
    const existing = await findPatientByMrn(trx, mrn);
    if (existing !== undefined && existing.id !== except) {
      throw new Problem('conflict', 'another patient already has this MRN');
    }
  }

  return {
    async create(context: RequestContext, input: PatientInput): Promise<PatientView> {
      const at = now();
      const row = {
        id: randomUUID(),
        pseudonym: newPseudonym(),
        mrn: input.mrn,
        name: input.name,
        name_search: input.name.toLowerCase(),
        birth_date: input.birthDate,
        sex: input.sex,
        description: input.description ?? '',
        created_at: at,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        await mrnFree(trx, input.mrn);
        await insertPatient(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'patient',
          resourceId: row.id,
          patientId: row.id,
        });
      });
      return patientView(row);
    },

    async get(context: RequestContext, id: string): Promise<PatientView> {
      const row = await findPatient(db, id);
      if (row === undefined) throw notFound('patient');
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
      });
      return patientView(row);
    },

    async list(context: RequestContext, search: string | undefined, page: Page) {
      const { rows, total } = await listPatients(db, search, page);
      // One row per patient shown: the trail says whose data appeared on whose screen.
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await recordAccess(trx, context, {
            action: 'list',
            resourceType: 'patient',
            resourceId: row.id,
            patientId: row.id,
          });
        }
      });
      return { items: rows.map(patientView), total, ...page };
    },

    async update(context: RequestContext, id: string, input: Partial<PatientInput>): Promise<PatientView> {
      return db.transaction().execute(async (trx) => {
        const row = await findPatient(trx, id);
        if (row === undefined) throw notFound('patient');
        if (input.mrn !== undefined) await mrnFree(trx, input.mrn, id);
        const changes = {
          ...(input.mrn === undefined ? {} : { mrn: input.mrn }),
          ...(input.name === undefined ? {} : { name: input.name, name_search: input.name.toLowerCase() }),
          ...(input.birthDate === undefined ? {} : { birth_date: input.birthDate }),
          ...(input.sex === undefined ? {} : { sex: input.sex }),
          ...(input.description === undefined ? {} : { description: input.description }),
          updated_at: now(),
        };
        await updatePatient(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'patient',
          resourceId: id,
          patientId: id,
        });
        return patientView({ ...row, ...changes });
      });
    },

    async remove(context: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await deletePatient(trx, id))) throw notFound('patient');
        await recordAccess(trx, context, {
          action: 'delete',
          resourceType: 'patient',
          resourceId: id,
          patientId: id,
        });
      });
    },
  };
}

export type PatientService = ReturnType<typeof createPatientService>;
