import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LEVELS,
  measureRadiograph,
  POSTURES,
  type CoronalRadiograph,
  type LateralRadiograph,
  type Point,
  type Radiograph,
} from '@spinerecon/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { coronalWithCurves, withPedicles } from '../../../core/src/test-support/classificationCases.js';
import { buildLateralSpine } from '../../../core/src/test-support/syntheticLateral.js';
import { DicomError } from '../dicomError.js';
import { readPart10, writePart10, type NaturalDataset } from '../part10/dcmjs.js';
import { syntheticDicom, testUid } from '../test-support/syntheticDicom.js';
import { decimalString } from './contentItems.js';
import {
  buildMeasurementReport,
  DECISION_SUPPORT_NOTICE,
  ENHANCED_SR_SOP_CLASS,
  readMeasurementReport,
  referencedImageOf,
  type MeasurementReportInput,
} from './index.js';

const folder = mkdtempSync(join(tmpdir(), 'spinerecon-sr-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let fileCount = 0;

/** Writes the report to a temp file and runs a Debian tool on it, returning its status and both streams. */
function runTool(tool: 'dciodvfy' | 'dsrdump', bytes: Uint8Array, args: readonly string[] = []) {
  fileCount += 1;
  const path = join(folder, `report-${fileCount}.dcm`);
  writeFileSync(path, bytes);
  const result = spawnSync(tool, [...args, path], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** dciodvfy writes its findings to stderr and exits 0: every line of both streams starting with "Error". */
function dciodvfyErrors(bytes: Uint8Array): string[] {
  const { stdout, stderr } = runTool('dciodvfy', bytes);
  return `${stdout}\n${stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}

function dsrdump(bytes: Uint8Array) {
  const { status, stdout, stderr } = runTool('dsrdump', bytes);
  const complaints = `${stdout}\n${stderr}`.split('\n').filter((line) => /error|invalid/i.test(line));
  return { status, dump: stdout, complaints };
}

const IMAGE_STUDY = testUid();
const IMAGE_SERIES = testUid();
const imageDataset = readPart10(
  syntheticDicom({
    studyInstanceUid: IMAGE_STUDY,
    seriesInstanceUid: IMAGE_SERIES,
    attributes: { SpecificCharacterSet: 'ISO_IR 192', PatientName: 'Synthetic^Patient^Müller' },
  }),
).dataset;
const image = referencedImageOf(imageDataset);

function lateralFilm(): LateralRadiograph {
  const { radiograph } = buildLateralSpine({ pixelSpacingMm: 0.2, slipMm: { L5: 6 } });
  const [first, second] = radiograph.femoralHeads;
  if (!first || !second) throw new Error('the synthetic film has two femoral heads');
  return { ...radiograph, femoralHeads: [{ ...first, radiusPx: 118.25 }, second] };
}

function coronalFilm(): CoronalRadiograph {
  const film = coronalWithCurves([
    ['T5', -15],
    ['T11', 25],
    ['L4', -10],
  ]);
  return withPedicles(film, 'L3', 985.5, 1014.25);
}

function inputFor(
  radiograph: Radiograph,
  extra: Partial<MeasurementReportInput> = {},
): MeasurementReportInput {
  return { image, radiograph, measurements: measureRadiograph(radiograph), ...extra };
}

describe('buildMeasurementReport', () => {
  const lateral = lateralFilm();
  const coronal = coronalFilm();
  const lateralReport = buildMeasurementReport(inputFor(lateral));
  const coronalReport = buildMeasurementReport(inputFor(coronal));

  it('writes lateral and coronal reports that dciodvfy finds no error in', () => {
    expect(dciodvfyErrors(lateralReport)).toEqual([]);
    expect(dciodvfyErrors(coronalReport)).toEqual([]);
  });

  it('writes a report that dsrdump reads without complaint, with every available value and its unit', () => {
    const { status, dump, complaints } = dsrdump(lateralReport);
    expect(status).toBe(0);
    expect(complaints).toEqual([]);
    expect(dump).toContain('Enhanced SR Document');
    expect(dump).toContain('<CONTAINER:(,,"Imaging Measurement Report")=SEPARATE>');
    expect(dump).toContain('<contains CONTAINER:(,,"Measurement Group")=SEPARATE>');
    expect(dump).toContain('<has obs context TEXT:(,,"Device Observer Name")="SpineRecon">');
    const m = measureRadiograph(lateral);
    if (m.view !== 'lateral' || !m.values.sacralSlopeDeg.ok || !m.values.sagittalVerticalAxisMm.ok)
      throw new Error('the synthetic film measures sacral slope and SVA');
    expect(dump).toContain(
      `<contains NUM:(,,"Sacral slope")="${decimalString(m.values.sacralSlopeDeg.value)}" (deg,UCUM,"degree")>`,
    );
    expect(dump).toContain(
      `<contains NUM:(,,"Sagittal vertical axis")="${decimalString(m.values.sagittalVerticalAxisMm.value)}" (mm,UCUM,"millimeter")>`,
    );
    expect(dump).toMatch(/<contains NUM:\(,,"Vertebral slip percentage"\)="[-0-9.e]+" \(%,UCUM,"percent"\)>/);
    expect(dump).toContain('<inferred from SCOORD:(,,"S1 superior anterior corner")=(POINT,');
    expect(dump).toContain('<contains SCOORD:(,,"Femoral head 1")=(CIRCLE,');
  });

  it('writes the coronal curves with their Cobb angle and end vertebrae, readable by dsrdump', () => {
    const { status, dump, complaints } = dsrdump(coronalReport);
    expect(status).toBe(0);
    expect(complaints).toEqual([]);
    const m = measureRadiograph(coronal);
    if (m.view !== 'coronal') throw new Error('coronal');
    expect(m.curves.length).toBeGreaterThan(0);
    for (const curve of m.curves)
      expect(dump).toContain(
        `<contains NUM:(,,"Cobb angle of coronal curve")="${decimalString(curve.cobb.value)}" (deg,UCUM,"degree")>`,
      );
    expect(dump).toContain('<has concept mod CODE:(,,"Upper end vertebra")=(');
    expect(dump).toContain('<contains SCOORD:(,,"L3 right pedicle medial cortex")=(POINT,');
  });

  it('gives every numeric item a UCUM unit', () => {
    for (const report of [lateralReport, coronalReport]) {
      const numLines = dsrdump(report)
        .dump.split('\n')
        .filter((line) => line.includes(' NUM:'));
      expect(numLines.length).toBeGreaterThan(10);
      for (const line of numLines)
        expect(line).toMatch(
          /\((deg,UCUM,"degree"|mm,UCUM,"millimeter"|%,UCUM,"percent"|\{pixel\},UCUM,"pixel")\)>$/,
        );
    }
  });

  it('carries the decision-support notice as a TEXT item', () => {
    const { dump } = dsrdump(lateralReport);
    expect(dump).toContain('<contains TEXT:(,,"Comment")="Decision support');
    const { status, stdout } = runTool('dsrdump', lateralReport, ['+Pl']);
    expect(status).toBe(0);
    expect(stdout).toContain(`="${DECISION_SUPPORT_NOTICE}">`);
  });

  it('files into the study of the image, in a new SR series with a new 2.25 instance UID', () => {
    const report = readPart10(lateralReport).dataset;
    for (const key of [
      'PatientID',
      'PatientBirthDate',
      'PatientSex',
      'StudyInstanceUID',
      'StudyDate',
      'StudyTime',
      'AccessionNumber',
      'StudyID',
    ])
      expect(report[key]).toEqual(imageDataset[key]);
    expect(report.PatientName).toEqual([{ Alphabetic: 'Synthetic^Patient^Müller' }]);
    expect(report.ReferringPhysicianName).toEqual(imageDataset.ReferringPhysicianName);
    expect(report.Modality).toBe('SR');
    expect(report.SOPClassUID).toBe(ENHANCED_SR_SOP_CLASS);
    expect(report.SeriesInstanceUID).not.toBe(IMAGE_SERIES);
    expect(report.SOPInstanceUID).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/);
    expect(report.SOPInstanceUID).not.toBe(readPart10(coronalReport).dataset.SOPInstanceUID);
  });

  it('uses the series, instance UID, content time and person observer it is given', () => {
    const sopInstanceUid = testUid();
    const seriesInstanceUid = testUid();
    const bytes = buildMeasurementReport(
      inputFor(lateral, {
        sopInstanceUid,
        seriesInstanceUid,
        contentDateTime: new Date(Date.UTC(2026, 2, 1, 9, 30, 15)),
        observer: { personName: 'Größe^Jörg' },
      }),
    );
    const report = readPart10(bytes).dataset;
    expect([report.SOPInstanceUID, report.SeriesInstanceUID]).toEqual([sopInstanceUid, seriesInstanceUid]);
    expect([report.ContentDate, report.ContentTime]).toEqual(['20260301', '093015']);
    expect(readMeasurementReport(bytes).observer).toEqual({ kind: 'person', name: 'Größe^Jörg' });
    expect(dsrdump(bytes).dump).toContain('<has obs context PNAME:(,,"Person Observer Name")="Größe^Jörg">');
    expect(dciodvfyErrors(bytes)).toEqual([]);
  });

  it('leaves out unavailable measurements instead of writing numbers for them', () => {
    // Uncalibrated and without femoral heads: no distance in mm and nothing that needs the hip axis.
    const { radiograph } = buildLateralSpine({ femoralHeadCount: 0 });
    const bytes = buildMeasurementReport(inputFor(radiograph));
    const { dump } = dsrdump(bytes);
    for (const meaning of ['Sagittal vertical axis', 'Pelvic incidence', 'Pelvic tilt', 'T1 pelvic angle'])
      expect(dump).not.toContain(`"${meaning}"`);
    expect(dump).toContain('"Lumbar lordosis L1-S1"');
    const keys = readMeasurementReport(bytes).measurements.map((m) => m.key);
    expect(keys).not.toContain('sagittalVerticalAxisMm');
    expect(keys).not.toContain('pelvicIncidenceDeg');
    expect(keys).toContain('lumbarLordosisDeg');
  });

  it('refuses an image reference without a series', () => {
    const { seriesInstanceUid: _omitted, attributes: _too, ...bare } = image;
    expect(() => buildMeasurementReport({ ...inputFor(lateral), image: bare })).toThrow(DicomError);
  });

  it('never writes to the console', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    readMeasurementReport(buildMeasurementReport(inputFor(lateral)));
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});

describe('readMeasurementReport', () => {
  it('gives back exactly the landmarks of a lateral film, femoral heads and radius included', () => {
    const film = lateralFilm();
    const report = readMeasurementReport(buildMeasurementReport(inputFor(film)));
    expect(report.radiograph).toStrictEqual(film);
    expect(report.image).toEqual({ sopClassUid: image.sopClassUid, sopInstanceUid: image.sopInstanceUid });
    expect(report.studyInstanceUid).toBe(IMAGE_STUDY);
    expect(report.observer).toEqual({ kind: 'device', name: 'SpineRecon' });
  });

  it('gives back exactly the landmarks of a coronal film, pedicle points included', () => {
    const film = coronalFilm();
    expect(readMeasurementReport(buildMeasurementReport(inputFor(film))).radiograph).toStrictEqual(film);
  });

  it('gives back every available value with its unit and landmarks', () => {
    const film = lateralFilm();
    const m = measureRadiograph(film);
    if (m.view !== 'lateral') throw new Error('lateral');
    const read = readMeasurementReport(buildMeasurementReport(inputFor(film))).measurements;
    const byKey = new Map(read.map((r) => [r.key, r]));
    for (const [key, result] of Object.entries(m.values)) {
      if (!result.ok) continue;
      expect(byKey.get(key)).toEqual({
        key,
        value: result.value,
        unit: result.unit,
        landmarks: result.landmarks,
      });
    }
    const slip = m.listheses[0];
    if (!slip) throw new Error('the synthetic film has an L5–S1 slip');
    expect(byKey.get(`listheses[${slip.upper}-${slip.lower}].slipPercent`)).toMatchObject({
      value: slip.slip.value,
      unit: 'percent',
      upper: slip.upper,
      lower: slip.lower,
    });
    expect(read.filter((r) => r.key.startsWith('segments[')).length).toBe(m.segments.length);
  });

  it('gives back the coronal curves in order with their end vertebrae and convexity', () => {
    const film = coronalFilm();
    const m = measureRadiograph(film);
    if (m.view !== 'coronal') throw new Error('coronal');
    const read = readMeasurementReport(buildMeasurementReport(inputFor(film))).measurements;
    m.curves.forEach((curve, i) => {
      expect(read.find((r) => r.key === `curves[${i}].cobbDeg`)).toMatchObject({
        value: curve.cobb.value,
        unit: 'deg',
        upper: curve.upperEnd,
        lower: curve.lowerEnd,
        apex: curve.apex,
        convexity: curve.convexity,
      });
      if (curve.apicalTranslation.ok)
        expect(read.find((r) => r.key === `curves[${i}].apicalTranslationMm`)?.value).toBe(
          curve.apicalTranslation.value,
        );
    });
  });

  // −0 is the same pixel position as 0 and is read back as 0.
  const coordinate = fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((v) => (v === 0 ? 0 : v));
  const point: fc.Arbitrary<Point> = fc.tuple(coordinate, coordinate);
  const corners = <K extends string>(names: readonly K[]) =>
    fc.record(Object.fromEntries(names.map((n) => [n, point])) as Record<K, fc.Arbitrary<Point>>, {
      requiredKeys: [],
    });
  /** Some levels, each with its own subset of the given corners (at least one: an empty vertebra is not kept). */
  const vertebraeOf = <K extends string>(names: readonly K[]) =>
    fc
      .uniqueArray(
        fc.tuple(
          fc.constantFrom(...LEVELS),
          corners(names)
            .filter((v) => Object.keys(v).length > 0)
            .map((v) => ({ ...v })),
        ),
        { selector: ([level]) => level },
      )
      .map((entries) => Object.fromEntries(entries));
  const spacing = fc.option(
    fc.oneof(
      fc.double({ min: 0.01, max: 2, noNaN: true }),
      fc.tuple(fc.double({ min: 0.01, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true })),
    ),
    { nil: undefined },
  );
  // DICOM text values lose trailing spaces (PS3.5 6.2, UT), so ids are generated without them.
  const radiographId = fc
    .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
    .filter((id) => id.trimEnd() === id && id !== '');
  const lateralFilms: fc.Arbitrary<LateralRadiograph> = fc
    .record({
      id: radiographId,
      posture: fc.constantFrom(...POSTURES),
      anteriorOnImage: fc.constantFrom('left' as const, 'right' as const),
      pixelSpacingMm: spacing,
      vertebrae: vertebraeOf([
        'superiorAnterior',
        'superiorPosterior',
        'inferiorAnterior',
        'inferiorPosterior',
      ]),
      femoralHeads: fc.array(
        fc
          .record(
            { center: point, radiusPx: fc.double({ min: 0, max: 1e4, noNaN: true }) },
            { requiredKeys: ['center'] },
          )
          .map((head) => ({ ...head })),
        { maxLength: 2 },
      ),
    })
    .map(({ pixelSpacingMm, ...rest }): LateralRadiograph => ({
      ...rest,
      view: 'lateral',
      ...(pixelSpacingMm === undefined ? {} : { pixelSpacingMm }),
    }));
  const coronalFilms: fc.Arbitrary<CoronalRadiograph> = fc
    .record({
      id: radiographId,
      posture: fc.constantFrom(...POSTURES),
      patientRightOnImage: fc.constantFrom('left' as const, 'right' as const),
      pixelSpacingMm: spacing,
      vertebrae: vertebraeOf([
        'superiorRight',
        'superiorLeft',
        'inferiorRight',
        'inferiorLeft',
        'pedicleMedialRight',
        'pedicleMedialLeft',
      ]),
    })
    .map(({ pixelSpacingMm, ...rest }): CoronalRadiograph => ({
      ...rest,
      view: 'coronal',
      ...(pixelSpacingMm === undefined ? {} : { pixelSpacingMm }),
    }));

  it('gives back any landmark set exactly, and every available value exactly', () => {
    fc.assert(
      fc.property(fc.oneof(lateralFilms, coronalFilms), (film) => {
        const measurements = measureRadiograph(film);
        const report = readMeasurementReport(buildMeasurementReport(inputFor(film)));
        expect(report.radiograph).toStrictEqual(film);
        const read = new Map(report.measurements.map((r) => [r.key, r.value]));
        for (const [key, result] of Object.entries(measurements.values))
          expect(read.get(key)).toBe(result.ok ? result.value + 0 : undefined); // −0 is read as 0
      }),
      { numRuns: 100 },
    );
  }, 60_000); // 100 reports written and read: seconds, more on a loaded machine

  it('keeps backslashes in the radiograph id (a TEXT item is UT: a backslash there is no value delimiter)', () => {
    const film: LateralRadiograph = { ...lateralFilm(), id: 'film\\2026\\!' };
    expect(readMeasurementReport(buildMeasurementReport(inputFor(film))).radiograph.id).toBe('film\\2026\\!');
  });

  it('refuses bytes that are not DICOM', () => {
    expect(() => readMeasurementReport(new TextEncoder().encode('{"format":"spinerecon.case/1"}'))).toThrow(
      expect.objectContaining({ name: 'DicomError', code: 'not-dicom' }),
    );
  });

  it('refuses a DICOM image', () => {
    expect(() => readMeasurementReport(syntheticDicom())).toThrow(
      expect.objectContaining({ name: 'DicomError', code: 'unsupported' }),
    );
  });

  /** Our report with its root or its measurement group changed, written again. */
  function altered(change: (dataset: NaturalDataset) => NaturalDataset): Uint8Array {
    const { meta, dataset } = readPart10(buildMeasurementReport(inputFor(lateralFilm())));
    return writePart10(meta, change(dataset));
  }

  it('refuses a structured report that is not a TID 1500 measurement report', () => {
    const otherTitle = altered((d) => ({
      ...d,
      ConceptNameCodeSequence: [
        { CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' },
      ],
    }));
    const noTemplate = altered(({ ContentTemplateSequence: _t, ...d }) => d);
    for (const bytes of [otherTitle, noTemplate])
      expect(() => readMeasurementReport(bytes)).toThrow(
        expect.objectContaining({
          name: 'DicomError',
          code: 'unsupported',
          message: expect.stringMatching(/TID 1500/),
        }),
      );
  });

  it('refuses a TID 1500 report that SpineRecon did not write', () => {
    const foreign = altered((d) => ({
      ...d,
      ContentSequence: (d.ContentSequence as NaturalDataset[]).map((item) => {
        const name = (item.ConceptNameCodeSequence as NaturalDataset[] | undefined)?.[0];
        if (name?.CodeValue !== '126010') return item;
        // A measurement group as others write it: tracking identifier and a NUM, none of our context.
        return {
          ...item,
          ContentSequence: [
            {
              RelationshipType: 'CONTAINS',
              ValueType: 'CONTAINER',
              ConceptNameCodeSequence: [
                { CodeValue: '125007', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Measurement Group' },
              ],
              ContinuityOfContent: 'SEPARATE',
              ContentSequence: [
                {
                  RelationshipType: 'HAS OBS CONTEXT',
                  ValueType: 'TEXT',
                  ConceptNameCodeSequence: [
                    {
                      CodeValue: '112039',
                      CodingSchemeDesignator: 'DCM',
                      CodeMeaning: 'Tracking Identifier',
                    },
                  ],
                  TextValue: 'web annotation',
                },
              ],
            },
          ],
        };
      }),
    }));
    expect(dciodvfyErrors(foreign)).toEqual([]);
    expect(() => readMeasurementReport(foreign)).toThrow(
      expect.objectContaining({
        name: 'DicomError',
        code: 'unsupported',
        message: expect.stringMatching(/SpineRecon/),
      }),
    );
  });
});

describe('decimalString', () => {
  it('fits any finite number into the 16 characters of a DS and stays close to it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = decimalString(value);
        expect(text.length).toBeLessThanOrEqual(16);
        expect(text).toMatch(/^[-+0-9.eE]+$/);
        const back = Number(text);
        expect(Math.abs(back - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-8);
      }),
    );
  });
});
