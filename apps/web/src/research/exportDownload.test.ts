import { describe, expect, it } from 'vitest';
import { casesIn, lineEndsIn, percentOf } from './exportDownload';

describe('research export progress', () => {
  it('counts line ends in the bytes received', () => {
    expect(lineEndsIn(new TextEncoder().encode('{"a":1}\n{"b":2}\n{"c"'))).toBe(2);
    expect(lineEndsIn(new Uint8Array())).toBe(0);
  });

  it('counts a case per line, but for the CSV header', () => {
    expect(casesIn(5, 'ndjson')).toBe(5);
    expect(casesIn(5, 'csv')).toBe(4);
    expect(casesIn(0, 'csv')).toBe(0);
  });

  it('gives the share of the cases received, and no share while the total is unknown', () => {
    expect(percentOf({ casesReceived: 250, totalCases: 1000, bytesReceived: 1 })).toBe(25);
    expect(percentOf({ casesReceived: 999, totalCases: 1000, bytesReceived: 1 })).toBe(99);
    expect(percentOf({ casesReceived: 0, totalCases: 0, bytesReceived: 0 })).toBe(100);
    expect(percentOf({ casesReceived: 3, totalCases: null, bytesReceived: 1 })).toBeNull();
  });
});
