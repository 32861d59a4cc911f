import type { Point } from '../geometry/point.js';
import { findDuplicateKey, formatPath } from './duplicateKeys.js';

/** A JSON path as a list of keys and indices; formatted as `$.radiographs[0].view` when reported. */
export type Path = readonly (string | number)[];
export type JsonObject = Readonly<Record<string, unknown>>;
/** Records a problem at `path` and returns undefined, so readers can `return fail(…)`. */
export type Fail = (path: Path, message: string) => undefined;

/** One problem in a file: where (a JSON path such as `$.radiographs[0].view`) and what was expected. */
export interface CaseError {
  readonly path: string;
  readonly message: string;
}

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly CaseError[] };

const MAX_ERRORS = 20;

/** Runs `read` with an error collector: ok when it returned a value and recorded no problem. */
export function collectErrors<T>(read: (fail: Fail) => T | undefined): Validated<T> {
  const errors: CaseError[] = [];
  const fail: Fail = (path, message) => {
    if (errors.length < MAX_ERRORS) errors.push({ path: formatPath(path), message });
    return undefined;
  };
  const value = read(fail);
  return value !== undefined && errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/**
 * Parses JSON text and validates it. A key listed twice in one object is an error: JSON.parse would keep
 * the last one silently.
 */
export function parseStrictJson<T>(text: string, validate: (value: unknown) => Validated<T>): Validated<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '$', message: `not valid JSON (${(error as Error).message})` }] };
  }
  const duplicate = findDuplicateKey(text, value);
  if (duplicate !== undefined) {
    return { ok: false, errors: [{ path: duplicate, message: 'key is listed twice in the same object' }] };
  }
  return validate(value);
}

/** A point [x, y] of two finite numbers; `key` is added to `path` only when reporting a problem. */
export function readPoint(value: unknown, path: Path, key: string | number, fail: Fail): Point | undefined {
  if (!Array.isArray(value) || value.length !== 2)
    return fail([...path, key], 'expected a point [x, y] in pixels');
  const x: unknown = value[0];
  const y: unknown = value[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    return fail([...path, key], 'expected two finite numbers [x, y]');
  }
  return value as unknown as Point;
}

/** `allowed` null: any key may appear (the caller checks them). */
export function readObject(
  value: unknown,
  path: Path,
  allowed: readonly string[] | null,
  fail: Fail,
): JsonObject | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'expected an object');
  const object = value as JsonObject;
  if (allowed) {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key))
        return fail([...path, key], `unknown key (expected one of: ${allowed.join(', ')})`);
    }
  }
  return object;
}

export function readEnum<T extends string>(
  value: unknown,
  options: readonly T[],
  path: Path,
  fail: Fail,
): T | undefined {
  if (value === undefined) return fail(path, `missing; expected one of: ${options.join(', ')}`);
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    return fail(path, `expected one of: ${options.join(', ')}`);
  }
  return value as T;
}

/** An optional finite number within [min, max]; undefined when absent, null when invalid. */
export function readNumber(
  value: unknown,
  path: Path,
  range: { readonly min: number; readonly max: number; readonly unit: string },
  fail: Fail,
): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    fail(path, `expected a number of ${range.unit} from ${range.min} to ${range.max}`);
    return null;
  }
  return value;
}
