import { RiskFactorSection } from './RiskFactorSection';
import { ScrewSizingTable } from './ScrewSizingTable';
import {
  CAGE_APPROACHES,
  GRAFT_TYPES,
  LEVELS,
  levelIndex,
  OSTEOTOMY_GRADES,
  PELVIC_FIXATIONS,
  ROD_MATERIALS,
  SIDES,
  type Cage,
  type CaseError,
  type GraftType,
  type Implants,
  type Level,
  type Osteotomy,
  type Rod,
  type SchwabGrade,
  type Screw,
  type SurgicalPlan,
  type VertebralBodyReplacement,
} from '@spinerecon/core';
import type { ReactNode } from 'react';
import { errorsAt, formatNumber } from './planModel';

// The plan editor: every part of a `spinerecon.plan/1` as a form. The draft may be invalid while typed (an
// empty number is NaN); the core's validatePlan says what is wrong, next to the field.

const GRADES: readonly SchwabGrade[] = [1, 2, 3, 4, 5, 6];
/** Vertebrae that can be cut or fused (C1…L5) and discs (named by the vertebra above: C2…L5). */
const VERTEBRAE: readonly Level[] = LEVELS.filter((l) => l !== 'S1');
const DISCS: readonly Level[] = LEVELS.filter((l) => l !== 'S1' && l !== 'C1');
/**
 * Starting values for a new screw or rod, for the surgeon to edit: not computed and not a suggestion (a lateral
 * film shows neither the pedicle width nor the screw's path; sizeImplants says so and gives the body depth).
 */
const NEW_SCREW = { diameterMm: 6.5, lengthMm: 45 } as const;
const NEW_ROD = { material: 'cobalt-chromium', diameterMm: 6 } as const;

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
const shown = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '' : String(value);

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}
const removeAt = <T,>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

function Errors({ errors }: { readonly errors: readonly CaseError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="plan-errors" role="alert">
      {errors.map((e) => (
        <li key={`${e.path}:${e.message}`}>
          <span className="mono">{e.path}</span>: {e.message}
        </li>
      ))}
    </ul>
  );
}

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <label className="plan-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function NumberInput(props: {
  readonly label: string;
  readonly value: number | undefined;
  readonly onChange: (value: number) => void;
  readonly step?: number;
  readonly name?: string;
}) {
  return (
    <Field label={props.label}>
      <input
        type="number"
        inputMode="decimal"
        step={props.step ?? 'any'}
        name={props.name}
        value={shown(props.value)}
        onChange={(e) => props.onChange(num(e.target.value))}
      />
    </Field>
  );
}

/** A number in a table cell, named for assistive technology by its column. */
function CellNumber(props: {
  readonly label: string;
  readonly value: number | undefined;
  readonly onChange: (value: number) => void;
}) {
  return (
    <input
      aria-label={props.label}
      type="number"
      step="any"
      value={shown(props.value)}
      onChange={(e) => props.onChange(num(e.target.value))}
    />
  );
}

function Select<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly onChange: (value: T) => void;
  readonly text?: (value: T) => string;
}) {
  return (
    <Field label={props.label}>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.text ? props.text(o) : o}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface PlanEditorProps {
  readonly plan: SurgicalPlan;
  readonly onChange: (plan: SurgicalPlan) => void;
  readonly errors: readonly CaseError[];
  /** sizeImplants of the current plan on the predicted spine, when it could be simulated. */
  readonly implants: Implants | undefined;
}

export function PlanEditor({ plan, onChange, errors, implants }: PlanEditorProps) {
  const set = (patch: Partial<SurgicalPlan>) => onChange({ ...plan, ...patch });
  const general = errors.filter(
    (e) =>
      ![
        '$.fusion',
        '$.osteotomies',
        '$.cages',
        '$.vertebralBodyReplacements',
        '$.screws',
        '$.rods',
        '$.boneGraft',
        '$.riskFactors',
      ].some((prefix) => e.path.startsWith(prefix)),
  );
  return (
    <div className="plan-editor">
      <Errors errors={general} />
      <FusionSection plan={plan} set={set} errors={errorsAt(errors, '$.fusion')} />
      <OsteotomySection plan={plan} set={set} errors={errors} />
      <CageSection plan={plan} set={set} errors={errors} />
      <ReplacementSection plan={plan} set={set} errors={errors} />
      <ScrewSection plan={plan} set={set} errors={errors} implants={implants} />
      <RodSection plan={plan} set={set} errors={errors} implants={implants} />
      <GraftSection plan={plan} set={set} errors={errorsAt(errors, '$.boneGraft')} />
      <RiskFactorSection plan={plan} set={set} errors={errorsAt(errors, '$.riskFactors')} />
    </div>
  );
}

interface SectionProps {
  readonly plan: SurgicalPlan;
  readonly set: (patch: Partial<SurgicalPlan>) => void;
  readonly errors: readonly CaseError[];
}

function FusionSection({ plan, set, errors }: SectionProps) {
  const fusion = plan.fusion;
  return (
    <fieldset className="plan-section" data-section="fusion">
      <legend>Fusion range</legend>
      <label className="inline plan-check">
        <input
          type="checkbox"
          checked={fusion !== undefined}
          onChange={(e) => {
            if (e.target.checked) {
              set({
                fusion: {
                  upperInstrumentedVertebra: 'T10',
                  lowerInstrumentedVertebra: 'S1',
                  pelvicFixation: 'none',
                },
              });
            } else {
              set({ fusion: undefined });
            }
          }}
        />
        Fusion
      </label>
      {fusion !== undefined && (
        <div className="plan-row">
          <Select
            label="UIV"
            value={fusion.upperInstrumentedVertebra}
            options={VERTEBRAE}
            onChange={(v) => set({ fusion: { ...fusion, upperInstrumentedVertebra: v } })}
          />
          <Select
            label="LIV"
            value={fusion.lowerInstrumentedVertebra}
            options={LEVELS}
            onChange={(v) => set({ fusion: { ...fusion, lowerInstrumentedVertebra: v } })}
          />
          <Select
            label="Pelvic fixation"
            value={fusion.pelvicFixation}
            options={PELVIC_FIXATIONS}
            onChange={(v) => set({ fusion: { ...fusion, pelvicFixation: v } })}
          />
        </div>
      )}
      <Errors errors={errors} />
    </fieldset>
  );
}

function OsteotomySection({ plan, set, errors }: SectionProps) {
  const update = (i: number, o: Osteotomy) => set({ osteotomies: replaceAt(plan.osteotomies, i, o) });
  const withGrade = (o: Osteotomy, grade: SchwabGrade): Osteotomy => {
    const def = OSTEOTOMY_GRADES[grade].defaultAngleDeg;
    const { angleDeg: _a, levels: _l, ...rest } = o;
    void _a;
    void _l;
    return {
      ...rest,
      grade,
      ...(def === null ? {} : { angleDeg: def }),
      ...(grade === 6 ? { levels: [o.level] } : {}),
    };
  };
  return (
    <fieldset className="plan-section" data-section="osteotomies">
      <legend>Osteotomies (Schwab grade)</legend>
      {plan.osteotomies.map((o, i) => {
        const grade = OSTEOTOMY_GRADES[o.grade];
        const levelIndex = VERTEBRAE.indexOf(o.level);
        const count = o.levels?.length ?? 1;
        return (
          <div className="plan-item" key={i} data-osteotomy={i}>
            <div className="plan-row">
              <Select
                label="Level"
                value={o.level}
                options={VERTEBRAE}
                onChange={(level) =>
                  update(i, {
                    ...o,
                    level,
                    ...(o.grade === 6
                      ? { levels: VERTEBRAE.slice(VERTEBRAE.indexOf(level)).slice(0, count) }
                      : {}),
                  })
                }
              />
              <Field label="Grade">
                <select
                  value={o.grade}
                  onChange={(e) => update(i, withGrade(o, Number(e.target.value) as SchwabGrade))}
                >
                  {GRADES.map((g) => (
                    <option key={g} value={g}>
                      {g} — {OSTEOTOMY_GRADES[g].name}
                    </option>
                  ))}
                </select>
              </Field>
              <NumberInput
                label={o.grade >= 5 ? 'Angle left (°)' : 'Correction (°)'}
                name="osteotomy-angle"
                value={o.angleDeg}
                onChange={(angleDeg) => update(i, { ...o, angleDeg })}
              />
              {o.grade === 6 && (
                <NumberInput
                  label="Vertebrae resected"
                  value={count}
                  step={1}
                  onChange={(n) =>
                    update(i, {
                      ...o,
                      levels: VERTEBRAE.slice(
                        levelIndex,
                        levelIndex + (Number.isInteger(n) && n > 0 ? n : 1),
                      ),
                    })
                  }
                />
              )}
              <button
                type="button"
                className="small secondary"
                onClick={() => set({ osteotomies: removeAt(plan.osteotomies, i) })}
              >
                Remove
              </button>
            </div>
            <p className="plan-hint">
              Resection: {grade.resection}. Default angle:{' '}
              {grade.defaultAngleDeg === null ? 'none published' : `${grade.defaultAngleDeg}°`}
              {grade.publishedRangeDeg === null
                ? ''
                : ` (published ${grade.publishedRangeDeg.min}–${grade.publishedRangeDeg.max}°)`}
              . {grade.note}
            </p>
            <Errors errors={errorsAt(errors, `$.osteotomies[${i}]`)} />
          </div>
        );
      })}
      <button
        type="button"
        className="small secondary"
        onClick={() =>
          set({
            osteotomies: [
              ...plan.osteotomies,
              { level: 'L3', grade: 3, angleDeg: OSTEOTOMY_GRADES[3].defaultAngleDeg ?? 30 },
            ],
          })
        }
      >
        Add osteotomy
      </button>
    </fieldset>
  );
}

function CageSection({ plan, set, errors }: SectionProps) {
  const update = (i: number, c: Cage) => set({ cages: replaceAt(plan.cages, i, c) });
  return (
    <fieldset className="plan-section" data-section="cages">
      <legend>Interbody cages</legend>
      {plan.cages.map((c, i) => (
        <div className="plan-item" key={i}>
          <div className="plan-row">
            <Select
              label="Disc (below)"
              value={c.disc}
              options={DISCS}
              text={(l) => `${l}–${LEVELS[LEVELS.indexOf(l) + 1] ?? ''}`}
              onChange={(disc) => update(i, { ...c, disc })}
            />
            <Field label="Approach">
              <select
                value={c.approach ?? ''}
                onChange={(e) => {
                  const { approach: _a, ...rest } = c;
                  void _a;
                  const value = CAGE_APPROACHES.find((a) => a === e.target.value);
                  update(i, value === undefined ? rest : { ...rest, approach: value });
                }}
              >
                <option value="">undecided</option>
                {CAGE_APPROACHES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </Field>
            <NumberInput
              label="Height (mm)"
              value={c.heightMm}
              onChange={(heightMm) => update(i, { ...c, heightMm })}
            />
            <NumberInput
              label="Lordotic angle (°)"
              value={c.lordoticAngleDeg}
              onChange={(lordoticAngleDeg) => update(i, { ...c, lordoticAngleDeg })}
            />
            <button
              type="button"
              className="small secondary"
              onClick={() => set({ cages: removeAt(plan.cages, i) })}
            >
              Remove
            </button>
          </div>
          <Errors errors={errorsAt(errors, `$.cages[${i}]`)} />
        </div>
      ))}
      <button
        type="button"
        className="small secondary"
        onClick={() =>
          set({
            cages: [...plan.cages, { disc: 'L4', approach: 'TLIF', heightMm: 10, lordoticAngleDeg: 10 }],
          })
        }
      >
        Add cage
      </button>
    </fieldset>
  );
}

function ReplacementSection({ plan, set, errors }: SectionProps) {
  const update = (i: number, r: VertebralBodyReplacement) =>
    set({ vertebralBodyReplacements: replaceAt(plan.vertebralBodyReplacements, i, r) });
  return (
    <fieldset className="plan-section" data-section="vbr">
      <legend>Vertebral body replacement</legend>
      {plan.vertebralBodyReplacements.map((r, i) => {
        const first = r.levelsRemoved[0] ?? 'L1';
        const last = r.levelsRemoved[r.levelsRemoved.length - 1] ?? first;
        const span = (from: Level, to: Level): Level[] => {
          const a = VERTEBRAE.indexOf(from);
          const b = VERTEBRAE.indexOf(to);
          return VERTEBRAE.slice(Math.min(a, b), Math.max(a, b) + 1);
        };
        return (
          <div className="plan-item" key={i}>
            <div className="plan-row">
              <Select
                label="Removed from"
                value={first}
                options={VERTEBRAE}
                onChange={(v) => update(i, { ...r, levelsRemoved: span(v, last) })}
              />
              <Select
                label="to"
                value={last}
                options={VERTEBRAE}
                onChange={(v) => update(i, { ...r, levelsRemoved: span(first, v) })}
              />
              <NumberInput
                label="Height (mm)"
                value={r.heightMm}
                onChange={(heightMm) => update(i, { ...r, heightMm })}
              />
              <NumberInput
                label="Angle (°)"
                value={r.angleDeg}
                onChange={(angleDeg) => update(i, { ...r, angleDeg })}
              />
              <button
                type="button"
                className="small secondary"
                onClick={() =>
                  set({ vertebralBodyReplacements: removeAt(plan.vertebralBodyReplacements, i) })
                }
              >
                Remove
              </button>
            </div>
            <Errors errors={errorsAt(errors, `$.vertebralBodyReplacements[${i}]`)} />
          </div>
        );
      })}
      <button
        type="button"
        className="small secondary"
        onClick={() =>
          set({
            vertebralBodyReplacements: [
              ...plan.vertebralBodyReplacements,
              { levelsRemoved: ['L1'], heightMm: Number.NaN, angleDeg: Number.NaN },
            ],
          })
        }
      >
        Add replacement
      </button>
    </fieldset>
  );
}

function ScrewSection({
  plan,
  set,
  errors,
  implants,
}: SectionProps & { readonly implants: Implants | undefined }) {
  const update = (i: number, s: Screw) => set({ screws: replaceAt(plan.screws, i, s) });
  const levels = implants?.instrumentedLevels ?? [];
  const missing = levels.flatMap((level) =>
    SIDES.filter((side) => !plan.screws.some((s) => s.level === level && s.side === side)).map(
      (side): Screw => {
        const sizing = implants?.screws.find((s) => s.level === level);
        return {
          level,
          side,
          diameterMm: sizing?.suggestedMaxDiameterMm ?? NEW_SCREW.diameterMm,
          lengthMm: NEW_SCREW.lengthMm,
        };
      },
    ),
  );
  return (
    <fieldset className="plan-section" data-section="screws">
      <legend>Pedicle screws</legend>
      {implants?.undetermined !== undefined ? (
        <p className="plan-hint">Screw sizing: {implants.undetermined}.</p>
      ) : (
        levels.length > 0 && (
          <p className="plan-hint">
            Instrumented levels (sizeImplants): {levels.join(', ')}.{' '}
            {missing.length > 0 && (
              <button
                type="button"
                className="small secondary"
                onClick={() => set({ screws: [...plan.screws, ...missing] })}
              >
                Add the {missing.length} missing screws (both sides of each level)
              </button>
            )}{' '}
            Added screws start at {NEW_SCREW.diameterMm} × {NEW_SCREW.lengthMm} mm (starting values to edit,
            not a suggestion), or at the diameter limit where a pedicle width was entered.
          </p>
        )
      )}
      {implants === undefined || implants.undetermined !== undefined ? null : (
        <ScrewSizingTable implants={implants} />
      )}
      {plan.screws.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th>Level</th>
              <th>Side</th>
              <th>⌀ mm</th>
              <th>Length mm</th>
              <th>Pedicle width mm (CT)</th>
              <th>Body depth / check</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plan.screws.map((s, i) => {
              const sizing = implants?.screws.find((l) => l.level === s.level);
              const check = sizing?.screws.find((c) => c.side === s.side);
              return (
                <tr key={i}>
                  <td>
                    <select
                      aria-label="Screw level"
                      value={s.level}
                      onChange={(e) => update(i, { ...s, level: e.target.value as Level })}
                    >
                      {LEVELS.map((l) => (
                        <option key={l}>{l}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label="Screw side"
                      value={s.side}
                      onChange={(e) => update(i, { ...s, side: e.target.value as Screw['side'] })}
                    >
                      {SIDES.map((side) => (
                        <option key={side}>{side}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <CellNumber
                      label="Screw diameter (mm)"
                      value={s.diameterMm}
                      onChange={(diameterMm) => update(i, { ...s, diameterMm })}
                    />
                  </td>
                  <td>
                    <CellNumber
                      label="Screw length (mm)"
                      value={s.lengthMm}
                      onChange={(lengthMm) => update(i, { ...s, lengthMm })}
                    />
                  </td>
                  <td>
                    <CellNumber
                      label="Pedicle width (mm)"
                      value={s.pedicleWidthMm}
                      onChange={(pedicleWidthMm) => {
                        const { pedicleWidthMm: _unset, ...rest } = s;
                        update(i, Number.isNaN(pedicleWidthMm) ? rest : { ...rest, pedicleWidthMm });
                      }}
                    />
                  </td>
                  <td className="plan-small">
                    {sizing === undefined
                      ? '—'
                      : `depth ${formatNumber(sizing.bodyDepthMm)} mm` +
                        (check === undefined || check.maxDiameterMm === null
                          ? ''
                          : `; max ⌀ ${formatNumber(check.maxDiameterMm)} mm ${check.diameterWithinLimit === true ? '✓' : '✗ over the limit'}`)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() => set({ screws: removeAt(plan.screws, i) })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Errors errors={errorsAt(errors, '$.screws')} />
    </fieldset>
  );
}

function RodSection({
  plan,
  set,
  errors,
  implants,
}: SectionProps & { readonly implants: Implants | undefined }) {
  const update = (i: number, r: Rod) => set({ rods: replaceAt(plan.rods, i, r) });
  const missingSides = SIDES.filter((side) => !plan.rods.some((r) => r.side === side));
  return (
    <fieldset className="plan-section" data-section="rods">
      <legend>Rods</legend>
      {plan.rods.map((r, i) => {
        const geometry = implants?.rods[i];
        return (
          <div className="plan-item" key={i} data-rod={r.side}>
            <div className="plan-row">
              <Select
                label="Side"
                value={r.side}
                options={SIDES}
                onChange={(side) => update(i, { ...r, side })}
              />
              <Select
                label="Material"
                value={r.material}
                options={ROD_MATERIALS}
                onChange={(material) => update(i, { ...r, material })}
              />
              <NumberInput
                label="⌀ (mm)"
                value={r.diameterMm}
                onChange={(diameterMm) => update(i, { ...r, diameterMm })}
              />
              <NumberInput
                label="Overhang (mm)"
                value={r.overhangMm}
                onChange={(value) => {
                  const { overhangMm: _o, ...rest } = r;
                  void _o;
                  update(i, Number.isNaN(value) ? rest : { ...rest, overhangMm: value });
                }}
              />
              <button
                type="button"
                className="small secondary"
                onClick={() => set({ rods: removeAt(plan.rods, i) })}
              >
                Remove
              </button>
            </div>
            {geometry !== undefined &&
              ('undetermined' in geometry ? (
                <p className="plan-hint">Rod geometry: {geometry.undetermined}</p>
              ) : (
                <p className="plan-hint" data-rod-length={geometry.lengthMm}>
                  Length {formatNumber(geometry.lengthMm)} mm; contour {formatNumber(geometry.contourDeg)}°
                  {geometry.contourOverRiskThreshold ? ' (over the 60° rod-fracture risk threshold)' : ''};
                  bends:{' '}
                  {geometry.bends.length === 0
                    ? 'none'
                    : geometry.bends.map((b) => `${b.level} ${formatNumber(b.bendDeg)}°`).join(', ')}
                  .{geometry.notes.length > 0 ? ` ${geometry.notes.join('; ')}.` : ''}
                </p>
              ))}
            <Errors errors={errorsAt(errors, `$.rods[${i}]`)} />
          </div>
        );
      })}
      {missingSides.length > 0 && (
        <button
          type="button"
          className="small secondary"
          onClick={() =>
            set({ rods: [...plan.rods, ...missingSides.map((side): Rod => ({ side, ...NEW_ROD }))] })
          }
        >
          Add {missingSides.join(' and ')} rod{missingSides.length > 1 ? 's' : ''}
        </button>
      )}
    </fieldset>
  );
}

/** The motion segments between UIV and LIV, when the range is valid. */
function fusedSegments(plan: SurgicalPlan): { readonly range: string; readonly count: number } | undefined {
  const fusion = plan.fusion;
  if (fusion === undefined) return undefined;
  const count = levelIndex(fusion.lowerInstrumentedVertebra) - levelIndex(fusion.upperInstrumentedVertebra);
  return count > 0
    ? { range: `${fusion.upperInstrumentedVertebra}–${fusion.lowerInstrumentedVertebra}`, count }
    : undefined;
}

function GraftSection({ plan, set, errors }: SectionProps) {
  const graft = plan.boneGraft;
  const segments = fusedSegments(plan);
  const types = graft?.types ?? [];
  const toggle = (type: GraftType, on: boolean) => {
    const next = on ? [...types, type] : types.filter((t) => t !== type);
    if (next.length === 0 && graft?.volumeMl === undefined) {
      set({ boneGraft: undefined });
    } else {
      set({ boneGraft: { ...graft, types: GRAFT_TYPES.filter((t) => next.includes(t)) } });
    }
  };
  return (
    <fieldset className="plan-section" data-section="graft">
      <legend>Bone graft</legend>
      <div className="plan-row">
        {GRAFT_TYPES.map((t) => (
          <label className="inline plan-check" key={t}>
            <input
              type="checkbox"
              checked={types.includes(t)}
              onChange={(e) => toggle(t, e.target.checked)}
            />
            {t}
          </label>
        ))}
      </div>
      <div className="plan-row">
        <NumberInput
          label="Estimated volume (ml)"
          name="graft-volume"
          value={graft?.volumeMl}
          onChange={(volumeMl) =>
            set({
              boneGraft: Number.isNaN(volumeMl) ? { types } : { types, volumeMl },
            })
          }
        />
      </div>
      <p className="plan-hint" data-testid="graft-volume-note">
        The estimated volume is entered by the surgeon: no published per-level graft volume could be verified,
        so none is computed.
        {segments === undefined
          ? ''
          : ` The fusion ${segments.range} spans ${segments.count} motion segment${segments.count === 1 ? '' : 's'}.`}
      </p>
      <Errors errors={errors} />
    </fieldset>
  );
}
