import {
  EMPTY_PLAN,
  planCase,
  type Implants,
  type LateralRadiograph,
  type SurgicalPlan,
} from '@spinerecon/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FLAT_BACK, syntheticCase } from '../../../../packages/core/src/test-support/planningCases';
import { FusionRangeOverlay } from './FusionRangeOverlay';
import { ScrewSizingTable } from './ScrewSizingTable';

const PLAN: SurgicalPlan = {
  ...EMPTY_PLAN,
  fusion: { upperInstrumentedVertebra: 'L2', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'none' },
  screws: [{ level: 'L4', side: 'left', diameterMm: 6.5, lengthMm: 45, pedicleWidthMm: 10 }],
};

function implantsOf(plan: SurgicalPlan, options = FLAT_BACK): Implants {
  const result = planCase(syntheticCase(options), plan, 'fixed');
  if (!result.ok) throw new Error(result.reason);
  return result.value.implants;
}

const toScreen = (p: readonly [number, number]): [number, number] => [p[0] / 4, p[1] / 4];

describe('ScrewSizingTable', () => {
  it('shows every instrumented level with its measured body depth, and the diameter limit where a pedicle width was entered', () => {
    const implants = implantsOf(PLAN);
    const html = renderToStaticMarkup(createElement(ScrewSizingTable, { implants }));
    expect(html.match(/<tr data-level=/g)).toHaveLength(5);
    const l4 = implants.screws.find((s) => s.level === 'L4');
    expect(html).toContain(`data-level="L4" data-body-depth-mm="${l4?.bodyDepthMm}"`);
    expect(html).toContain(`${(l4?.bodyDepthMm ?? 0).toFixed(1)} mm`);
    // 80 % of the 10 mm pedicle width.
    expect(html).toContain('≤ 8.0 mm');
  });

  it('says why the length (every level) and the diameter (levels without a pedicle width) are undetermined, with no number', () => {
    const implants = implantsOf(PLAN);
    const html = renderToStaticMarkup(createElement(ScrewSizingTable, { implants }));
    const l2 = implants.screws.find((s) => s.level === 'L2');
    expect(html).toContain(`Undetermined: ${l2?.undetermined.suggestedLengthMm}.`);
    expect(html).toContain(`Undetermined: ${l2?.undetermined.suggestedMaxDiameterMm}.`);
    // Five levels, each with an undetermined length; four without a pedicle width.
    expect(html.match(/undetermined <sup>/g)).toHaveLength(5 + 4);
    expect(html).not.toMatch(/suggested: \d/);
  });

  it('gives the uncalibrated film as the reason when the body depth cannot be measured', () => {
    const implants = implantsOf(PLAN, { ...FLAT_BACK, pixelSpacingMm: undefined });
    const html = renderToStaticMarkup(createElement(ScrewSizingTable, { implants }));
    expect(html).toContain(`Undetermined: ${implants.screws[0]?.undetermined.bodyDepthMm}.`);
    expect(html).toMatch(/not calibrated/);
  });
});

describe('FusionRangeOverlay', () => {
  const film = (): LateralRadiograph => {
    const radiograph = syntheticCase(FLAT_BACK).radiographs[0];
    if (radiograph?.view !== 'lateral') throw new Error('no lateral film');
    return radiograph;
  };

  it('outlines every vertebra from UIV to LIV and names the two ends', () => {
    const html = renderToStaticMarkup(
      createElement(FusionRangeOverlay, { film: film(), fusion: PLAN.fusion, toScreen }),
    );
    expect(html.match(/data-role="fused"/g)).toHaveLength(3);
    expect(html).toContain('data-level="L2" data-role="uiv"');
    expect(html).toContain('data-level="S1" data-role="liv"');
    expect(html).toContain('UIV L2');
    expect(html).toContain('LIV S1');
  });

  it('draws the first vertebra picked while the second is awaited, and nothing without a fusion', () => {
    const html = renderToStaticMarkup(
      createElement(FusionRangeOverlay, { film: film(), fusion: undefined, pending: 'T12', toScreen }),
    );
    expect(html).toContain('data-level="T12" data-role="pending"');
    expect(html).not.toContain('data-role="uiv"');
  });
});
