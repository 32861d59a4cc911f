import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuestionnaireInstrument, QUESTIONNAIRES, scoreQuestionnaire } from './questionnaires.js';
import { SRS22R_DOMAIN_ITEMS } from './srs22r.js';

describe('questionnaire definitions', () => {
  it('ODI 2.1a: ten sections of six statements scored 0 (first) to 5 (last)', () => {
    const odi = QUESTIONNAIRES.odi;
    expect(odi.items).toHaveLength(10);
    for (const item of odi.items) expect(item.options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(odi.items[0]?.options[0]?.label).toBe('I have no pain at the moment');
    expect(odi.items[7]?.text).toBe('Sex life (if applicable)');
    expect(odi.copyright).toMatch(/Fairbank/);
    expect(odi.copyright).toMatch(/Mapi/);
  });

  it('SRS-22r: 22 items, each offering every score 1–5 once, flagged as not verified', () => {
    const srs = QUESTIONNAIRES.srs22r;
    expect(srs.items).toHaveLength(22);
    for (const item of srs.items) {
      expect([...item.options.map((o) => o.value)].sort()).toEqual([1, 2, 3, 4, 5]);
    }
    expect(srs.wording).toMatch(/NOT VERIFIED/);
    expect(srs.copyright).toMatch(/Scoliosis Research Society/);
  });

  it('SRS-22r: items worded against the patient score the favourable answer 5 (reverse-scored as printed)', () => {
    const score = (n: number, label: string) =>
      QUESTIONNAIRES.srs22r.items[n - 1]?.options.find((o) => o.label === label)?.value;
    expect(score(1, 'None')).toBe(5);
    expect(score(3, 'All of the time')).toBe(1); // nervous
    expect(score(13, 'All of the time')).toBe(5); // calm and peaceful
    expect(score(15, 'Severely')).toBe(1); // financial difficulties, printed worst first
    expect(score(20, 'None of the time')).toBe(1); // happy
    expect(score(5, 'Bedridden')).toBe(1);
  });

  it('pain: back and leg NRS 0–10', () => {
    expect(QUESTIONNAIRES.pain.items.map((i) => i.id)).toEqual(['backPain', 'legPain']);
    expect(QUESTIONNAIRES.pain.items[0]?.options.map((o) => o.value)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(isQuestionnaireInstrument('pain')).toBe(true);
    expect(isQuestionnaireInstrument('sf36')).toBe(false);
  });
});

describe('scoreQuestionnaire', () => {
  it('scores the ODI worked example: 16 of 50 → 32 %, and one blank section → 16 of 45', () => {
    const full = scoreQuestionnaire('odi', [2, 2, 2, 2, 2, 2, 2, 1, 1, 0]);
    expect(full.instrument).toBe('odi');
    expect(full.instrument === 'odi' && full.result.scorePercent).toBe(32);
    const blank = scoreQuestionnaire('odi', [2, 2, 2, 2, 2, 2, 2, null, 1, 1]);
    expect(blank.instrument === 'odi' && blank.result.scorePercent).toBeCloseTo((16 / 45) * 100, 9);
    const twoBlank = scoreQuestionnaire('odi', [2, 2, 2, 2, 2, 2, 2, null, null, 1]);
    expect(twoBlank.instrument === 'odi' && twoBlank.result.scorePercent).toBeNull();
  });

  it('scores SRS-22r domains as means of their items, using the existing domain map', () => {
    const answers = Array.from({ length: 22 }, (_, i) => (SRS22R_DOMAIN_ITEMS.pain.includes(i + 1) ? 2 : 4));
    const score = scoreQuestionnaire('srs22r', answers);
    expect(score.instrument === 'srs22r' && score.result.domains.pain).toBe(2);
    expect(score.instrument === 'srs22r' && score.result.domains.function).toBe(4);
  });

  it('scores each answer by its option value, not by its position in the list', () => {
    const firstOptions = QUESTIONNAIRES.srs22r.items.map((item) => item.options[0]?.value ?? null);
    const score = scoreQuestionnaire('srs22r', firstOptions);
    expect(score.instrument === 'srs22r' && score.result.domains.satisfaction).toBe(5);
    // Item 5 lists Bedridden (1) first, so the first options do not all score 5.
    expect(score.instrument === 'srs22r' && score.result.domains.function).toBeLessThan(5);
  });

  it('scores pain as back then leg', () => {
    const score = scoreQuestionnaire('pain', [7, null]);
    expect(score.instrument === 'pain' && score.result.backPain).toBe(7);
    expect(score.instrument === 'pain' && score.result.legPain).toBeNull();
  });

  it('throws naming the item when an answer is not one of its options, or the count is wrong', () => {
    expect(() => scoreQuestionnaire('odi', [0, 0, 0])).toThrow(/needs 10 answers, got 3/);
    expect(() => scoreQuestionnaire('odi', [0, 0, 0, 0, 6, 0, 0, 0, 0, 0])).toThrow(/answer 5 \(section5\)/);
    expect(() => scoreQuestionnaire('srs22r', Array(22).fill(0))).toThrow(/answer 1 \(item1\).*one of/);
    expect(() => scoreQuestionnaire('pain', [2.5, 1])).toThrow(/answer 1 \(backPain\)/);
    expect(() => scoreQuestionnaire('sf36' as 'odi', [])).toThrow(/unknown questionnaire/);
  });

  it('accepts every combination of valid answers and blanks without throwing', () => {
    const answer = (values: readonly number[]) => fc.option(fc.constantFrom(...values), { nil: null });
    fc.assert(
      fc.property(fc.array(answer([0, 1, 2, 3, 4, 5]), { minLength: 10, maxLength: 10 }), (answers) => {
        const score = scoreQuestionnaire('odi', answers);
        const result = score.instrument === 'odi' ? score.result : undefined;
        const blanks = answers.filter((a) => a === null).length;
        expect(result?.scorePercent === null).toBe(blanks > 1);
      }),
    );
  });
});
