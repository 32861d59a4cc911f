import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey, formatPath } from './duplicateKeys.js';
import { parseCaseJson } from './validateCase.js';

/** findDuplicateKey is given the text and what JSON.parse made of it. */
const duplicateIn = (text: string) => findDuplicateKey(text, JSON.parse(text));

describe('finding a key listed twice in the raw JSON text', () => {
  it('finds none in text without repeated keys', () => {
    expect(duplicateIn('{"a":1,"b":{"c":[1,2,{"d":null}]},"e":"f"}')).toBeUndefined();
  });

  it('finds a repeated top-level key', () => {
    expect(duplicateIn('{"format":"a","radiographs":[],"format":"b"}')).toBe('$.format');
  });

  it('finds a repeated key in a nested object', () => {
    expect(duplicateIn('{"a":{"b":1,"c":{"d":1,"d":2}}}')).toBe('$.a.c.d');
  });

  it('finds a repeated vertebra inside an array, with the index of the element', () => {
    const text = JSON.stringify({
      radiographs: [
        { id: 'a', vertebrae: { T4: {}, T5: {} } },
        { id: 'b', vertebrae: { T3: {}, T4: { superiorAnterior: [1, 2] } } },
      ],
    }).replace('"T4":{"superiorAnterior"', '"T4":{},"T4":{"superiorAnterior"');
    expect(duplicateIn(text)).toBe('$.radiographs[1].vertebrae.T4');
  });

  it('counts array elements that are arrays, numbers or empty objects', () => {
    expect(duplicateIn('{"a":[[1,[2,3]],{},"x",4,{"k":1,"k":2}]}')).toBe('$.a[4].k');
    expect(duplicateIn('[[{}],[],{"k":[{"x":1}],"k":2}]')).toBe('$[2].k');
  });

  it('finds a key repeated after a nested object or array has closed', () => {
    expect(duplicateIn('{"a":{"b":{"c":{}}},"d":[1,{"a":2}],"a":3}')).toBe('$.a');
    expect(duplicateIn('{"a":{},"b":[],"a":1}')).toBe('$.a');
  });

  it('finds it in pretty-printed text', () => {
    const text = JSON.stringify({ radiographs: [{ vertebrae: { L4: { x: 1 } } }] }, null, 2).replace(
      '"L4": {',
      '"L4": {},\n        "L4": {',
    );
    expect(duplicateIn(text)).toBe('$.radiographs[0].vertebrae.L4');
  });

  it('finds it with whitespace of every kind around the colons', () => {
    expect(duplicateIn('{ "a" : 1 ,\n\t"a"\r\n:\t2 }')).toBe('$.a');
    expect(duplicateIn('{"v":{"L4"\t:{}, "L4"  :{}}}')).toBe('$.v.L4');
    // One key written "a": and its repeat "a" : (only the repeat has a space before its colon).
    expect(duplicateIn('{"a":1,"a" :2}')).toBe('$.a');
    expect(duplicateIn('{"b":{"c":1},"a":{},"a"\n:2}')).toBe('$.a');
  });

  it('does not take the same key in sibling objects for a repeat', () => {
    expect(duplicateIn('[{"a":1},{"a":2}]')).toBeUndefined();
    expect(duplicateIn('{"x":{"a":1},"y":{"a":1}}')).toBeUndefined();
    expect(duplicateIn('{"a":{"a":{"a":1}}}')).toBeUndefined();
    const twoFilms = JSON.stringify({
      radiographs: [{ vertebrae: { L4: {}, L5: {} } }, { vertebrae: { L4: {}, L5: {} } }],
    });
    expect(duplicateIn(twoFilms)).toBeUndefined();
  });

  it('ignores braces, brackets, commas and quotes inside strings', () => {
    expect(duplicateIn(JSON.stringify({ s: '{"a":1,"a":2}', t: '}', u: '[', v: ',"s":' }))).toBeUndefined();
    expect(duplicateIn(JSON.stringify({ '{': 1, '}': 2, '[': { a: 1 }, a: 2, ',': 3 }))).toBeUndefined();
    expect(duplicateIn('{"s":"a\\"b","t":"c\\\\","u":"\\\\\\""}')).toBeUndefined();
  });

  it('finds a repeat after a string value that ends in an escaped backslash', () => {
    // The value is `x\` (escaped as "x\\"): its closing quote must not be taken as escaped.
    expect(duplicateIn('{"s":"x\\\\","s":1}')).toBe('$.s');
  });

  it('finds a repeated key that contains an escaped quote or brace', () => {
    expect(duplicateIn('{"a\\"b":1,"a\\"b":2}')).toBe('$.a"b');
    expect(duplicateIn('{"o":{"{}":1,"{}":2}}')).toBe('$.o.{}');
  });

  it('compares keys after unescaping: "L\\u0034" and "L4" are the same key', () => {
    expect(duplicateIn('{"vertebrae":{"L\\u0034":{},"L4":{}}}')).toBe('$.vertebrae.L4');
    expect(duplicateIn('{"vertebrae":{"L4":{},"\\u004c4":{}}}')).toBe('$.vertebrae.L4');
    expect(duplicateIn('{"a\\/b":1,"a/b":2}')).toBe('$.a/b');
  });

  it('is not misled by colons after escaped quotes inside strings (more colons than keys, no repeat)', () => {
    expect(duplicateIn('{"a":"x\\":","b":["\\" : "]}')).toBeUndefined();
    expect(duplicateIn('{"a":"x\\":","a":1}')).toBe('$.a');
  });

  it('reports the first repeat in the text when there are several', () => {
    expect(duplicateIn('{"x":{"b":1,"b":2},"a":1,"a":2}')).toBe('$.x.b');
  });

  it('makes parseCaseJson reject the case with the path of the repeated vertebra', () => {
    const lateral = { id: 'a', view: 'lateral', anteriorOnImage: 'right', vertebrae: { T4: {} } };
    const text = JSON.stringify({
      format: 'spinerecon.case/1',
      radiographs: [lateral, { ...lateral, id: 'b', vertebrae: { T3: {}, T4: {} } }],
    }).replace('"T3":{},"T4":{}', '"T3":{},"T4":{},"T4":{}');
    expect(parseCaseJson(text)).toEqual({
      ok: false,
      errors: [{ path: '$.radiographs[1].vertebrae.T4', message: expect.stringMatching(/twice/) }],
    });
  });

  it('finds no repeat in anything JSON.stringify writes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(duplicateIn(JSON.stringify(value))).toBeUndefined();
      }),
    );
  });

  it('finds a key repeated at a random place, with its path (property)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.nat(3),
        fc.constantFrom('', ' ', '\n', '\t', '\r\n  '),
        (before, value, outer, key, index, space) => {
          // {"<outer>": [before × index, {"<key>": value, "<key>" : value}], "<key>": 1}
          const k = JSON.stringify(key);
          const repeated = `{${k}:${JSON.stringify(value)},${k}${space}:${space}${JSON.stringify(value)}}`;
          const elements = [...Array.from({ length: index }, () => JSON.stringify(before)), repeated];
          const text = `{${JSON.stringify(outer)}:[${elements.join(',')}]${outer === key ? '' : `,${k}:1`}}`;
          expect(duplicateIn(text)).toBe(formatPath([outer, index, key]));
        },
      ),
    );
  });
});

describe('formatting a JSON path', () => {
  it('writes keys with dots and indices in brackets', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['radiographs', 0, 'vertebrae', 'L4'])).toBe('$.radiographs[0].vertebrae.L4');
  });
});
