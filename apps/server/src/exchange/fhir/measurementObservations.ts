import {
  CORONAL_PARAMETERS,
  LATERAL_PARAMETERS,
  type CoronalOutput,
  type CurveOutput,
  type LateralOutput,
  type Unit,
} from '@spinerecon/core';
import {
  CORONAL_CODES,
  DATA_ABSENT_REASON,
  LATERAL_CODES,
  LEVEL_SYSTEM,
  MEASUREMENT_SYSTEM,
  OBSERVATION_CATEGORY,
  REPEATED_CODES,
  SNOMED,
  SPINE_BODY_SITE,
  UCUM,
  type MeasurementCode,
} from './codes.js';
import {
  codeable,
  referenceTo,
  type CodeableConcept,
  type ObservationComponent,
  type ObservationValue,
  type Quantity,
  type Resource,
} from './fhirTypes.js';
import { resourceId } from './resourceIds.js';

// One Observation per measurement of a radiograph (the core's spinerecon.measurements/1 output): a value in
// UCUM degrees or millimetres, or — when the core could not compute it — a dataAbsentReason with its reason.

export interface ObservationContext {
  readonly radiographId: string;
  readonly patientId: string;
  readonly imagingStudyId: string;
  /** YYYY-MM-DD the film was taken, when known. */
  readonly takenOn: string | null;
}

// UCUM: "deg" (degree of plane angle), "mm", "%" (percent).
const UCUM_UNITS: Readonly<Record<Unit, { code: string; unit: string }>> = {
  deg: { code: 'deg', unit: 'deg' },
  mm: { code: 'mm', unit: 'mm' },
  percent: { code: '%', unit: '%' },
};

const quantity = (value: number, unit: Unit): Quantity => ({
  value,
  unit: UCUM_UNITS[unit].unit,
  system: UCUM,
  code: UCUM_UNITS[unit].code,
});

const measurement = (code: MeasurementCode): CodeableConcept =>
  codeable(MEASUREMENT_SYSTEM, code.code, code.display);

/** "not-performed": the core could not compute it from the landmarks placed; the text says what is missing. */
const absent = (reason: string): ObservationValue => ({
  dataAbsentReason: { ...codeable(DATA_ABSENT_REASON, 'not-performed', 'Not Performed'), text: reason },
});

const levelComponent = (code: MeasurementCode, name: string): ObservationComponent => ({
  code: measurement(code),
  valueCodeableConcept: codeable(LEVEL_SYSTEM, name, `${name} vertebra`),
});

function observation(
  context: ObservationContext,
  key: string,
  code: MeasurementCode,
  value: ObservationValue,
  components: readonly ObservationComponent[] = [],
): Resource {
  return {
    resourceType: 'Observation',
    id: resourceId(context.radiographId, key),
    status: 'preliminary',
    category: [codeable(OBSERVATION_CATEGORY, 'imaging', 'Imaging')],
    code: measurement(code),
    subject: referenceTo(context.patientId),
    ...(context.takenOn === null ? {} : { effectiveDateTime: context.takenOn }),
    bodySite: codeable(SNOMED, SPINE_BODY_SITE.code, SPINE_BODY_SITE.display),
    method: {
      text: 'Computed by SpineRecon (@spinerecon/core) from landmarks placed on the radiograph; decision support, to be checked by the surgeon',
    },
    derivedFrom: [referenceTo(context.imagingStudyId)],
    ...value,
    ...(components.length === 0 ? {} : { component: components }),
  };
}

/** One Observation per named parameter of a view: its value, or the core's reason it has none. */
function parameterObservations<K extends string>(
  context: ObservationContext,
  view: 'lateral' | 'coronal',
  parameters: Readonly<Record<K, { readonly unit: Unit }>>,
  codes: Readonly<Record<K, MeasurementCode>>,
  output: {
    readonly values: Partial<Record<K, number>>;
    readonly unavailable: Readonly<Record<string, string>>;
  },
): Resource[] {
  const resources: Resource[] = [];
  for (const key of Object.keys(parameters) as K[]) {
    const value = output.values[key];
    const reason = output.unavailable[key];
    if (value === undefined && reason === undefined) continue;
    resources.push(
      observation(
        context,
        `${view}/${key}`,
        codes[key],
        value === undefined ? absent(reason ?? '') : { valueQuantity: quantity(value, parameters[key].unit) },
      ),
    );
  }
  return resources;
}

function lateralObservations(context: ObservationContext, output: LateralOutput): Resource[] {
  const resources = parameterObservations(context, 'lateral', LATERAL_PARAMETERS, LATERAL_CODES, output);
  for (const segment of output.segments) {
    resources.push(
      observation(
        context,
        `segment/${segment.upper}-${segment.lower}`,
        REPEATED_CODES.discAngle,
        { valueQuantity: quantity(segment.discAngleDeg, 'deg') },
        [
          levelComponent(REPEATED_CODES.upperVertebra, segment.upper),
          levelComponent(REPEATED_CODES.lowerVertebra, segment.lower),
        ],
      ),
    );
  }
  for (const listhesis of output.listheses) {
    resources.push(
      observation(
        context,
        `listhesis/${listhesis.upper}-${listhesis.lower}`,
        REPEATED_CODES.slip,
        { valueQuantity: quantity(listhesis.slipPercent, 'percent') },
        [
          levelComponent(REPEATED_CODES.upperVertebra, listhesis.upper),
          levelComponent(REPEATED_CODES.lowerVertebra, listhesis.lower),
          ...(listhesis.meyerdingGrade === undefined
            ? []
            : [{ code: measurement(REPEATED_CODES.meyerdingGrade), valueInteger: listhesis.meyerdingGrade }]),
        ],
      ),
    );
  }
  return resources;
}

function curveObservation(
  context: ObservationContext,
  curve: CurveOutput,
  index: number,
  unavailable: Readonly<Record<string, string>>,
): Resource {
  const translationReason = unavailable[`curves[${index}].apicalTranslationMm`];
  const translation: ObservationComponent =
    curve.apicalTranslationMm === undefined
      ? { code: measurement(REPEATED_CODES.apicalTranslation), ...absent(translationReason ?? '') }
      : {
          code: measurement(REPEATED_CODES.apicalTranslation),
          valueQuantity: quantity(curve.apicalTranslationMm, 'mm'),
        };
  return observation(
    context,
    `curve/${index}`,
    REPEATED_CODES.curveCobb,
    { valueQuantity: quantity(curve.cobbDeg, 'deg') },
    [
      levelComponent(REPEATED_CODES.upperEndVertebra, curve.upperEnd),
      levelComponent(REPEATED_CODES.lowerEndVertebra, curve.lowerEnd),
      levelComponent(REPEATED_CODES.apicalVertebra, curve.apex),
      {
        code: measurement(REPEATED_CODES.convexity),
        valueCodeableConcept: { text: `convex to the patient's ${curve.convexity}` },
      },
      translation,
    ],
  );
}

function coronalObservations(context: ObservationContext, output: CoronalOutput): Resource[] {
  const resources = parameterObservations(context, 'coronal', CORONAL_PARAMETERS, CORONAL_CODES, output);
  output.curves.forEach((curve, index) =>
    resources.push(curveObservation(context, curve, index, output.unavailable)),
  );
  return resources;
}

/** Every measurement of one radiograph's output as Observations. */
export function measurementObservations(
  context: ObservationContext,
  output: LateralOutput | CoronalOutput,
): Resource[] {
  return output.view === 'lateral'
    ? lateralObservations(context, output)
    : coronalObservations(context, output);
}
