import { FRAILTY_CATEGORIES, type CaseError, type RiskFactors, type SurgicalPlan } from '@spinerecon/core';

// The patient facts the core's risk estimates read (plan format `riskFactors`). Every field may stay unknown; the
// risk panel then says "unknown" for it rather than assuming anything.

type YesNo = 'unknown' | 'yes' | 'no';
const yesNo = (value: boolean | undefined): YesNo => (value === undefined ? 'unknown' : value ? 'yes' : 'no');
const fromYesNo = (value: YesNo): boolean | undefined => (value === 'unknown' ? undefined : value === 'yes');

const FLAGS: readonly (readonly [
  keyof RiskFactors & ('smoker' | 'osteoporosis' | 'previousSpineFusion' | 'hypertension'),
  string,
])[] = [
  ['smoker', 'Smoker'],
  ['osteoporosis', 'Osteoporosis'],
  ['previousSpineFusion', 'Previous spinal fusion'],
  ['hypertension', 'Hypertension'],
];

/** The factors without the undefined ones (the plan format has no nulls). */
function withFactor(factors: RiskFactors, key: keyof RiskFactors, value: unknown): RiskFactors | undefined {
  const next: Record<string, unknown> = { ...factors, [key]: value };
  const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length === 0 ? undefined : (kept as RiskFactors);
}

export function RiskFactorSection(props: {
  readonly plan: SurgicalPlan;
  readonly set: (patch: Partial<SurgicalPlan>) => void;
  readonly errors: readonly CaseError[];
}) {
  const factors = props.plan.riskFactors ?? {};
  const update = (key: keyof RiskFactors, value: unknown) =>
    props.set({ riskFactors: withFactor(factors, key, value) });
  return (
    <fieldset className="plan-section" data-section="risk-factors">
      <legend>Patient risk factors</legend>
      <div className="plan-row">
        <label className="plan-field">
          <span>BMI (kg/m²)</span>
          <input
            type="number"
            step="0.1"
            min={10}
            max={80}
            value={factors.bmiKgM2 ?? ''}
            onChange={(e) => update('bmiKgM2', e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </label>
        <label className="plan-field">
          <span>ASA class</span>
          <select
            value={factors.asaClass === undefined ? '' : String(factors.asaClass)}
            onChange={(e) => update('asaClass', e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">unknown</option>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                ASA {n}
              </option>
            ))}
          </select>
        </label>
        <label className="plan-field">
          <span>Frailty (ASD frailty index)</span>
          <select
            value={factors.frailty ?? ''}
            onChange={(e) => update('frailty', e.target.value === '' ? undefined : e.target.value)}
          >
            <option value="">unknown</option>
            {FRAILTY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="plan-row">
        {FLAGS.map(([key, label]) => (
          <label className="plan-field" key={key}>
            <span>{label}</span>
            <select
              value={yesNo(factors[key])}
              onChange={(e) => update(key, fromYesNo(e.target.value as YesNo))}
            >
              <option value="unknown">unknown</option>
              <option value="yes">yes</option>
              <option value="no">no</option>
            </select>
          </label>
        ))}
      </div>
      {props.errors.length === 0 ? null : (
        <ul className="plan-errors" role="alert">
          {props.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
