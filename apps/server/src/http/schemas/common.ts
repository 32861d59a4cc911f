import { z } from 'zod';

// Building blocks of the API's schemas. Bodies and queries are strict: an unknown field is a 400 that
// names it, never silently dropped.

export const idParams = z.strictObject({ id: z.uuid().describe('resource id (UUID)') });

export const versionParams = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1).max(1e9),
});

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1–200'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
};

export const isoDate = z.iso.date().describe('YYYY-MM-DD');
export const timestamp = z.string().describe('ISO 8601 UTC instant');

/** A printable one-line text: no control characters. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const freeText = z.string().max(10_000);

export const errorBody = z.object({
  error: z.string().describe('machine-readable kind, e.g. invalid-input, precondition-failed'),
  message: z.string().describe('what went wrong and what to do, for a person'),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), limit: z.number(), offset: z.number() });

/** Measurements in the core's `spinerecon.measurements/1` format (docs/formats/spine-case.md). */
export const measurementOutput = z
  .object({ format: z.literal('spinerecon.measurements/1'), radiographs: z.array(z.unknown()).readonly() })
  .describe('spinerecon.measurements/1, computed by @spinerecon/core from the latest landmark sets');

export const versionEntry = z.object({ version: z.number(), savedBy: z.string(), savedAt: timestamp });
