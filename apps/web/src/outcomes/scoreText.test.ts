import { describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from './outcomeTypes';
import { instrumentLabel, instrumentTitle, mcidSource, mcidView, scoreText } from './scoreText';

const response = (overrides: Partial<QuestionnaireResponse>): QuestionnaireResponse => ({
  id: 'r2',
  caseId: 'case-1',
  visitId: null,
  visitLabel: null,
  invitationId: null,
  instrument: 'odi',
  answers: [],
  score: { instrument: 'odi', result: {} },
  values: { odi: 30 },
  answeredAt: '2024-04-15T09:00:00.000Z',
  source: 'patient',
  recordedBy: null,
  baselineResponseId: 'r1',
  mcid: [],
  ...overrides,
});

describe('how scores read', () => {
  it('writes the ODI in whole or tenth percent, SRS-22r to two decimals and NRS out of 10', () => {
    expect(scoreText('odi', 32)).toBe('32 %');
    expect(scoreText('odi', 160 / 4.5)).toBe('35.6 %');
    expect(scoreText('srs22rTotal', 3.4)).toBe('3.40');
    expect(scoreText('nrsBackPain', 7)).toBe('7 / 10');
  });

  it('says undetermined for a missing score', () => {
    expect(scoreText('odi', null)).toBe('undetermined');
  });

  it('names the instruments briefly and in full', () => {
    expect(instrumentLabel('srs22r')).toBe('SRS-22r');
    expect(instrumentTitle('odi')).toBe('Oswestry Disability Index (version 2.1a)');
    expect(instrumentLabel('eq5d')).toBe('eq5d');
  });
});

describe('MCID reached or not, in words', () => {
  it('calls the first answers the baseline', () => {
    expect(mcidView(response({ baselineResponseId: null }), 'odi').state).toBe('baseline');
  });

  it('gives the improvement and the published MCID when reached', () => {
    const view = mcidView(
      response({
        mcid: [
          {
            outcome: 'odi',
            before: 48,
            after: 30,
            improvement: 18,
            reached: true,
            threshold: 11,
            rules: [],
            undetermined: {},
            citations: ['yoshida-2019'],
          },
        ],
      }),
      'odi',
    );
    expect(view).toEqual({ state: 'reached', text: 'MCID reached (improvement 18 %, MCID 11 %)' });
  });

  it('shows a worsening with its sign when not reached', () => {
    const view = mcidView(
      response({
        mcid: [
          {
            outcome: 'nrsBackPain',
            before: 4,
            after: 6,
            improvement: -2,
            reached: false,
            threshold: 2.7,
            rules: [],
            undetermined: {},
            citations: [],
          },
        ],
      }),
      'nrsBackPain',
    );
    expect(view).toEqual({
      state: 'not-reached',
      text: 'MCID not reached (improvement −2 / 10, MCID 2.7 / 10)',
    });
  });

  it('gives the reason when the MCID is undetermined', () => {
    const view = mcidView(
      response({
        mcid: [
          {
            outcome: 'srs22rSatisfaction',
            before: 3,
            after: 4,
            improvement: 1,
            reached: null,
            threshold: null,
            rules: [],
            undetermined: { reached: 'no MCID for SRS-22r satisfaction was confirmed in a source read' },
            citations: [],
          },
        ],
      }),
      'srs22rSatisfaction',
    );
    expect(view).toEqual({
      state: 'undetermined',
      text: 'MCID undetermined: no MCID for SRS-22r satisfaction was confirmed in a source read',
    });
  });

  it('names the published MCID of an outcome with its population, or says it is undetermined', () => {
    expect(mcidSource('odi')).toBe('MCID 11 % (adult spinal deformity surgery)');
    expect(mcidSource('srs22rMentalHealth')).toMatch(/undetermined/);
  });
});
