import type { Executor, Page } from './executor.js';

// What de-identified reads may see: no name, MRN or free text leaves these queries; the birth date is read
// only to give an age in years (services/researchService.ts), never returned.
const RESEARCH_COLUMNS = [
  'cases.id',
  'cases.diagnosis',
  'cases.status',
  'cases.created_at',
  'patients.id as patient_id',
  'patients.pseudonym',
  'patients.birth_date',
  'patients.sex',
] as const;

export async function listResearchCases(db: Executor, diagnosis: string | undefined, page: Page) {
  let query = db.selectFrom('cases').innerJoin('patients', 'patients.id', 'cases.patient_id');
  if (diagnosis !== undefined) query = query.where('cases.diagnosis', '=', diagnosis);
  const [rows, count] = await Promise.all([
    query.select(RESEARCH_COLUMNS).orderBy('cases.id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const findResearchCase = (db: Executor, id: string) =>
  db
    .selectFrom('cases')
    .innerJoin('patients', 'patients.id', 'cases.patient_id')
    .select(RESEARCH_COLUMNS)
    .where('cases.id', '=', id)
    .executeTakeFirst();
