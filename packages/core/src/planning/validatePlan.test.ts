import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FLAT_BACK, syntheticCase } from '../test-support/planningCases.js';
import { planCase } from './planCase.js';
import { parsePlanJson } from './validatePlan.js';

const DOC = fileURLToPath(new URL('../../../../docs/formats/plan.md', import.meta.url));
/** The example plan of docs/formats/plan.md: its first ```json block. */
const EXAMPLE = /```json\n([\s\S]*?)```/.exec(readFileSync(DOC, 'utf8'))?.[1] ?? '';

function errorsOf(text: string) {
  const result = parsePlanJson(text);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

const withPart = (part: object) => JSON.stringify({ format: 'spinerecon.plan/1', ...part });

describe('the plan file reader', () => {
  it('reads the example of docs/formats/plan.md, and the example simulates', () => {
    const result = parsePlanJson(EXAMPLE);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.osteotomies).toEqual([
      { level: 'L3', grade: 3, angleDeg: 30 },
      { level: 'T12', grade: 2 },
    ]);
    expect(result.value.fusion).toEqual({
      upperInstrumentedVertebra: 'T10',
      lowerInstrumentedVertebra: 'S1',
      pelvicFixation: 'S2AI',
    });
    expect(planCase(syntheticCase(FLAT_BACK), result.value, 'fixed').ok).toBe(true);
  });

  it('reads an empty plan as doing nothing', () => {
    const result = parsePlanJson(withPart({}));
    expect(result.ok && result.value).toMatchObject({ osteotomies: [], cages: [], screws: [], rods: [] });
  });

  it.each([
    [
      withPart({ osteotomies: [{ level: 'L3', grade: 7 }] }),
      '$.osteotomies[0].grade: expected a Schwab grade 1–6',
    ],
    [
      withPart({ osteotomies: [{ level: 'L6', grade: 3 }] }),
      '$.osteotomies[0].level: expected a vertebral level',
    ],
    [
      withPart({ cages: [{ disc: 'S1', heightMm: 10, lordoticAngleDeg: 10 }] }),
      '$.cages[0].disc: name the disc',
    ],
    [withPart({ cages: [{ disc: 'L4', lordoticAngleDeg: 10 }] }), '$.cages[0].heightMm: missing'],
    [
      withPart({ rods: [{ side: 'left', material: 'wood', diameterMm: 6 }] }),
      '$.rods[0].material: expected one of',
    ],
    [
      withPart({ fusion: { upperInstrumentedVertebra: 'L5', lowerInstrumentedVertebra: 'T10' } }),
      '$.fusion: the upper',
    ],
    [
      withPart({ vertebralBodyReplacements: [{ levelsRemoved: ['L1', 'L3'], heightMm: 40, angleDeg: 0 }] }),
      'adjacent levels',
    ],
    [withPart({ osteotomies: [{ level: 'L1', grade: 6, levels: ['L1'] }] }), 'grade 6 resects two or more'],
    [withPart({ riskFactors: { smoker: 'yes' } }), '$.riskFactors.smoker: expected true or false'],
    [withPart({ surgeon: 'x' }), '$.surgeon: unknown key'],
    ['{"format":"spinerecon.plan/2"}', '$.format: expected "spinerecon.plan/1"'],
    ['{"format":"spinerecon.plan/1","cages":[],"cages":[]}', '$.cages: key is listed twice'],
    ['{', '$: not valid JSON'],
  ])('reports a bad plan with its JSON path (%#)', (text, expected) => {
    expect(errorsOf(text).join('\n')).toContain(expected);
  });
});
