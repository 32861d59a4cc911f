import { apiFetch } from '../api/client';

// The research export, downloaded with its progress: the server says up front how many cases follow
// (X-Total-Count) and sends one line per case (after the header line in CSV), so the lines received so far
// measure the progress.

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportProgress {
  readonly casesReceived: number;
  /** null when the server did not say. */
  readonly totalCases: number | null;
  readonly bytesReceived: number;
}

export interface ExportResult {
  readonly blob: Blob;
  readonly fileName: string;
  readonly casesReceived: number;
  readonly totalCases: number | null;
}

const NEWLINE = 0x0a;

/** The line ends in a chunk of bytes. */
export function lineEndsIn(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/** How often the progress is reported: often enough for the bar to move, rarely enough not to busy the page. */
const PROGRESS_EVERY_MS = 100;

/** Cases in the lines received: every line is a case, but for the CSV header. */
export function casesIn(lines: number, format: ExportFormat): number {
  return format === 'csv' ? Math.max(0, lines - 1) : lines;
}

/** 0–100, or null while the total is unknown. */
export function percentOf(progress: ExportProgress): number | null {
  if (progress.totalCases === null) return null;
  if (progress.totalCases === 0) return 100;
  return Math.min(100, Math.floor((progress.casesReceived * 100) / progress.totalCases));
}

export async function downloadResearchExport(
  format: ExportFormat,
  diagnosis: string | undefined,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<ExportResult> {
  const response = await apiFetch('GET', '/research/export', {
    query: { format, diagnosis },
    headers: { accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
    signal,
  });
  const header = response.headers.get('x-total-count');
  const totalCases = header === null || !/^\d+$/.test(header) ? null : Number(header);
  const parts: Uint8Array[] = [];
  let lines = 0;
  let bytesReceived = 0;
  let reported = -Infinity;
  const reader = response.body?.getReader();
  if (reader !== undefined) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      lines += lineEndsIn(value);
      bytesReceived += value.byteLength;
      const now = performance.now();
      if (now - reported >= PROGRESS_EVERY_MS) {
        reported = now;
        onProgress({ casesReceived: casesIn(lines, format), totalCases, bytesReceived });
      }
    }
  }
  const casesReceived = casesIn(lines, format);
  return {
    blob: new Blob(parts as BlobPart[], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
    fileName: `spinerecon-research-export.${format}`,
    casesReceived,
    totalCases,
  };
}
