// An 8-bit raster (grey or RGB) and its reduction by box averaging: what a film becomes before it is put
// into a report, small enough to keep the PDF small.

export interface Raster {
  readonly widthPx: number;
  readonly heightPx: number;
  /** 1: grey, 3: RGB (interleaved). */
  readonly channels: 1 | 3;
  readonly pixels: Uint8Array;
}

/** The longest side of a film in a report, in pixels. */
export const REPORT_MAX_SIDE_PX = 1600;

/** The smallest whole factor that brings the longer side to `maxSidePx` or below. */
export function reductionFactor(widthPx: number, heightPx: number, maxSidePx = REPORT_MAX_SIDE_PX): number {
  return Math.max(1, Math.ceil(Math.max(widthPx, heightPx) / maxSidePx));
}

/**
 * Reduces a raster given row by row: each output pixel is the mean of a `factor` × `factor` block (the
 * blocks of the last row and column may be smaller). Memory: the output and one row of sums.
 */
export class RowReducer {
  readonly outWidthPx: number;
  readonly outHeightPx: number;
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  private readonly out: Uint8Array;
  private rowsIn = 0;
  private rowsOut = 0;

  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly channels: 1 | 3,
    readonly factor: number,
  ) {
    this.outWidthPx = Math.ceil(widthPx / factor);
    this.outHeightPx = Math.ceil(heightPx / factor);
    this.sums = new Float64Array(this.outWidthPx * channels);
    this.counts = new Uint32Array(this.outWidthPx);
    this.out = new Uint8Array(this.outWidthPx * this.outHeightPx * channels);
  }

  /** One input row: `widthPx × channels` 8-bit values. */
  push(row: Uint8Array): void {
    const { channels, factor } = this;
    for (let x = 0; x < this.widthPx; x++) {
      const cell = Math.floor(x / factor);
      this.counts[cell] = (this.counts[cell] ?? 0) + 1;
      for (let c = 0; c < channels; c++) {
        const at = cell * channels + c;
        this.sums[at] = (this.sums[at] ?? 0) + (row[x * channels + c] ?? 0);
      }
    }
    this.rowsIn += 1;
    if (this.rowsIn % factor === 0 || this.rowsIn === this.heightPx) this.emit();
  }

  private emit(): void {
    const base = this.rowsOut * this.outWidthPx * this.channels;
    for (let cell = 0; cell < this.outWidthPx; cell++) {
      const count = this.counts[cell] ?? 1;
      for (let c = 0; c < this.channels; c++) {
        const at = cell * this.channels + c;
        this.out[base + at] = Math.round((this.sums[at] ?? 0) / count);
      }
    }
    this.sums.fill(0);
    this.counts.fill(0);
    this.rowsOut += 1;
  }

  result(): Raster {
    if (this.rowsOut !== this.outHeightPx) throw new Error('RowReducer: not every row was given');
    return {
      widthPx: this.outWidthPx,
      heightPx: this.outHeightPx,
      channels: this.channels,
      pixels: this.out,
    };
  }
}
