import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSTURES } from './types.js';
import { parseCaseJson, validateCase, type CaseResult } from './validateCase.js';

/** A complete, valid case with a lateral and a coronal film (plain JSON data, mutated by the tests). */
function validCase() {
  const lateral = {
    id: 'lat-1',
    view: 'lateral',
    pixelSpacingMm: 0.15,
    anteriorOnImage: 'right',
    vertebrae: {
      C7: {
        superiorAnterior: [1040, 400],
        superiorPosterior: [1000, 400],
        inferiorAnterior: [1040, 440],
        inferiorPosterior: [1000, 440],
      },
      L4: { superiorAnterior: [1040, 1800], superiorPosterior: [1000, 1800] } as Record<string, unknown>,
      S1: { superiorAnterior: [1040, 2030], superiorPosterior: [1000, 2000] },
    } as Record<string, unknown>,
    femoralHeads: [{ center: [1100, 2200], radiusPx: 90 }, { center: [1110, 2210] }] as unknown[],
  };
  const coronal = {
    id: 'ap-1',
    view: 'coronal',
    pixelSpacingMm: [0.1, 0.2],
    patientRightOnImage: 'left',
    posture: 'left-bending',
    vertebrae: {
      T1: { superiorRight: [900, 400], superiorLeft: [1000, 400] },
      S1: { superiorRight: [900, 2000], superiorLeft: [1000, 2000] },
    },
  };
  return {
    format: 'spinerecon.case/1',
    patient: { ageYears: 67, sex: 'female' },
    radiographs: [lateral, coronal] as [typeof lateral, typeof coronal],
  };
}

type Case = ReturnType<typeof validCase>;
/** The lateral film of the case, typed loosely so that tests can break it. */
const lateralOf = (c: Case) => c.radiographs[0] as Record<string, unknown>;
const coronalOf = (c: Case) => c.radiographs[1] as Record<string, unknown>;

function errorsOf(result: CaseResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** The case made invalid by `change` gives an error at `path` whose message matches `message`. */
function expectError(change: (c: Case) => void, path: string, message: RegExp) {
  const c = validCase();
  change(c);
  const errors = errorsOf(validateCase(c));
  expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
}

describe('reading a case', () => {
  it('reads a valid case with both views and gives it back unchanged, with the default posture filled in', () => {
    const input = validCase();
    const result = parseCaseJson(JSON.stringify(input));
    expect(result).toEqual({
      ok: true,
      value: {
        ...input,
        radiographs: [{ ...input.radiographs[0], posture: 'standing' }, input.radiographs[1]],
      },
    });
  });

  it('reads its own output again to the same case (round trip)', () => {
    const first = parseCaseJson(JSON.stringify(validCase()));
    if (!first.ok) throw new Error('the valid case was rejected');
    expect(parseCaseJson(JSON.stringify(first.value))).toEqual(first);
  });

  it('takes a film without femoral heads or pixel spacing as having none (uncalibrated)', () => {
    const c = validCase();
    delete lateralOf(c).femoralHeads;
    delete lateralOf(c).pixelSpacingMm;
    const result = validateCase(c);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.radiographs[0]).toMatchObject({ femoralHeads: [] });
    expect(result.value.radiographs[0]).not.toHaveProperty('pixelSpacingMm');
  });

  it('defaults the posture to standing and accepts each of the five postures', () => {
    expect(POSTURES).toEqual(['standing', 'supine', 'left-bending', 'right-bending', 'traction']);
    for (const posture of POSTURES) {
      const c = validCase();
      lateralOf(c).posture = posture;
      const result = validateCase(c);
      expect(result.ok && result.value.radiographs[0]?.posture).toBe(posture);
    }
    expectError((c) => (lateralOf(c).posture = 'sitting'), '$.radiographs[0].posture', /standing.*traction/);
  });

  it('accepts square and [rowMm, colMm] pixel spacing', () => {
    const result = validateCase(validCase());
    expect(result.ok && result.value.radiographs.map((r) => r.pixelSpacingMm)).toEqual([0.15, [0.1, 0.2]]);
  });
});

describe('errors in a case name the JSON path and what was expected', () => {
  it('rejects an unknown top-level key', () => {
    expectError(
      (c) => Object.assign(c, { comment: 'x' }),
      '$.comment',
      /unknown key.*format, patient, clinical, radiographs/,
    );
  });

  it('rejects an unknown key in a radiograph', () => {
    expectError((c) => (lateralOf(c).magnification = 1.1), '$.radiographs[0].magnification', /unknown key/);
  });

  it('rejects patientRightOnImage on a lateral film and anteriorOnImage on a coronal film as unknown keys', () => {
    expectError(
      (c) => (lateralOf(c).patientRightOnImage = 'left'),
      '$.radiographs[0].patientRightOnImage',
      /unknown key.*anteriorOnImage/,
    );
    expectError(
      (c) => (coronalOf(c).anteriorOnImage = 'left'),
      '$.radiographs[1].anteriorOnImage',
      /unknown key.*patientRightOnImage/,
    );
  });

  it('rejects an unknown level such as L6', () => {
    expectError(
      (c) => Object.assign(lateralOf(c).vertebrae as object, { L6: {} }),
      '$.radiographs[0].vertebrae.L6',
      /unknown vertebral level/,
    );
  });

  it('rejects a corner of the other view (superiorRight on a lateral film)', () => {
    expectError(
      (c) => (c.radiographs[0].vertebrae.L4 = { superiorRight: [1, 2] }),
      '$.radiographs[0].vertebrae.L4.superiorRight',
      /unknown key.*superiorAnterior/,
    );
  });

  it.each([
    ['a string', '12'],
    ['a point of length 3', [1, 2, 3]],
    ['a point of length 1', [1]],
    ['an object', { x: 1, y: 2 }],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('rejects a coordinate that is %s', (_, bad) => {
    const point = Array.isArray(bad) ? bad : [1000, bad];
    expectError(
      (c) => ((c.radiographs[0].vertebrae.L4 as Record<string, unknown>).superiorAnterior = point),
      '$.radiographs[0].vertebrae.L4.superiorAnterior',
      /expected (a point \[x, y\]|two finite numbers)/,
    );
  });

  it('rejects a non-finite femoral head centre', () => {
    expectError(
      (c) => (c.radiographs[0].femoralHeads[1] = { center: [Number.NaN, 1] }),
      '$.radiographs[0].femoralHeads[1].center',
      /finite/,
    );
  });

  it('rejects more than two femoral heads', () => {
    expectError(
      (c) => c.radiographs[0].femoralHeads.push({ center: [1, 2] }),
      '$.radiographs[0].femoralHeads',
      /one or two femoral heads/,
    );
  });

  it('rejects a vertebra listed twice in the raw JSON text', () => {
    const text = JSON.stringify(validCase()).replace('"L4":{', '"L4":{"superiorAnterior":[1,2]},"L4":{');
    expect(errorsOf(parseCaseJson(text))).toEqual([
      { path: '$.radiographs[0].vertebrae.L4', message: expect.stringMatching(/listed twice/) },
    ]);
  });

  it('rejects a radiograph without a view, saying which views exist', () => {
    expectError((c) => delete lateralOf(c).view, '$.radiographs[0].view', /"lateral" or "coronal"/);
    expectError((c) => (lateralOf(c).view = 'oblique'), '$.radiographs[0].view', /"lateral" or "coronal"/);
  });

  it('rejects a lateral film without anteriorOnImage, saying it is missing', () => {
    expectError(
      (c) => delete lateralOf(c).anteriorOnImage,
      '$.radiographs[0].anteriorOnImage',
      /missing.*left, right/,
    );
  });

  it('rejects a wrong format identifier', () => {
    expectError((c) => (c.format = 'spinerecon.case/2'), '$.format', /spinerecon\.case\/1/);
  });

  it('rejects text that is not JSON', () => {
    expect(errorsOf(parseCaseJson('{"format": '))).toEqual([
      { path: '$', message: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it.each([
    ['0', 0],
    ['negative', -0.15],
    ['[a, b, c]', [0.1, 0.1, 0.1]],
    ['[a, 0]', [0.1, 0]],
    ['a string', '0.15'],
  ])('rejects a pixel spacing that is %s', (_, spacing) => {
    expectError(
      (c) => (lateralOf(c).pixelSpacingMm = spacing),
      '$.radiographs[0].pixelSpacingMm',
      /positive number of millimetres per pixel, or \[rowMm, colMm\]/,
    );
  });

  it('rejects two radiographs with the same id, at the second one', () => {
    expectError((c) => (coronalOf(c).id = 'lat-1'), '$.radiographs[1].id', /"lat-1" is used twice/);
  });

  it('rejects an age outside 0–130 and an unknown sex', () => {
    expectError((c) => (c.patient.ageYears = 131), '$.patient.ageYears', /0 to 130/);
    expectError((c) => (c.patient.sex = 'F'), '$.patient.sex', /female, male, other/);
  });
});

describe('reading any JSON text', () => {
  it('never throws: any JSON.stringify of a random object gives a result', () => {
    fc.assert(
      fc.property(fc.object(), (value) => {
        const result = parseCaseJson(JSON.stringify(value));
        expect(result.ok).toBe(false); // a random object is not a case: it has no valid format
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws on JSON values of any kind, nor on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        expect(typeof parseCaseJson(text).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on case-shaped objects with random parts, and every error has a path and a message', () => {
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('lateral', 'coronal', 'left', 'right', 'standing'),
    );
    const point = fc.oneof(fc.tuple(fc.double(), fc.double()), anyValue);
    const vertebra = fc.dictionary(
      fc.constantFrom('superiorAnterior', 'superiorPosterior', 'superiorRight', 'inferiorLeft', 'other'),
      point,
    );
    const radiograph = fc.record(
      {
        id: fc.oneof(fc.string(), anyValue),
        view: fc.oneof(fc.constantFrom('lateral', 'coronal'), anyValue),
        posture: fc.oneof(fc.constantFrom(...POSTURES), anyValue),
        pixelSpacingMm: fc.oneof(fc.double(), fc.array(fc.double(), { maxLength: 3 }), anyValue),
        anteriorOnImage: fc.oneof(fc.constantFrom('left', 'right'), anyValue),
        patientRightOnImage: fc.oneof(fc.constantFrom('left', 'right'), anyValue),
        vertebrae: fc.oneof(
          fc.dictionary(fc.constantFrom('C2', 'L4', 'S1', 'L6', '__proto__'), vertebra),
          anyValue,
        ),
        femoralHeads: fc.oneof(
          fc.array(fc.record({ center: point, radiusPx: anyValue }, { requiredKeys: [] }), { maxLength: 3 }),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    );
    const spineCase = fc.record(
      {
        format: fc.oneof(fc.constant('spinerecon.case/1'), anyValue),
        patient: fc.oneof(
          fc.record({ ageYears: fc.double(), sex: anyValue }, { requiredKeys: [] }),
          anyValue,
        ),
        radiographs: fc.oneof(fc.array(radiograph, { maxLength: 3 }), anyValue),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(spineCase, (value) => {
        // Through the text (NaN and Infinity become null) and as values (they stay).
        for (const result of [parseCaseJson(JSON.stringify(value)), validateCase(value)]) {
          if (result.ok) continue;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(error.path).toMatch(/^\$/);
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });
});
