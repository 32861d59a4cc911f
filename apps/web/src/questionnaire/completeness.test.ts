import { oswestryDisabilityIndex } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { completenessOf, completenessText } from './completeness';

const odi = (blank: number[]) => Array.from({ length: 10 }, (_, i) => (blank.includes(i + 1) ? null : 2));

describe('what the review says about blank questions', () => {
  it('says nothing when every question is answered', () => {
    const completeness = completenessOf('odi', odi([]));
    expect(completeness).toEqual({ unanswered: [], fullyScorable: true });
    expect(completenessText(completeness)).toBeUndefined();
  });

  it('names one blank ODI section and does not warn about the score, which the published rule still gives', () => {
    expect(oswestryDisabilityIndex(odi([4])).scorePercent).not.toBeNull();
    const completeness = completenessOf('odi', odi([4]));
    expect(completeness).toEqual({ unanswered: [4], fullyScorable: true });
    expect(completenessText(completeness)).toBe(
      'Question 4 is not answered. You can still send your answers, or go back and answer them.',
    );
  });

  it('warns that two blank ODI sections leave the score uncalculated', () => {
    const completeness = completenessOf('odi', odi([2, 7]));
    expect(completeness.fullyScorable).toBe(false);
    expect(completenessText(completeness)).toMatch(
      /^Questions 2, 7 are not answered\. With these left blank your care team cannot calculate every score/,
    );
  });

  it('warns when one of the two pain scales is blank', () => {
    expect(completenessOf('pain', [3, null])).toEqual({ unanswered: [2], fullyScorable: false });
  });

  it('does not guess for an instrument the core does not know', () => {
    expect(completenessOf('eq5d', [1, null])).toEqual({ unanswered: [2], fullyScorable: null });
  });

  it('does not guess when the answers do not fit the instrument', () => {
    expect(completenessOf('odi', [1, null]).fullyScorable).toBeNull();
  });
});
