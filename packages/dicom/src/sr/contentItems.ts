// Builders for SR content items in dcmjs naturalized form (PS3.3 C.17.3 SR Document Content Module).
import { randomUUID } from 'node:crypto';
import type { NaturalDataset } from '../part10/dcmjs.js';
import type { Code } from './codes.js';

export type ContentItem = NaturalDataset;

export type RelationshipType =
  'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM' | 'SELECTED FROM';

/** A new UID under the 2.25 root from a random UUID (PS3.5 Annex B.2). */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`).toString()}`;
}

/**
 * A number as a Decimal String: at most 16 characters (PS3.5 Table 6.2-1, DS). The exact value travels
 * beside it in Floating Point Value (FD), so rounding here loses nothing.
 */
export function decimalString(value: number): string {
  const plain = String(value);
  if (plain.length <= 16) return plain;
  for (let digits = 15; digits > 0; digits--) {
    const text = value.toPrecision(digits).replace('e+', 'e');
    if (text.length <= 16 && Number.isFinite(Number(text))) return text;
  }
  // Rounding overflowed (values next to ±Number.MAX_VALUE): truncate the mantissa instead.
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const tail = `e${exponent.replace('+', '')}`;
  return mantissa.slice(0, 16 - tail.length) + tail;
}

const withChildren = (item: ContentItem, children: readonly ContentItem[] | undefined): ContentItem =>
  children && children.length > 0 ? { ...item, ContentSequence: [...children] } : item;

export function container(
  relationship: RelationshipType,
  concept: Code,
  children: readonly ContentItem[],
): ContentItem {
  return withChildren(
    {
      RelationshipType: relationship,
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [concept],
      ContinuityOfContent: 'SEPARATE', // PS3.3 C.17.3.2.2: items are independent, not running text
    },
    children,
  );
}

export function codeItem(
  relationship: RelationshipType,
  concept: Code,
  value: Code,
  children?: readonly ContentItem[],
): ContentItem {
  return withChildren(
    {
      RelationshipType: relationship,
      ValueType: 'CODE',
      ConceptNameCodeSequence: [concept],
      ConceptCodeSequence: [value],
    },
    children,
  );
}

export function textItem(relationship: RelationshipType, concept: Code, text: string): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'TEXT',
    ConceptNameCodeSequence: [concept],
    TextValue: text,
  };
}

export function uidItem(relationship: RelationshipType, concept: Code, uid: string): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'UIDREF',
    ConceptNameCodeSequence: [concept],
    UID: uid,
  };
}

export function personItem(relationship: RelationshipType, concept: Code, name: string): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'PNAME',
    ConceptNameCodeSequence: [concept],
    PersonName: name,
  };
}

/**
 * A NUM item (PS3.3 C.18.1 Numeric Measurement Macro): the value as DS for every reader, and exactly as
 * Floating Point Value (0040,A161) FD, which C.18.1 allows beside the DS.
 */
export function numItem(
  relationship: RelationshipType,
  concept: Code,
  value: number,
  unit: Code,
  children?: readonly ContentItem[],
): ContentItem {
  return withChildren(
    {
      RelationshipType: relationship,
      ValueType: 'NUM',
      ConceptNameCodeSequence: [concept],
      MeasuredValueSequence: [
        {
          MeasurementUnitsCodeSequence: [unit],
          NumericValue: decimalString(value),
          FloatingPointValue: value,
        },
      ],
    },
    children,
  );
}

export interface ImageReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
}

export function referencedSop(image: ImageReference): NaturalDataset {
  return { ReferencedSOPClassUID: image.sopClassUid, ReferencedSOPInstanceUID: image.sopInstanceUid };
}

export function imageItem(relationship: RelationshipType, image: ImageReference): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [referencedSop(image)],
  };
}

/**
 * A 2D spatial coordinate on the image (PS3.3 C.18.6 Spatial Coordinates Macro), with the image it is
 * selected from (PS3.3 Table A.35.2-2: SCOORD SELECTED FROM IMAGE). Graphic Data is FL (32-bit).
 */
export function scoordItem(
  relationship: RelationshipType,
  concept: Code | undefined,
  graphicType: 'POINT' | 'CIRCLE' | 'POLYLINE' | 'MULTIPOINT',
  graphicData: readonly number[],
  image: ImageReference,
): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'SCOORD',
    ...(concept === undefined ? {} : { ConceptNameCodeSequence: [concept] }),
    GraphicType: graphicType,
    GraphicData: graphicData.map((v) => Math.fround(v)),
    ContentSequence: [imageItem('SELECTED FROM', image)],
  };
}
