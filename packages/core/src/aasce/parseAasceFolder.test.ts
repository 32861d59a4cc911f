import { describe, expect, it } from 'vitest';
import { parseAasceFiles, type AasceFiles } from './parseAasceFolder.js';

/** A landmarks row: x of point k is `x0 + k / 1000`, y of point k is `y0 + k / 1000`. */
function landmarkRow(x0 = 0.25, y0 = 0.1): string {
  const xs = Array.from({ length: 68 }, (_, k) => x0 + k / 1000);
  const ys = Array.from({ length: 68 }, (_, k) => y0 + k / 1000);
  return [...xs, ...ys].join(',');
}

function files(overrides: Partial<AasceFiles> = {}): AasceFiles {
  return {
    filenames: 'a.jpg\nb.jpg\n',
    landmarks: `${landmarkRow()}\n${landmarkRow(0.5, 0.2)}\n`,
    imageSizes: 'filename,width,height\nb.jpg,1000,2000\na.jpg,800,1600\n',
    ...overrides,
  };
}

describe('parseAasceFiles', () => {
  it('scales the normalised landmarks to pixels with the size matched by file name', () => {
    const [a, b] = parseAasceFiles(files());
    expect(a?.filename).toBe('a.jpg');
    expect([a?.widthPx, a?.heightPx]).toEqual([800, 1600]);
    expect(a?.points).toHaveLength(68);
    expect(a?.points[0]?.[0]).toBeCloseTo(0.25 * 800, 9);
    expect(a?.points[0]?.[1]).toBeCloseTo(0.1 * 1600, 9);
    expect(a?.points[67]?.[0]).toBeCloseTo((0.25 + 0.067) * 800, 9);
    expect(a?.points[67]?.[1]).toBeCloseTo((0.1 + 0.067) * 1600, 9);
    expect(b?.points[0]?.[0]).toBeCloseTo(0.5 * 1000, 9);
    expect(b?.points[0]?.[1]).toBeCloseTo(0.2 * 2000, 9);
    expect(a?.referenceAnglesDeg).toBeUndefined();
  });

  it('reads the reference angles when angles.csv is given', () => {
    const [a, b] = parseAasceFiles(files({ angles: '43.423,15.872,40.687\n0,1e-3,2.5\n' }));
    expect(a?.referenceAnglesDeg).toEqual([43.423, 15.872, 40.687]);
    expect(b?.referenceAnglesDeg).toEqual([0, 0.001, 2.5]);
  });

  it('accepts CRLF line ends, a byte order mark and quoted file names with commas', () => {
    const films = parseAasceFiles({
      filenames: '\uFEFF"x, ""1"".jpg"\r\nplain name.jpg\r\n',
      landmarks: `${landmarkRow()}\r\n${landmarkRow()}\r\n`,
      imageSizes: 'filename,width,height\r\n"x, ""1"".jpg",100,200\r\nplain name.jpg,300,400\r\n',
    });
    expect(films.map((f) => [f.filename, f.widthPx, f.heightPx])).toEqual([
      ['x, "1".jpg', 100, 200],
      ['plain name.jpg', 300, 400],
    ]);
  });

  it('names the file and line of a landmarks row with the wrong number count', () => {
    const short = landmarkRow().split(',').slice(0, 135).join(',');
    expect(() => parseAasceFiles(files({ landmarks: `${landmarkRow()}\n${short}\n` }))).toThrow(
      'landmarks.csv line 2: expected 136 numbers, found 135',
    );
  });

  it('names the file, line and value of a field that is not a number', () => {
    const row = landmarkRow().split(',');
    row[9] = '0x1A';
    expect(() => parseAasceFiles(files({ landmarks: `${row.join(',')}\n${landmarkRow()}\n` }))).toThrow(
      "landmarks.csv line 1, value 10: '0x1A' is not a number",
    );
    row[9] = '';
    expect(() => parseAasceFiles(files({ landmarks: `${row.join(',')}\n${landmarkRow()}\n` }))).toThrow(
      "landmarks.csv line 1, value 10: '' is not a number",
    );
    expect(() => parseAasceFiles(files({ angles: '1,2,3\n1,NaN,3\n' }))).toThrow(
      "angles.csv line 2, value 2: 'NaN' is not a number",
    );
  });

  it('names the line of a file name that has no image size', () => {
    expect(() => parseAasceFiles(files({ filenames: 'a.jpg\nc.jpg\n' }))).toThrow(
      "filenames.csv line 2: no size for 'c.jpg' in image-sizes.csv",
    );
  });

  it('reports a landmarks or angles file with fewer or more rows than filenames.csv', () => {
    expect(() => parseAasceFiles(files({ landmarks: `${landmarkRow()}\n` }))).toThrow(
      /^landmarks\.csv line 2: missing row 2 \(1 rows, filenames\.csv has 2\)$/,
    );
    const three = `${landmarkRow()}\n${landmarkRow()}\n${landmarkRow()}\n`;
    expect(() => parseAasceFiles(files({ landmarks: three }))).toThrow(
      'landmarks.csv line 3: more rows than filenames.csv (3 vs 2)',
    );
    expect(() => parseAasceFiles(files({ angles: '1,2,3\n' }))).toThrow(/^angles\.csv line 2: missing row 2/);
  });

  it('rejects malformed, non-positive or repeated image sizes', () => {
    const sizes = (rows: string): AasceFiles => files({ imageSizes: `filename,width,height\n${rows}` });
    expect(() => parseAasceFiles(sizes('a.jpg,800\nb.jpg,1,1\n'))).toThrow(
      'image-sizes.csv line 2: expected filename,width,height',
    );
    expect(() => parseAasceFiles(sizes('a.jpg,800,0\nb.jpg,1,1\n'))).toThrow(
      'image-sizes.csv line 2: width and height must be positive',
    );
    expect(() => parseAasceFiles(sizes('a.jpg,800,wide\nb.jpg,1,1\n'))).toThrow(
      "image-sizes.csv line 2: 'wide' is not a number",
    );
    expect(() => parseAasceFiles(sizes('a.jpg,8,8\nb.jpg,1,1\na.jpg,8,8\n'))).toThrow(
      "image-sizes.csv line 4: 'a.jpg' is listed twice",
    );
  });
});
