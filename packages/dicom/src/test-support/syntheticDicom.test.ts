import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPart10 } from '../part10/dcmjs.js';
import { syntheticDicom, transcode } from './syntheticDicom.js';

describe('synthetic DICOM test files', () => {
  it.each(['DX', 'CR', 'SC'] as const)('are valid %s images for dciodvfy', (modality) => {
    const path = join(mkdtempSync(join(tmpdir(), 'syn-')), 'image.dcm');
    writeFileSync(path, syntheticDicom({ modality, bitsAllocated: modality === 'SC' ? 8 : 16 }));
    // dciodvfy writes its findings to stderr and exits 0 even when it finds errors.
    const result = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).not.toMatch(/^Error/m);
    expect(result.stderr + result.stdout).toMatch(/Image/);
  });

  it('can be transcoded to JPEG 2000 by gdcmconv', () => {
    const j2k = transcode(syntheticDicom(), 'jpeg2000');
    expect(readPart10(j2k).meta.TransferSyntaxUID).toBe('1.2.840.10008.1.2.4.90');
  });
});
