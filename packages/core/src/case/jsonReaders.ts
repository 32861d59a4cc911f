import type { Point } from '../geometry/point.js';

/** A JSON path as a list of keys and indices; formatted as `$.radiographs[0].view` when reported. */
export type Path = readonly (string | number)[];
export type JsonObject = Readonly<Record<string, unknown>>;
/** Records a problem at `path` and returns undefined, so readers can `return fail(…)`. */
export type Fail = (path: Path, message: string) => undefined;

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
