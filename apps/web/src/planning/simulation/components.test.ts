import { CASE_FORMAT, EMPTY_PLAN, predictPlan, type LateralRadiograph } from '@spinerecon/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildLateralSpine } from '../../../../../packages/core/src/test-support/syntheticLateral';
import { PredictedSpineOverlay, SimulatedFilm, simulatedFilmSegments } from './index';

function films(): { before: LateralRadiograph; after: LateralRadiograph } {
  const before = buildLateralSpine().radiograph;
  const prediction = predictPlan(
    { format: CASE_FORMAT, radiographs: [before] },
    { ...EMPTY_PLAN, osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] },
    'fixed',
  );
  if (!prediction.ok) throw new Error(prediction.reason);
  const after = prediction.predictedCase.radiographs[0];
  if (after?.view !== 'lateral') throw new Error('no predicted lateral film');
  return { before, after };
}

// The viewer's own `toScreen` takes a mutable tuple: it must fit the props as they are.
const toScreen = (p: [number, number]): [number, number] => [p[0] * 2 + 10, p[1] * 2 + 20];

describe('PredictedSpineOverlay', () => {
  it('draws every predicted vertebra, the femoral heads and the C7 plumb line, and the preoperative outline on request', () => {
    const { before, after } = films();
    const html = renderToStaticMarkup(createElement(PredictedSpineOverlay, { before, after, toScreen }));
    const count = Object.keys(after.vertebrae).length;
    expect(html.match(/data-kind="predicted"/g)).toHaveLength(count);
    expect(html.match(/data-kind="predicted-femoral-head"/g)).toHaveLength(after.femoralHeads.length);
    expect(html).toContain('predicted-c7-plumb-line');
    expect(html).not.toContain('data-kind="preoperative"');
    const both = renderToStaticMarkup(
      createElement(PredictedSpineOverlay, { before, after, toScreen, showBefore: true }),
    );
    expect(both.match(/data-kind="preoperative"/g)).toHaveLength(Object.keys(before.vertebrae).length);
  });
});

describe('SimulatedFilm', () => {
  it('draws one clipped, moved copy of the image per segment', () => {
    const { before, after } = films();
    const segments = simulatedFilmSegments(before, after, { widthPx: 2000, heightPx: 4000 });
    const html = renderToStaticMarkup(
      createElement(SimulatedFilm, {
        imageUrl: '/api/v1/radiographs/r1/image',
        widthPx: 2000,
        heightPx: 4000,
        segments,
        toScreen,
      }),
    );
    expect(html.match(/<clipPath/g)).toHaveLength(2);
    expect(html.match(/<image/g)).toHaveLength(2);
    // The lower segment stays: only the screen mapping (scale 2, offset 10, 20).
    expect(html).toContain('transform="matrix(2 0 0 2 10 20)"');
  });
});
