import { describe, expect, it } from 'vitest';
import { validateCase } from './validateCase.js';

const base = { format: 'spinerecon.case/1', radiographs: [] };

describe('clinical facts of a case', () => {
  it('accepts every recorded fact', () => {
    const clinical = {
      diagnosis: 'fracture',
      symptomMonths: 2,
      conservativeTreatment: [{ kind: 'bracing', months: 1 }, { kind: 'medication' }],
      neurologicalStatus: 'radiculopathy',
      backPainNrs: 8,
      legPainNrs: 0,
      tlics: {
        morphology: ['compression', 'burst'],
        neurology: 'nerve-root',
        posteriorLigamentousComplex: 'indeterminate',
      },
      sins: {
        location: 'S2-S5',
        pain: 'none',
        lesion: 'mixed',
        alignment: 'normal',
        collapse: 'none',
        posterolateral: 'none',
      },
    };
    const result = validateCase({ ...base, clinical });
    expect(result).toEqual({ ok: true, value: { ...base, clinical } });
  });

  it.each([
    [{ diagnosis: 'flu' }, '$.clinical.diagnosis', /expected one of: degenerative-disc-disease/],
    [{ backPainNrs: 11 }, '$.clinical.backPainNrs', /from 0 to 10/],
    [{ symptomMonths: -1 }, '$.clinical.symptomMonths', /from 0 to 1200/],
    [
      { conservativeTreatment: [{ kind: 'yoga' }] },
      '$.clinical.conservativeTreatment[0].kind',
      /expected one of/,
    ],
    [
      { conservativeTreatment: [{ kind: 'other', weeks: 2 }] },
      '$.clinical.conservativeTreatment[0].weeks',
      /unknown key/,
    ],
    [{ tlics: { morphology: [] } }, '$.clinical.tlics.morphology', /non-empty array/],
    [{ tlics: { plc: 'intact' } }, '$.clinical.tlics.plc', /unknown key/],
    [{ sins: { location: 'L6' } }, '$.clinical.sins.location', /vertebral level/],
    [{ sins: { collapse: 'half' } }, '$.clinical.sins.collapse', /expected one of/],
    [{ mood: 'good' }, '$.clinical.mood', /unknown key/],
  ])('rejects %j at %s', (clinical, path, message) => {
    const result = validateCase({ ...base, clinical });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.path).toBe(path);
      expect(result.errors[0]?.message).toMatch(message);
    }
  });

  it('accepts medial pedicle points on a coronal vertebra and rejects them on a lateral one', () => {
    const coronal = {
      id: 'ap',
      view: 'coronal',
      patientRightOnImage: 'left',
      vertebrae: { L2: { pedicleMedialRight: [10, 20], pedicleMedialLeft: [30, 20] } },
    };
    expect(validateCase({ ...base, radiographs: [coronal] }).ok).toBe(true);
    const lateral = {
      id: 'lat',
      view: 'lateral',
      anteriorOnImage: 'right',
      vertebrae: { L2: { pedicleMedialRight: [10, 20] } },
    };
    const result = validateCase({ ...base, radiographs: [lateral] });
    expect(result.ok === false && result.errors[0]?.path).toBe(
      '$.radiographs[0].vertebrae.L2.pedicleMedialRight',
    );
  });
});
