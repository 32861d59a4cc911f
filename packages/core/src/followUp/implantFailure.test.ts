import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLateralSpine, DEFAULT_DISC_ANGLES_DEG } from '../test-support/syntheticLateral.js';
import { FIXED_SEGMENT_LOSS_MIN_DEG, suspectedImplantFailure } from './implantFailure.js';

/** A film whose L3–L4 disc (inside an L1–L5 fusion) has the given lordosis; the default is 9°. */
const filmWithL3Disc = (lordosisDeg: number) =>
  buildLateralSpine({ discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, L3: lordosisDeg } }).radiograph;

const fusion = { upperInstrumentedVertebra: 'L1', lowerInstrumentedVertebra: 'L5' } as const;

describe('suspectedImplantFailure', () => {
  it('measures the fixed segment from the UIV superior to the LIV inferior endplate, lordosis positive', () => {
    const result = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(9),
      fusion,
    });
    // L1–L2 4° + L2–L3 6° + L3–L4 9° + L4–L5 12° (bodies not wedged).
    expect(result.firstPostoperativeAngleDeg).toBeCloseTo(31, 9);
    expect(result.changeDeg).toBeCloseTo(0, 9);
    expect(result.flag).toBe(false);
  });

  it('flags a fixed segment that lost more than 3° of lordosis, saying what to look for', () => {
    const result = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(5),
      fusion,
    });
    expect(result.changeDeg).toBeCloseTo(-4, 9);
    expect(result.flag).toBe(true);
    expect(result.reasons.join(' ')).toMatch(/4° lost .*rod fracture, screw loosening or pseudarthrosis/);
    expect(result.source).toMatch(/PMID 28658032/);
  });

  it('does not flag a loss of 3° or less, nor a gain of lordosis (which it mentions)', () => {
    expect(
      suspectedImplantFailure({
        firstPostoperative: filmWithL3Disc(9),
        followUp: filmWithL3Disc(6.5),
        fusion,
      }).flag,
    ).toBe(false);
    const gained = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(14),
      fusion,
    });
    expect(gained.flag).toBe(false);
    expect(gained.reasons.join(' ')).toMatch(/gained more than 3°/);
  });

  it('uses the S1 superior endplate when the LIV is S1', () => {
    const result = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(9),
      fusion: { upperInstrumentedVertebra: 'L1', lowerInstrumentedVertebra: 'S1' },
    });
    expect(result.firstPostoperativeAngleDeg).toBeCloseTo(4 + 6 + 9 + 12 + 15, 9);
  });

  it('flags exactly when the lordosis lost exceeds 3°', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 12, noNaN: true }), (followUpDisc) => {
        const result = suspectedImplantFailure({
          firstPostoperative: filmWithL3Disc(9),
          followUp: filmWithL3Disc(followUpDisc),
          fusion,
        });
        const lost = 9 - followUpDisc;
        if (Math.abs(lost - FIXED_SEGMENT_LOSS_MIN_DEG) > 1e-6)
          expect(result.flag).toBe(lost > FIXED_SEGMENT_LOSS_MIN_DEG);
      }),
    );
  });

  it('is undetermined, with the reason, without a film, a fusion range or the endplates', () => {
    const noFirst = suspectedImplantFailure({ followUp: filmWithL3Disc(9), fusion });
    expect(noFirst.flag).toBe('undetermined');
    expect(noFirst.reasons).toContain('no first postoperative lateral film');
    expect(noFirst.followUpAngleDeg).toBeCloseTo(31, 9);
    const noFusion = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(9),
    });
    expect(noFusion.undetermined.flag).toBe('no fusion range (UIV and LIV) recorded');
    const reversed = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: filmWithL3Disc(9),
      fusion: { upperInstrumentedVertebra: 'L5', lowerInstrumentedVertebra: 'L1' },
    });
    expect(reversed.reasons[0]).toMatch(/UIV L5 must lie above the LIV L1/);
    const film = filmWithL3Disc(5);
    const { L5: _removed, ...vertebrae } = film.vertebrae;
    const missing = suspectedImplantFailure({
      firstPostoperative: filmWithL3Disc(9),
      followUp: { ...film, vertebrae },
      fusion,
    });
    expect(missing.flag).toBe('undetermined');
    expect(missing.reasons.join(' ')).toMatch(/inferior endplate of L5/);
  });
});
