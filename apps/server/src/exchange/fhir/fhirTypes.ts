// The parts of FHIR R4 (https://hl7.org/fhir/R4/) that the SpineRecon export writes. Checked in the tests
// against the official FHIR R4 JSON schema.

export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Reference {
  readonly reference: string;
  readonly display?: string;
}

export interface Quantity {
  readonly value: number;
  readonly unit: string;
  readonly system: string;
  readonly code: string;
}

export interface Identifier {
  readonly system?: string;
  readonly value: string;
  readonly type?: CodeableConcept;
}

export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface Annotation {
  readonly text: string;
}

/** A value of an Observation or of one of its components. */
export type ObservationValue =
  | { readonly valueQuantity: Quantity }
  | { readonly valueCodeableConcept: CodeableConcept }
  | { readonly valueInteger: number }
  | { readonly dataAbsentReason: CodeableConcept };

export type ObservationComponent = { readonly code: CodeableConcept } & ObservationValue;

/** A FHIR resource: its type and id, and the fields of that type (checked by the tests against the schema). */
export interface Resource {
  readonly resourceType: string;
  readonly id: string;
  readonly [field: string]: unknown;
}

export interface BundleEntry {
  readonly fullUrl: string;
  readonly resource: Resource;
}

export interface Bundle {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  readonly timestamp: string;
  readonly identifier?: Identifier;
  readonly entry: readonly BundleEntry[];
  readonly [field: string]: unknown;
}

/** The reference to a resource of the bundle (its entry's fullUrl). */
export const referenceTo = (id: string, display?: string): Reference => ({
  reference: `urn:uuid:${id}`,
  ...(display === undefined ? {} : { display }),
});

export const codeable = (system: string, code: string, display?: string, text?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display === undefined ? {} : { display }) }],
  ...(text === undefined ? {} : { text }),
});
