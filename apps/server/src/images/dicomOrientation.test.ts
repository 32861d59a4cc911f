import { describe, expect, it } from 'vitest';
import { orientationFromDicom } from './dicomOrientation.js';

describe('the side of the film from DICOM Patient Orientation', () => {
  it('puts anterior on the right of a lateral film whose rows run towards anterior', () => {
    expect(orientationFromDicom('lateral', ['A', 'F'])).toBe('right');
    expect(orientationFromDicom('lateral', ['P', 'F'])).toBe('left');
  });

  it('puts the patient’s right on the right of a coronal film whose rows run towards the right', () => {
    expect(orientationFromDicom('coronal', ['R', 'F'])).toBe('right');
    expect(orientationFromDicom('coronal', ['L', 'F'])).toBe('left');
  });

  it('reads the dominant direction of an oblique row direction', () => {
    expect(orientationFromDicom('lateral', ['AF', 'F'])).toBe('right');
  });

  it('says nothing when the header does not tell, or tells the other plane', () => {
    expect(orientationFromDicom('lateral', undefined)).toBeUndefined();
    expect(orientationFromDicom('lateral', ['L', 'F'])).toBeUndefined();
    expect(orientationFromDicom('coronal', ['A', 'F'])).toBeUndefined();
    expect(orientationFromDicom('coronal', ['', ''])).toBeUndefined();
  });
});
