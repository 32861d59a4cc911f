import type { SurgicalPlan } from '@spinerecon/core';

// What a plan (or the operation's `performed` part) does, in numbers and in one line: the research export
// carries the numbers, the FHIR Procedure the line. Nothing typed by a person (titles, notes) is in it.

export interface PlanSummary {
  readonly upperInstrumentedVertebra: string | null;
  readonly lowerInstrumentedVertebra: string | null;
  readonly pelvicFixation: string | null;
  readonly osteotomies: readonly {
    readonly level: string;
    readonly grade: number;
    readonly angleDeg: number | null;
  }[];
  readonly cageCount: number;
  readonly vertebralBodyReplacementCount: number;
  readonly screwCount: number;
  readonly rodCount: number;
  readonly rodMaterials: readonly string[];
  readonly graftTypes: readonly string[];
}

export function summarisePlan(plan: SurgicalPlan): PlanSummary {
  return {
    upperInstrumentedVertebra: plan.fusion?.upperInstrumentedVertebra ?? null,
    lowerInstrumentedVertebra: plan.fusion?.lowerInstrumentedVertebra ?? null,
    pelvicFixation: plan.fusion?.pelvicFixation ?? null,
    osteotomies: plan.osteotomies.map((o) => ({
      level: o.level,
      grade: o.grade,
      angleDeg: o.angleDeg ?? null,
    })),
    cageCount: plan.cages.length,
    vertebralBodyReplacementCount: plan.vertebralBodyReplacements.length,
    screwCount: plan.screws.length,
    rodCount: plan.rods.length,
    rodMaterials: [...new Set(plan.rods.map((rod) => rod.material))].sort(),
    graftTypes: [...(plan.boneGraft?.types ?? [])],
  };
}

/** "Fusion T10–S1 (S2AI); osteotomies L3 grade 3 30°; 1 cage; 16 screws; 2 rods (cobalt-chromium)". */
export function describePlan(plan: SurgicalPlan): string {
  const s = summarisePlan(plan);
  const parts: string[] = [];
  if (s.upperInstrumentedVertebra !== null && s.lowerInstrumentedVertebra !== null) {
    const pelvis = s.pelvicFixation === null || s.pelvicFixation === 'none' ? '' : ` (${s.pelvicFixation})`;
    parts.push(`fusion ${s.upperInstrumentedVertebra}–${s.lowerInstrumentedVertebra}${pelvis}`);
  }
  if (s.osteotomies.length > 0) {
    const list = s.osteotomies.map(
      (o) => `${o.level} grade ${o.grade}${o.angleDeg === null ? '' : ` ${o.angleDeg}°`}`,
    );
    parts.push(`osteotomies ${list.join(', ')}`);
  }
  const count = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
  parts.push(...count(s.cageCount, 'cage', 'cages'));
  parts.push(
    ...count(s.vertebralBodyReplacementCount, 'vertebral body replacement', 'vertebral body replacements'),
  );
  parts.push(...count(s.screwCount, 'screw', 'screws'));
  if (s.rodCount > 0) parts.push(`${count(s.rodCount, 'rod', 'rods')[0]} (${s.rodMaterials.join(', ')})`);
  if (s.graftTypes.length > 0) parts.push(`graft ${s.graftTypes.join(', ')}`);
  return parts.length === 0 ? 'no elements recorded' : parts.join('; ');
}
