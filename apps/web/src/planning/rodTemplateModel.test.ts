import type { RodGeometry } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { pageFor, pathOf, TEMPLATE_MARGIN_MM, templateLayout } from './rodTemplateModel';

const rod = (templateMm: RodGeometry['templateMm'], overhangMm: number): RodGeometry => ({
  side: 'left',
  material: 'cobalt-chromium',
  diameterMm: 5.5,
  lengthMm: 0,
  overhangMm,
  headOffsetMm: 0,
  bends: [],
  contourDeg: 0,
  contourOverRiskThreshold: false,
  templateMm,
  patientFrameMm: templateMm,
  notes: [],
  citations: [],
});

describe('templateLayout', () => {
  it('keeps the core’s distances (1:1) and puts anterior up inside the margin', () => {
    const layout = templateLayout(
      rod(
        [
          [0, 0],
          [50, 10],
          [100, 0],
        ],
        0,
      ),
      ['L3', 'L4', 'L5'],
    );
    expect(layout.widthMm).toBe(100 + 2 * TEMPLATE_MARGIN_MM);
    expect(layout.heightMm).toBe(10 + 2 * TEMPLATE_MARGIN_MM);
    // Anterior (+y of the template) is up: the middle point is the highest (smallest y).
    expect(layout.heads.map((h) => h.at)).toEqual([
      [TEMPLATE_MARGIN_MM, TEMPLATE_MARGIN_MM + 10],
      [TEMPLATE_MARGIN_MM + 50, TEMPLATE_MARGIN_MM],
      [TEMPLATE_MARGIN_MM + 100, TEMPLATE_MARGIN_MM + 10],
    ]);
    expect(layout.heads.map((h) => h.level)).toEqual(['L3', 'L4', 'L5']);
    expect(layout.overhang).toEqual([]);
  });

  it('draws the overhang along the end segments', () => {
    const layout = templateLayout(
      rod(
        [
          [0, 0],
          [100, 0],
        ],
        10,
      ),
      ['L4', 'L5'],
    );
    expect(layout.widthMm).toBe(120 + 2 * TEMPLATE_MARGIN_MM);
    expect(layout.overhang[0]?.[1]).toEqual([TEMPLATE_MARGIN_MM, TEMPLATE_MARGIN_MM]);
    expect(layout.overhang[1]?.[1]).toEqual([TEMPLATE_MARGIN_MM + 120, TEMPLATE_MARGIN_MM]);
  });
});

describe('pageFor and pathOf', () => {
  it('chooses the smallest page that takes the drawing', () => {
    expect(pageFor(150)?.name).toBe('A4 portrait');
    expect(pageFor(250)?.name).toBe('A4 landscape');
    expect(pageFor(390)?.name).toBe('A3 landscape');
    expect(pageFor(500)).toBeUndefined();
  });

  it('writes an SVG path in mm', () => {
    expect(
      pathOf([
        [0, 0],
        [1.5, 2],
      ]),
    ).toBe('M0.000 0.000 L1.500 2.000');
  });
});
