import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  aasceFilmToRadiograph,
  parseAasceFiles,
  parseCaseJson,
  type CoronalRadiograph,
  type LateralRadiograph,
} from '@spinerecon/core';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { RequestContext } from '../domain/context.js';
import { Problem } from '../domain/errors.js';
import type { Services } from '../http/services.js';
import { readSetting, writeSetting } from '../repositories/settingRepository.js';

// The demo patient of a fresh installation (seed/SOURCE.md says where every number comes from).

const SEED_DIR = fileURLToPath(new URL('../../seed/', import.meta.url));
const SEEDED = 'demo_seeded';

export const DEMO_PATIENT_NAME = 'DEMO — not a real patient';
export const DEMO_MRN = 'DEMO-0001';

/**
 * A plan to start from (e.g. to record an operation from it): fusion T10 to the pelvis and a grade 3
 * osteotomy (PSO) at L3 of 30°, the grade's default angle in the core. A demonstration, not advice.
 */
export const DEMO_PLAN_TITLE = 'Demo plan — L3 PSO 30°';
const DEMO_PLAN = {
  format: 'spinerecon.plan/1',
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
} as const;

const PATIENT_NOTE =
  'Demonstration record, not a patient. The coronal film and its landmarks are real (AASCE 2019 public data ' +
  'set, an adolescent with idiopathic scoliosis, research use); the lateral landmark set is SYNTHETIC ' +
  '(computed from chosen geometry), its image a drawing made from it. The two do not come from the same person. ' +
  'Birth date and sex are invented for the demo.';

const seedFile = (name: string) => readFile(`${SEED_DIR}${name}`, 'utf8');

/** The two films of the demo, read from `apps/server/seed/` and converted by the core. */
async function readSeedFilms(): Promise<{
  coronal: CoronalRadiograph;
  filename: string;
  lateral: LateralRadiograph;
}> {
  const [film] = parseAasceFiles({
    filenames: await seedFile('demo-coronal.filenames.csv'),
    landmarks: await seedFile('demo-coronal.landmarks.csv'),
    imageSizes: await seedFile('demo-coronal.image-sizes.csv'),
  });
  const synthetic = parseCaseJson(await seedFile('synthetic-adult-deformity.case.json'));
  const lateral = synthetic.ok ? synthetic.value.radiographs.find((r) => r.view === 'lateral') : undefined;
  if (film === undefined || lateral === undefined || lateral.view !== 'lateral') {
    throw new Error('the demo seed files in apps/server/seed are damaged');
  }
  return { coronal: aasceFilmToRadiograph(film), filename: film.filename, lateral };
}

/** Seeds the demo once per database (deleting it later does not bring it back). */
export async function seedDemo(services: Services, context: RequestContext): Promise<boolean> {
  const db = services.storage.db;
  if ((await readSetting(db, SEEDED)) !== undefined) return false;
  const films = await readSeedFilms();
  let patient;
  try {
    patient = await services.patients.create(context, {
      mrn: DEMO_MRN,
      name: DEMO_PATIENT_NAME,
      birthDate: '2010-01-01',
      sex: 'other',
      description: PATIENT_NOTE,
    });
  } catch (error) {
    // Another server of the same installation, starting at the same moment, is seeding it.
    if ((error instanceof Problem && error.kind === 'conflict') || isUniqueViolation(error)) return false;
    throw error;
  }
  const spineCase = await services.cases.create(context, {
    patientId: patient.id,
    diagnosis: 'scoliosis',
    description: `DEMO. ${PATIENT_NOTE}`,
  });
  await seedCoronal(services, context, spineCase.id, films.coronal, films.filename);
  await seedLateral(services, context, spineCase.id, films.lateral);
  await services.plans.create(context, spineCase.id, DEMO_PLAN_TITLE, DEMO_PLAN);
  await writeSetting(db, SEEDED, new Date().toISOString());
  return true;
}

/** The real AASCE film: its JPEG into the image store, its clinicians' landmarks as version 1. */
async function seedCoronal(
  services: Services,
  context: RequestContext,
  caseId: string,
  coronal: CoronalRadiograph,
  filename: string,
): Promise<void> {
  const film = await services.radiographs.create(context, caseId, {
    view: 'coronal',
    posture: coronal.posture,
    patientRightOnImage: coronal.patientRightOnImage,
    description:
      `REAL film and landmarks: AASCE 2019 "${filename}" (clinicians' landmarks, T1–L5). ` +
      'Uncalibrated: angles only. Research use; see seed/SOURCE.md.',
  });
  const image = createReadStream(`${SEED_DIR}demo-coronal.jpg`);
  await services.radiographs.attachImage(context, film.id, image, 'demo-coronal.jpg', () => false);
  await services.landmarks.save(context, film.id, undefined, { vertebrae: coronal.vertebrae });
}

/** The synthetic lateral landmark set with the drawing made from it, labelled as such. */
async function seedLateral(
  services: Services,
  context: RequestContext,
  caseId: string,
  lateral: LateralRadiograph,
): Promise<void> {
  const film = await services.radiographs.create(context, caseId, {
    view: 'lateral',
    posture: lateral.posture,
    anteriorOnImage: lateral.anteriorOnImage,
    ...(lateral.pixelSpacingMm === undefined
      ? {}
      : { pixelSpacingMm: lateral.pixelSpacingMm, calibrationMethod: 'manual' }),
    description:
      'SYNTHETIC landmark set and a DRAWING, NOT A RADIOGRAPH: landmarks computed from chosen geometry (a severe ' +
      'adult sagittal deformity), not placed on any film of any person; the image is drawn from them ' +
      '(scripts/make-demo-lateral.mjs) to try the tools on. See seed/SOURCE.md.',
  });
  const drawing = createReadStream(`${SEED_DIR}demo-lateral.png`);
  await services.radiographs.attachImage(context, film.id, drawing, 'demo-lateral.png', () => false);
  await services.landmarks.save(context, film.id, undefined, {
    vertebrae: lateral.vertebrae,
    femoralHeads: lateral.femoralHeads,
  });
}
