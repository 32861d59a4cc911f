// Mutated DICOM files: inspectDicom (and decodeDicomPixels when inspection passes) either succeed or throw a
// DicomError — never another error, never a hang.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DicomError } from '../dicomError.js';
import { syntheticDicom, transcode } from '../test-support/syntheticDicom.js';
import { decodeDicomPixels } from './decode.js';
import { parser } from './dicomParserTypes.js';
import { inspectDicom } from './inspect.js';

const RUNS = 20_000;

function dcmconv(bytes: Uint8Array, flag: string): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-fuzz-'));
  try {
    writeFileSync(join(folder, 'in.dcm'), bytes);
    execFileSync('dcmconv', [flag, join(folder, 'in.dcm'), join(folder, 'out.dcm')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(folder, 'out.dcm')));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Offsets of 4-byte and 2-byte length fields, where overwriting them tests lying lengths. */
  readonly length32: readonly number[];
  readonly length16: readonly number[];
}

function seed(name: string, bytes: Uint8Array): Seed {
  // Deflated: only the (uncompressed) meta group's length fields are at known offsets in the file.
  const deflated = name === 'deflated';
  const dataSet = deflated ? parser.readPart10Header(bytes) : parser.parseDicom(bytes);
  const length32: number[] = [];
  const length16: number[] = [];
  for (const element of Object.values(dataSet.elements)) {
    if (element.dataOffset < 132 + 8) continue; // (0002,0000) and earlier
    length32.push(element.dataOffset - 4);
    length16.push(element.dataOffset - 2);
    for (const fragment of element.fragments ?? []) length32.push(fragment.position - 4);
  }
  return { name, bytes, length32, length16 };
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'length32'; which: number; value: number }
  | { kind: 'length16'; which: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(),
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('length32' as const),
      which: fc.nat(),
      value: fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff, 0x7fffffff, 0xfffffffe)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('length16' as const),
      which: fc.nat(),
      value: fc.nat({ max: 0xffff }),
    }),
  },
);

function apply(seed: Seed, mutations: readonly Mutation[]): Uint8Array {
  let bytes = new Uint8Array(seed.bytes);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : ('at' in m ? m.at : 0) % bytes.length;
    switch (m.kind) {
      case 'flip':
        if (bytes.length > 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit);
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'insert': {
        const out = new Uint8Array(bytes.length + m.bytes.length);
        out.set(bytes.subarray(0, at));
        out.set(m.bytes, at);
        out.set(bytes.subarray(at), at + m.bytes.length);
        bytes = out;
        break;
      }
      case 'delete': {
        const tail = bytes.subarray(Math.min(bytes.length, at + m.count));
        const out = new Uint8Array(at + tail.length);
        out.set(bytes.subarray(0, at));
        out.set(tail, at);
        bytes = out;
        break;
      }
      case 'length32':
      case 'length16': {
        const offsets = m.kind === 'length32' ? seed.length32 : seed.length16;
        const offset = offsets[m.which % Math.max(1, offsets.length)];
        const size = m.kind === 'length32' ? 4 : 2;
        if (offset !== undefined && offset + size <= bytes.length) {
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          if (size === 4) view.setUint32(offset, m.value, true);
          else view.setUint16(offset, m.value, true);
        }
        break;
      }
    }
  }
  return bytes;
}

describe('mutated DICOM files', () => {
  const seeds: Seed[] = [];
  beforeAll(() => {
    const grey16 = syntheticDicom({ rows: 12, columns: 10 });
    const grey8 = syntheticDicom({ rows: 12, columns: 10, bitsAllocated: 8, modality: 'SC' });
    seeds.push(
      seed('explicit little endian 16-bit', grey16),
      seed('explicit little endian 8-bit', grey8),
      seed('implicit little endian', dcmconv(grey16, '+ti')),
      seed('explicit big endian', dcmconv(grey16, '+tb')),
      seed('deflated', dcmconv(grey16, '+td')),
      seed('JPEG baseline', transcode(grey8, 'jpegBaseline')),
      seed('JPEG lossless', transcode(grey16, 'jpegLossless')),
      seed('JPEG-LS', transcode(grey16, 'jpegLs')),
      seed('JPEG 2000', transcode(grey16, 'jpeg2000')),
      seed('RLE', transcode(grey16, 'rle')),
    );
  });

  it('every seed is itself a valid, decodable file', async () => {
    for (const { bytes } of seeds) {
      const frame = await decodeDicomPixels(bytes, inspectDicom(bytes));
      expect(frame.pixels.length).toBe(frame.rows * frame.columns);
    }
  });

  it(`either decode or throw DicomError over ${RUNS} mutated files, never another error and never hang`, async () => {
    const outcomes = new Map<string, number>();
    const started = performance.now();
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (index, mutations) => {
          const input = apply(seeds[index] as Seed, mutations);
          const start = performance.now();
          let outcome = 'decoded';
          try {
            const info = inspectDicom(input);
            await decodeDicomPixels(input, info);
          } catch (error) {
            if (!(error instanceof DicomError)) throw error;
            outcome = error.code;
          }
          slowest = Math.max(slowest, performance.now() - start);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
      ),
      // A hang guard, not a speed check: a run that never ends fails here (speed is for the benchmarks).
      { numRuns: RUNS, timeout: 60_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `fuzz: ${RUNS} runs in ${seconds.toFixed(1)} s, slowest ${slowest.toFixed(0)} ms, outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(outcomes.get('decoded') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('malformed') ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
