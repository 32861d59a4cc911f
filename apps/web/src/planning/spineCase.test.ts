import { describe, expect, it } from 'vitest';
import type { CaseDetail, Radiograph } from '../api/types';
import type { LandmarkSet } from '../protocols/landmarks';
import { buildSpineCase } from './spineCase';

const corners = (y: number) => ({
  superiorAnterior: [100, y] as const,
  superiorPosterior: [140, y] as const,
  inferiorAnterior: [100, y + 30] as const,
  inferiorPosterior: [140, y + 30] as const,
});
const LANDMARKS: LandmarkSet = { vertebrae: { L3: corners(100), L4: corners(140) } };

function film(id: string, visitId: string | null): Radiograph {
  return {
    id,
    caseId: 'case',
    view: 'lateral',
    posture: 'standing',
    takenOn: '2026-01-01',
    pixelSpacingMm: 0.2,
    calibrationMethod: 'manual',
    calibrationNote: null,
    anteriorOnImage: 'left',
    patientRightOnImage: null,
    image: null,
    description: '',
    visitId,
    landmarkVersion: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  } as Radiograph;
}

const DETAIL = { patient: { birthDate: '1960-05-01', sex: 'female' } } as CaseDetail;

describe('the case the planning workspace plans on', () => {
  it('leaves out the films of follow-up visits and says so', () => {
    const built = buildSpineCase(
      DETAIL,
      [
        { radiograph: film('before', null), landmarks: LANDMARKS },
        { radiograph: film('after', 'visit-6-weeks'), landmarks: LANDMARKS },
      ],
      new Date('2026-11-25T00:00:00Z'),
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.spineCase.radiographs.map((r) => r.id)).toEqual(['before']);
    expect(built.skipped).toEqual(['lateral film 2026-01-01: a follow-up film, not planned on']);
  });
});
