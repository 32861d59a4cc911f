import { describe, expect, it } from 'vitest';
import { pageTexts, pdfFonts } from '../test-support/pdfPages.js';
import { ReportWriter } from './pdfWriter.js';
import { identityLine, subjectRows, type ReportSubject } from './subject.js';

// A report page with the reports' font (DejaVu Sans, embedded as a subset): names print exactly, read back by
// poppler's pdftotext; what the font lacks prints as '?' and the patient table says so.

const subjectNamed = (name: string): ReportSubject => ({
  case_id: 'c1',
  diagnosis: 'adult-spinal-deformity',
  status: 'planning',
  description: '',
  case_created_at: '2024-01-01T00:00:00.000Z',
  patient_id: 'p1',
  name,
  mrn: 'MRN-FONT-1',
  birth_date: '1958-04-02',
  sex: 'female',
  surgeon_name: 'Dr. Ševčík',
  on: new Date('2025-06-01T00:00:00Z'),
});

/** A one-page report about `name`: the header, the patient table and a paragraph with the name. */
async function reportAbout(name: string): Promise<{ pdf: Uint8Array; text: string; flowing: string }> {
  const subject = subjectNamed(name);
  const writer = await ReportWriter.create(
    { title: 'SpineRecon test report', identity: identityLine(subject), notice: 'Decision support.' },
    'Test report',
  );
  writer.table(
    [
      { title: 'Patient', share: 1.3 },
      { title: '', share: 4 },
    ],
    subjectRows(writer, subject),
  );
  writer.paragraph(`Seen today: ${name}.`);
  const pdf = await writer.finish();
  const [text = ''] = await pageTexts(pdf);
  const flowing = (await pageTexts(pdf, 'raw')).join(' ').replace(/\s+/g, ' ');
  return { pdf, text, flowing };
}

describe('the reports’ font', () => {
  it('prints Polish, Czech and German names exactly, in the header, the table and the text', async () => {
    const name = 'Łucja Żółć-Dvořáková Weiß';
    const { text, flowing } = await reportAbout(name);
    expect(text).toContain(`${name} · MRN MRN-FONT-1 · born 1958-04-02 · female`);
    expect(flowing).toContain(`Patient ${name}`);
    expect(flowing).toContain(`Seen today: ${name}.`);
    expect(flowing).toContain('surgeon Dr. Ševčík');
    expect(text).not.toContain('?');
    expect(text).not.toContain('Identify the patient by the MRN');
  }, 60_000);

  it('embeds DejaVu Sans regular and bold as small subsets with a Unicode table, and no standard font', async () => {
    const { pdf } = await reportAbout('Jürgen Groß');
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.unicode, font.name).toBe(true);
    }
    // The two font files are 1.4 MB; the subsets used by one page are a few tens of kB.
    expect(pdf.byteLength).toBeLessThan(80_000);
  }, 60_000);

  it('prints characters the font lacks as ?, keeps the rest of the name, and says to identify by the MRN', async () => {
    const { text, flowing } = await reportAbout('Wang 王芳 Zoë');
    expect(flowing).toContain('Patient Wang ?? Zoë');
    expect(text).toContain('Wang ?? Zoë · MRN MRN-FONT-1');
    expect(flowing).toContain(
      "the name has characters this document's font cannot show, printed as ?. Identify the patient by the MRN.",
    );
  }, 60_000);

  it('gives the note only for a name with characters the font lacks', async () => {
    const writer = await ReportWriter.create({ title: 't', identity: 'i', notice: 'n' }, 't');
    const labels = (name: string) => subjectRows(writer, subjectNamed(name)).map((row) => row[0]);
    expect(labels('Řehoř Šťastný')).not.toContain('Note');
    expect(labels('山田 花子')).toContain('Note');
  });

  it('keeps a long identity whole in the header: smaller on one line, or on two lines when it must', async () => {
    const identity = (name: string) => `${name} · MRN MRN-FONT-1 · born 1958-04-02 · female`;
    // Wider than the header at 9 pt, narrower at 7 pt.
    const longer = 'Bartholomew Żółć-Dvořák Weißenfels';
    const one = await reportAbout(longer);
    const header = one.text.split('\n').find((line) => line.includes('SpineRecon test report')) ?? '';
    expect(header.replace(/\s+/g, ' ')).toContain(identity(longer));
    // Too wide for one line even at 6.5 pt: the second line follows the first, nothing is cut.
    const longest = 'Bartholomew-Maximilian Żółć-Dvořák von Weißenfels-Lüdenscheid';
    const two = await reportAbout(longest);
    expect(two.flowing).toContain(`SpineRecon test report ${identity(longest)}`);
    expect(two.text).not.toContain('…');
  }, 60_000);
});
