/**
 * JSON.parse keeps the last of two equal keys in an object and says nothing. A case file in which a
 * vertebra (or any key) is listed twice is ambiguous, so we look for repeated keys in the raw text.
 * `parsed` is what JSON.parse made of `text`. Returns the JSON path of the first repeated key, or undefined.
 */
export function findDuplicateKey(text: string, parsed: unknown): string | undefined {
  // Fast check: every key in the text is followed by a colon; a colon elsewhere can only be inside a string.
  // So the colons after a quote are at least the keys in the text, which are at least the keys JSON.parse
  // kept. If the first count equals the last, no key was merged, and the exact scan is not needed.
  if (colonsAfterQuotes(text) === countKeys(parsed)) return undefined;
  const at = firstDuplicateKeyAt(text);
  return at === undefined ? undefined : pathOfKeyAt(text, at);
}

function colonsAfterQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    while (j >= 0 && isJsonWhitespace(text.charCodeAt(j))) j--;
    if (text.charCodeAt(j) === QUOTE) count++;
  }
  return count;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** The fast pass: where the first repeated key starts, tracking only the keys of the open objects. */
function firstDuplicateKeyAt(text: string): number | undefined {
  const keysOfOpen: (string[] | null)[] = []; // null for an array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (expectKey) {
        const keys = keysOfOpen[keysOfOpen.length - 1] as string[];
        const key = keyText(text, i, end);
        if (keys.includes(key)) return i;
        keys.push(key);
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      keysOfOpen.push([]);
      expectKey = true;
    } else if (c === OPEN_ARRAY) {
      keysOfOpen.push(null);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      keysOfOpen.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = keysOfOpen[keysOfOpen.length - 1] !== null;
    }
  }
  return undefined;
}

/** The slow pass, run only when a duplicate was found: the JSON path of the key starting at `position`. */
function pathOfKeyAt(text: string, position: number): string {
  const path: (string | number)[] = [];
  const isObject: boolean[] = [];
  let expectKey = false;
  for (let i = 0; i < position; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (expectKey) path[path.length - 1] = keyText(text, i, end);
      expectKey = false;
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      isObject.push(c === OPEN_OBJECT);
      path.push(c === OPEN_OBJECT ? '' : 0);
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isObject.pop();
      path.pop();
    } else if (c === COMMA) {
      expectKey = isObject[isObject.length - 1] === true;
      if (!expectKey) path[path.length - 1] = (path[path.length - 1] as number) + 1;
    }
  }
  path[path.length - 1] = keyText(text, position, endOfString(text, position));
  return formatPath(path);
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE || Number.isNaN(c)) return i;
    else i++;
  }
}

/** The key between the quotes at `start` and `end`, unescaped only when it has an escape. */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** `$.radiographs[0].vertebrae.L4` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${part}`;
  return out;
}
