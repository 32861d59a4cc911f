import { describe, expect, it } from 'vitest';
import {
  BASIC_PROFILE_ATTRIBUTES,
  isCurveGroup,
  isOverlayGroup,
  isPrivateTag,
  profileAttributeFor,
} from './profileTable.js';

describe('the Table E.1-1 profile table', () => {
  it('has one row per tag, every tag eight hex digits or a 50xx/60xx repeating group', () => {
    const tags = BASIC_PROFILE_ATTRIBUTES.map((row) => row.tag);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^([0-9A-F]{8}|50xxxxxx|60xx[0-9A-F]{4})$/u);
    // PS3.15 2024b Table E.1-1 lists 621 rows, one of which is the private-attribute rule.
    expect(tags.length).toBe(620);
  });

  it('carries the actions of well-known rows as the standard gives them', () => {
    const action = (tag: string) => profileAttributeFor(tag)?.action;
    expect(action('00100010')).toBe('Z'); // Patient's Name
    expect(action('00100030')).toBe('Z'); // Patient's Birth Date
    expect(action('00080050')).toBe('Z'); // Accession Number
    expect(action('00101000')).toBe('X'); // Other Patient IDs
    expect(action('00080080')).toBe('X/Z/D'); // Institution Name
    expect(action('0020000D')).toBe('U'); // Study Instance UID
    expect(action('00081140')).toBe('X/Z/U*'); // Referenced Image Sequence
    expect(profileAttributeFor('00100010')?.keyword).toBe('PatientName');
  });

  it('marks dates and times, and only those, as longitudinal temporal information', () => {
    expect(profileAttributeFor('00080020')?.temporal).toBe(true); // Study Date
    expect(profileAttributeFor('00080030')?.temporal).toBe(true); // Study Time
    expect(profileAttributeFor('0008002A')?.temporal).toBe(true); // Acquisition DateTime
    expect(profileAttributeFor('00100030')?.temporal).toBe(false); // Patient's Birth Date is not
    expect(profileAttributeFor('00100010')?.temporal).toBe(false);
    const temporal = BASIC_PROFILE_ATTRIBUTES.filter((row) => row.temporal);
    expect(temporal.length).toBe(165);
    // DA/DT/TM attributes (Context Group Version and Template Version are DT; Selector DA/DT/TM Value), the
    // Timezone Offset From UTC, the OB timestamps and Functional Sync Pulse (DT).
    const dateLike = /Date|Time|Version|Selector(DA|DT|TM)Value|FunctionalSyncPulse/u;
    expect(temporal.filter((row) => !dateLike.test(row.keyword))).toEqual([]);
  });

  it('does not act on the attributes needed to view and measure an image', () => {
    // Pixel Data, Rows, Columns, Pixel Spacing, Imager Pixel Spacing, Estimated Radiographic Magnification
    // Factor, Distance Source to Detector/Patient, Photometric Interpretation, Bits Allocated/Stored.
    const kept = ['7FE00010', '00280010', '00280011', '00280030', '00181164', '00181114', '00181110'];
    kept.push('00181111', '00280004', '00280100', '00280101', '00280301');
    expect(kept.filter((tag) => profileAttributeFor(tag) !== undefined)).toEqual([]);
  });

  it('resolves overlay and curve repeating groups and recognises private groups', () => {
    expect(profileAttributeFor('60023000')?.keyword).toBe('OverlayData');
    expect(profileAttributeFor('601E4000')?.keyword).toBe('OverlayComments');
    expect(profileAttributeFor('50040010')?.keyword).toBe('CurveData');
    expect(isOverlayGroup('60100010')).toBe(true);
    expect(isOverlayGroup('60210010')).toBe(false);
    expect(isCurveGroup('501E3000')).toBe(true);
    expect(isPrivateTag('00091001')).toBe(true);
    expect(isPrivateTag('00100010')).toBe(false);
  });
});
