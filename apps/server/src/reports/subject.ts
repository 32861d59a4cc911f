import { ageOn } from './caseFilms.js';
import { unshownCharacters } from './pdfText.js';
import { COLORS, type Cell, type ReportWriter } from './pdfWriter.js';
import type { CaseSubject } from './reportRepository.js';

// Who a clinical document is about: the patient's name, MRN, birth date and sex on every page, and the case.

export type ReportSubject = CaseSubject & { readonly on: Date };

const DIAGNOSIS_TEXT = (diagnosis: string): string => diagnosis.replace(/-/g, ' ');

/** The line in every page's header. */
export function identityLine(subject: ReportSubject): string {
  return `${subject.name} · MRN ${subject.mrn} · born ${subject.birth_date} · ${subject.sex}`;
}

export function subjectRows(writer: ReportWriter, subject: ReportSubject): Cell[][] {
  const age = ageOn(subject.birth_date, subject.on);
  // DejaVu Sans shows the names of Latin, Greek and Cyrillic script exactly; a character it lacks (e.g. CJK)
  // prints as '?', and only then does the document say so.
  const unshown = unshownCharacters(writer.bold, subject.name);
  return [
    ['Patient', { text: subject.name, bold: true }],
    ...(unshown === ''
      ? []
      : [
          [
            'Note',
            {
              text: "the name has characters this document's font cannot show, printed as ?. Identify the patient by the MRN.",
              color: COLORS.missed,
            },
          ] as Cell[],
        ]),
    ['MRN', { text: subject.mrn, bold: true }],
    ['Birth date', `${subject.birth_date}${age === undefined ? '' : ` (${age} years)`}`],
    ['Sex', subject.sex],
    ['Diagnosis', DIAGNOSIS_TEXT(subject.diagnosis)],
    [
      'Case',
      `status ${subject.status}; surgeon ${subject.surgeon_name ?? 'not assigned'}${subject.description === '' ? '' : `; ${subject.description}`}`,
    ],
  ];
}
