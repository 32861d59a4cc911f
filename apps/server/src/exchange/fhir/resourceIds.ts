import { createHash } from 'node:crypto';

/**
 * A stable UUID (RFC 4122 name-based, SHA-1, version 5 layout) for a resource made from a record and a name:
 * the same case exported twice gives the same Observation ids, and two different names never share one.
 */
export function resourceId(...parts: readonly string[]): string {
  const hash = createHash('sha1')
    .update(`spinerecon-fhir\u0000${parts.join('\u0000')}`)
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
