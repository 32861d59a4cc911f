// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- dcmjs has no types; the dicom package declares them
/// <reference path="../../../packages/dicom/src/part10/dcmjsModule.d.ts" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type OrthancServer } from '../../../packages/dicom/src/test-support/orthanc';
import { syntheticDicom } from '../../../packages/dicom/src/test-support/syntheticDicom';
import { startApp, type RunningApp } from './harness';

// Import from the PACS in the browser: a real Orthanc (Debian orthanc + orthanc-dicomweb) holds a synthetic lateral
// film; the case page searches it by patient id, opens the study's series and images, and imports the film, which
// then opens in the imaging workspace with the calibration from its DICOM header.

describe('import from the PACS on the case page', { timeout: 120_000 }, () => {
  let orthanc: OrthancServer;
  let app: RunningApp;
  let page: Page;

  beforeAll(async () => {
    orthanc = await startOrthanc();
    await orthanc.upload(
      syntheticDicom({
        rows: 1400,
        columns: 600,
        bitsAllocated: 16,
        attributes: {
          PatientName: 'Pacs^Browser',
          PatientID: 'PACS-WEB-1',
          StudyDate: '20260310',
          ImagerPixelSpacing: [0.2, 0.2],
          EstimatedRadiographicMagnificationFactor: 1.25,
          PatientOrientation: ['A', 'F'],
        },
      }),
    );
    app = await startApp({ env: { DICOMWEB_URL: orthanc.url } });
    page = await app.newPage();
    await app.signIn(page);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await orthanc?.stop();
  });

  it('finds the study by patient id, imports its film into the case, and opens it calibrated', async () => {
    await page.getByRole('link', { name: /DEMO/ }).first().click();
    await page.getByRole('heading', { name: 'Import from the PACS' }).waitFor();
    await page.getByLabel('Patient ID').fill('PACS-WEB-1');
    await page.getByRole('button', { name: 'Search the PACS' }).click();
    await page.getByText('PACS-WEB-1').waitFor();
    await page.getByRole('button', { name: 'Series' }).click();
    await page.getByLabel('Import as').selectOption('lateral');
    await page.getByRole('button', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported').waitFor();
    await app.screenshot(page, 'pacs-import');
    await expect.poll(() => page.locator('.film').count()).toBe(3);

    await page.locator('.film a.thumb').last().click();
    await page.getByRole('heading', { name: /Lateral radiograph, standing, 10 Mar 2026/ }).waitFor();
    const note = (await page.getByTestId('calibration-note').textContent()) ?? '';
    expect(note).toMatch(
      /Imager Pixel Spacing \(0018,1164\) 0\.2 × 0\.2 mm divided by the Estimated Radiographic Magnification Factor \(0018,1114\) 1\.25/,
    );
    expect(await page.getByText(/0\.160 mm between rows × 0\.160 mm between columns/).count()).toBe(1);
  });
});
