// DICOM import speed and memory: a synthetic 3000 × 7000 16-bit radiograph (42 MB of pixel data), uncompressed
// and as JPEG 2000 (gdcmconv --j2k), each measured in a fresh Node process: import of @spinerecon/dicom, reading
// the file, inspectDicom and decodeDicomPixels (full resolution) or, for JPEG 2000, decodeDicomPreview (the
// resolution levels needed for a longest side of 2048, as a viewer shows first); peak memory over the process's
// baseline. Run after `tsc -b` (it imports packages/dicom/dist). Prints a Markdown table.
// Usage: node scripts/bench-dicom.mjs [runs per file, default 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = 7000;
const COLUMNS = 3000;
const PIXEL_BYTES = ROWS * COLUMNS * 2;
const DIST = new URL('../packages/dicom/dist/', import.meta.url);

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4] ?? 'full');
} else {
  await parent(Number(process.argv[2] ?? 3));
}

/** One measurement, in a fresh process: prints a JSON line. */
async function child(path, mode) {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakArrayBuffers = baseline.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
  };
  // Samples between the synchronous steps (the decoders run synchronously, so the interval cannot fire inside them).
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  const { inspectDicom, decodeDicomPixels, decodeDicomPreview } = await import(
    new URL('image/index.js', DIST).href
  );
  const t1 = performance.now();
  sample();
  const bytes = readFileSync(path); // a Buffer is a Uint8Array: no copy
  const t2 = performance.now();
  sample();
  const info = inspectDicom(bytes);
  const t3 = performance.now();
  sample();
  const frame =
    mode === 'preview' ? await decodeDicomPreview(bytes, info) : await decodeDicomPixels(bytes, info);
  const t4 = performance.now();
  sample();
  clearInterval(timer);
  if (frame.pixels.length !== frame.rows * frame.columns) throw new Error('wrong pixel count');
  if (mode === 'full' && frame.pixels.length !== ROWS * COLUMNS) throw new Error('not the full image');
  // The kernel's high-water mark of this process's memory (VmHWM): covers the synchronous decoder runs the timer
  // cannot sample. (process.resourceUsage().maxRSS would not do: across fork + exec it keeps the parent's peak.)
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const maxRss = hwm ? Number(hwm[1]) * 1024 : 0;
  console.log(
    JSON.stringify({
      importMs: t1 - t0,
      readMs: t2 - t1,
      inspectMs: t3 - t2,
      decodeMs: t4 - t3,
      totalMs: t4 - t0,
      peakRssGrowth: Math.max(peakRss, maxRss) - baseline.rss,
      peakArrayBuffersGrowth: peakArrayBuffers - baseline.arrayBuffers,
      fileBytes: bytes.length,
      decoded: `${frame.columns} × ${frame.rows}`,
    }),
  );
}

/** A synthetic radiograph: gradient, a brighter "spine" band and deterministic noise (so JPEG 2000 has work). */
function pixels() {
  const out = new Uint16Array(ROWS * COLUMNS);
  let state = 12345;
  for (let y = 0; y < ROWS; y++) {
    for (let x = 0; x < COLUMNS; x++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const band = Math.abs(x - COLUMNS / 2) < COLUMNS / 8 ? 1500 : 0;
      out[y * COLUMNS + x] = Math.min(4095, 600 + Math.round((1200 * y) / ROWS) + band + (state >>> 27));
    }
  }
  return out;
}

async function makeFiles(folder) {
  const { writePart10, DicomMetaDictionary } = await import(new URL('part10/dcmjs.js', DIST).href);
  const uid = () => DicomMetaDictionary.uid();
  const sopInstanceUid = uid();
  const bytes = writePart10(
    {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
      MediaStorageSOPInstanceUID: sopInstanceUid,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '2.25.302247616418227233337436349432958829453',
    },
    {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
      SOPInstanceUID: sopInstanceUid,
      StudyInstanceUID: uid(),
      SeriesInstanceUID: uid(),
      Modality: 'DX',
      PatientName: 'Benchmark^Synthetic',
      PatientID: 'BENCH-0001',
      StudyDate: '20260301',
      PresentationIntentType: 'FOR PRESENTATION',
      ImagerPixelSpacing: [0.15, 0.15],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: ROWS,
      Columns: COLUMNS,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      PixelData: [pixels().buffer],
      _vrMap: { PixelData: 'OW' },
    },
  );
  const native = join(folder, 'native.dcm');
  const j2k = join(folder, 'j2k.dcm');
  writeFileSync(native, bytes);
  execFileSync('gdcmconv', ['--j2k', native, j2k], { stdio: 'pipe' });
  return [
    ['Explicit VR Little Endian (uncompressed)', native, 'full'],
    ['JPEG 2000 lossless (gdcmconv --j2k), preview', j2k, 'preview'],
    ['JPEG 2000 lossless (gdcmconv --j2k), full resolution', j2k, 'full'],
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function parent(runs) {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-bench-dicom-'));
  try {
    const files = await makeFiles(folder);
    const script = fileURLToPath(import.meta.url);
    console.log(
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
        `${runs} runs per file, median shown; pixel data ${PIXEL_BYTES.toLocaleString('en')} bytes\n`,
    );
    console.log(
      '| file | file size | decoded | import | read | inspect | decode | import → pixels | peak RSS growth | ' +
        'peak arrayBuffers growth |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, path, mode] of files) {
      const results = [];
      for (let run = 0; run < runs; run++) {
        const result = spawnSync(process.execPath, [script, '--child', path, mode], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(result.stderr);
        results.push(JSON.parse(result.stdout.trim().split('\n').at(-1)));
      }
      const m = (key) => median(results.map((r) => r[key]));
      const ms = (key) => `${m(key).toFixed(0)} ms`;
      const ratio = (key) => `${(m(key) / 1e6).toFixed(0)} MB (${(m(key) / PIXEL_BYTES).toFixed(2)}×)`;
      console.log(
        `| ${name} | ${(statSync(path).size / 1e6).toFixed(1)} MB | ${results[0].decoded} | ${ms('importMs')} | ` +
          `${ms('readMs')} | ` +
          `${ms('inspectMs')} | ${ms('decodeMs')} | ${ms('totalMs')} | ${ratio('peakRssGrowth')} | ` +
          `${ratio('peakArrayBuffersGrowth')} |`,
      );
      console.error(name, JSON.stringify(results));
    }
  } finally {
    if (process.env.BENCH_DICOM_KEEP) console.error(`files kept in ${folder}`);
    else rmSync(folder, { recursive: true, force: true });
  }
}
