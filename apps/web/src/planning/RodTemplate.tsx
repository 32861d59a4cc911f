import type { Implants, Level, RodGeometry } from '@spinerecon/core';
import { formatNumber } from './planModel';
import { pathOf, templateLayout, type TemplateLayout } from './rodTemplateModel';

// One rod as a 1:1 template: an SVG sized in real millimetres (width="…mm", viewBox in mm), so that printed
// at 100 % it has the size of the rod. The polyline is the core's templateMm through the screw heads;
// lengths and bend angles are the core's (rodGeometry via sizeImplants).

export type ImplantRod = Implants['rods'][number];

export const isSized = (rod: ImplantRod): rod is RodGeometry => !('undetermined' in rod);

const MATERIAL: Readonly<Record<RodGeometry['material'], string>> = {
  'cobalt-chromium': 'cobalt-chromium',
  'titanium-alloy': 'titanium alloy',
  'stainless-steel': 'stainless steel',
};

export function RodTemplate(props: {
  readonly rod: RodGeometry;
  readonly levels: readonly Level[];
  readonly layout?: TemplateLayout;
}) {
  const { rod, levels } = props;
  const layout = props.layout ?? templateLayout(rod, levels);
  const bendAt = new Map(rod.bends.map((b) => [b.level, b.bendDeg]));
  const heads = layout.heads.map((h) => h.at);
  const top = heads[0];
  const bottom = heads[heads.length - 1];
  return (
    <figure className="rod-template" data-side={rod.side}>
      <figcaption>
        <strong>{rod.side === 'left' ? 'Left' : 'Right'} rod</strong> — {formatNumber(rod.diameterMm)} mm{' '}
        {MATERIAL[rod.material]}; length <span data-testid="rod-length">{formatNumber(rod.lengthMm)} mm</span>{' '}
        (overhang {formatNumber(rod.overhangMm)} mm at each end); contour {formatNumber(rod.contourDeg)}°
        {rod.contourOverRiskThreshold ? ' — over the rod-fracture risk threshold (Barton 2015)' : ''}
      </figcaption>
      <svg
        className="rod-template-svg"
        width={`${layout.widthMm.toFixed(3)}mm`}
        height={`${layout.heightMm.toFixed(3)}mm`}
        viewBox={`0 0 ${layout.widthMm.toFixed(3)} ${layout.heightMm.toFixed(3)}`}
        role="img"
        aria-label={`${rod.side} rod template, 1:1, ${formatNumber(rod.lengthMm)} mm`}
      >
        <rect
          x={0.25}
          y={0.25}
          width={layout.widthMm - 0.5}
          height={layout.heightMm - 0.5}
          fill="none"
          stroke="#999"
          strokeWidth={0.2}
          strokeDasharray="2 2"
        />
        {layout.overhang.map(([a, b], i) => (
          <path
            key={i}
            d={pathOf([a, b])}
            fill="none"
            stroke="#000"
            strokeWidth={Math.min(rod.diameterMm, 1.5)}
            strokeDasharray="3 1.5"
            strokeLinecap="butt"
          />
        ))}
        <path
          d={pathOf(heads)}
          fill="none"
          stroke="#000"
          strokeWidth={Math.min(rod.diameterMm, 1.5)}
          strokeLinejoin="round"
          data-testid="rod-polyline"
        />
        {layout.heads.map(({ level, at }, i) => {
          const bend = level === undefined ? undefined : bendAt.get(level);
          const labelAbove = i % 2 === 0;
          return (
            <g key={`${level ?? i}`} data-level={level}>
              <line x1={at[0]} y1={at[1] - 3} x2={at[0]} y2={at[1] + 3} stroke="#b00020" strokeWidth={0.4} />
              <circle cx={at[0]} cy={at[1]} r={1.2} fill="none" stroke="#b00020" strokeWidth={0.3} />
              <text
                x={at[0]}
                y={labelAbove ? at[1] - 4.5 : at[1] + 7}
                fontSize={3.2}
                textAnchor="middle"
                fontFamily="sans-serif"
              >
                {level ?? ''}
              </text>
              {bend !== undefined && (
                <text
                  x={at[0]}
                  y={labelAbove ? at[1] + 7 : at[1] - 4.5}
                  fontSize={2.6}
                  textAnchor="middle"
                  fontFamily="sans-serif"
                  fill="#444"
                >
                  {formatNumber(bend)}°
                </text>
              )}
            </g>
          );
        })}
        {top !== undefined && bottom !== undefined && (
          <>
            <text x={2} y={5} fontSize={3} fontFamily="sans-serif" fill="#444">
              ← cranial (top screw) · anterior up
            </text>
            <text
              x={layout.widthMm - 2}
              y={layout.heightMm - 2}
              fontSize={3}
              textAnchor="end"
              fontFamily="sans-serif"
              fill="#444"
            >
              caudal (bottom screw) →
            </text>
          </>
        )}
      </svg>
      <table className="plan-table rod-bends" aria-label={`${rod.side} rod bends`}>
        <thead>
          <tr>
            <th>Screw</th>
            <th>Bend (lordotic +)</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => (
            <tr key={level} data-level={level}>
              <th scope="row">{level}</th>
              <td>{bendAt.has(level) ? `${formatNumber(bendAt.get(level))}°` : 'end screw'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rod.notes.length > 0 && <p className="plan-hint">{rod.notes.join('; ')}.</p>}
    </figure>
  );
}

/** The scale check: an SVG exactly 100 mm wide. */
export function ScaleBar() {
  return (
    <figure className="rod-scale">
      <svg
        data-testid="scale-bar"
        width="100mm"
        height="10mm"
        viewBox="0 0 100 10"
        role="img"
        aria-label="100 mm scale bar"
      >
        <rect x={0} y={2} width={100} height={3} fill="#000" />
        {Array.from({ length: 11 }, (_, i) => (
          <line key={i} x1={i * 10} y1={0} x2={i * 10} y2={7} stroke="#000" strokeWidth={0.3} />
        ))}
        <text x={0.2} y={9.8} fontSize={2.6} fontFamily="sans-serif">
          0
        </text>
        <text x={99.8} y={9.8} fontSize={2.6} textAnchor="end" fontFamily="sans-serif">
          100 mm
        </text>
      </svg>
      <figcaption>check: this bar measures 100 mm at 100 % print scale</figcaption>
    </figure>
  );
}
