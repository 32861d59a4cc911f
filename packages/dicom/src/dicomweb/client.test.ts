// The DICOMweb client against scripted answers: request building, parsing and error mapping.
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDicomWebClient, type DicomWebClientConfig } from './client.js';
import { buildMultipart } from './multipart.js';

interface Recorded {
  readonly url: string;
  readonly headers: Headers;
  readonly method: string;
  readonly body: Uint8Array | undefined;
}

/** A client whose fetch records the request and answers with `respond`. */
function scripted(respond: (request: Recorded) => Response, config: Partial<DicomWebClientConfig> = {}) {
  const requests: Recorded[] = [];
  const fakeFetch: typeof fetch = (input, init) => {
    const request: Recorded = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      headers: new Headers(init?.headers),
      method: init?.method ?? 'GET',
      body: init?.body instanceof Uint8Array ? init.body : undefined,
    };
    requests.push(request);
    return Promise.resolve(respond(request));
  };
  const client = createDicomWebClient({
    url: 'http://pacs.example:8042/dicom-web/',
    fetch: fakeFetch,
    ...config,
  });
  return { client, requests };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/dicom+json' } });

const PART10 = new Uint8Array(200);
PART10.set(Buffer.from('DICM', 'latin1'), 128);

function multipartResponse(parts: Uint8Array[], contentType: string): Response {
  return new Response(buildMultipart(parts, 'application/dicom', 'B0UND'), {
    headers: { 'content-type': contentType },
  });
}

describe('QIDO-RS requests', () => {
  it('send ^, * and ? literally, encode spaces, and turn the ISO date range into DICOM', async () => {
    const { client, requests } = scripted(() => json([]), { bearerToken: 'tok' });
    await client.searchStudies({
      patientName: 'Van Der^J?n*',
      patientId: 'ID&1=2',
      studyDateFrom: '2024-01-01',
      studyDateTo: '2024-01-31',
      modality: 'DX',
      limit: 20,
      offset: 40,
    });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/dicom-web/studies');
    expect(url.search).toContain('PatientName=Van%20Der^J?n*');
    expect(url.search).toContain('PatientID=ID%261%3D2');
    expect(url.searchParams.get('StudyDate')).toBe('20240101-20240131');
    expect(url.searchParams.get('ModalitiesInStudy')).toBe('DX');
    expect(url.searchParams.getAll('includefield')).toEqual(['00081030', '00080061', '00201206', '00201208']);
    expect(url.searchParams.get('limit')).toBe('20');
    expect(url.searchParams.get('offset')).toBe('40');
    expect(requests[0]?.headers.get('accept')).toBe('application/dicom+json');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok');
  });

  it('percent-encode ^ and ? when strict query encoding is asked for', async () => {
    const { client, requests } = scripted(() => json([]), { strictQueryEncoding: true });
    await client.searchStudies({ patientName: 'Doe^J?' });
    expect(requests[0]?.url).toContain('PatientName=Doe%5EJ%3F');
  });

  it('send HTTP Basic credentials and open date ranges', async () => {
    const { client, requests } = scripted(() => json([]), { username: 'user', password: 'pä:ss' });
    await client.searchStudies({ studyDateFrom: '2024-02-01' });
    await client.searchStudies({ studyDateTo: '2024-02-01' });
    expect(requests[0]?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('user:pä:ss', 'utf8').toString('base64')}`,
    );
    expect(new URL(requests[0]?.url ?? '').searchParams.get('StudyDate')).toBe('20240201-');
    expect(new URL(requests[1]?.url ?? '').searchParams.get('StudyDate')).toBe('-20240201');
  });

  it('refuse values that QIDO-RS would read as lists, and malformed dates, UIDs and counts', async () => {
    const { client, requests } = scripted(() => json([]));
    await expect(client.searchStudies({ patientName: 'Doe, John' })).rejects.toMatchObject({
      code: 'malformed',
    });
    await expect(client.searchStudies({ patientId: 'A\\B' })).rejects.toMatchObject({ code: 'malformed' });
    await expect(client.searchStudies({ studyDateFrom: '01/02/2024' })).rejects.toMatchObject({
      code: 'malformed',
    });
    await expect(
      client.searchStudies({ studyDateFrom: '2024-03-01', studyDateTo: '2024-02-01' }),
    ).rejects.toMatchObject({ code: 'malformed' });
    await expect(client.searchStudies({ limit: -1 })).rejects.toMatchObject({ code: 'malformed' });
    await expect(client.searchSeries('1.2/../../x')).rejects.toMatchObject({ code: 'malformed' });
    expect(requests).toHaveLength(0);
  });
});

describe('QIDO-RS answers', () => {
  it('are parsed whether numbers come as numbers or strings and names as objects or strings', async () => {
    const { client } = scripted(() =>
      json([
        {
          '0020000D': { vr: 'UI', Value: ['1.2.3'] },
          '00100010': { vr: 'PN', Value: ['Doe^Jane'] },
          '00080020': { vr: 'DA', Value: ['20240229'] },
          '00100030': { vr: 'DA', Value: ['1960'] },
          '00080061': { vr: 'CS', Value: ['CR\\DX'] },
          '00201206': { vr: 'IS', Value: ['3'] },
          '00201208': { vr: 'IS', Value: [7] },
        },
        { '00100010': { vr: 'PN', Value: [{ Alphabetic: 'No^Uid' }] } },
      ]),
    );
    expect(await client.searchStudies({})).toEqual([
      {
        studyInstanceUid: '1.2.3',
        patientName: 'Doe^Jane',
        patientId: undefined,
        patientBirthDate: undefined,
        patientSex: undefined,
        studyDate: '2024-02-29',
        studyDescription: undefined,
        accessionNumber: undefined,
        modalities: ['CR', 'DX'],
        numberOfSeries: 3,
        numberOfInstances: 7,
      },
    ]);
  });

  it('are empty on HTTP 204 No Content', async () => {
    const { client } = scripted(() => new Response(null, { status: 204 }));
    expect(await client.searchStudies({})).toEqual([]);
  });

  it('fall back to an instance query for a radiograph series without ViewPosition', async () => {
    const { client, requests } = scripted((request) =>
      request.url.includes('/instances')
        ? json([{ '00185101': { vr: 'CS', Value: ['AP'] } }])
        : json([
            { '0020000E': { vr: 'UI', Value: ['1.2.3.4'] }, '00080060': { vr: 'CS', Value: ['DX'] } },
            { '0020000E': { vr: 'UI', Value: ['1.2.3.5'] }, '00080060': { vr: 'CS', Value: ['SR'] } },
          ]),
    );
    const series = await client.searchSeries('1.2.3');
    expect(series.map((s) => [s.seriesInstanceUid, s.viewPosition])).toEqual([
      ['1.2.3.4', 'AP'],
      ['1.2.3.5', undefined],
    ]);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/dicom-web/studies/1.2.3/series',
      '/dicom-web/studies/1.2.3/series/1.2.3.4/instances',
    ]);
  });

  it('that are errors never quote the response body', async () => {
    const { client } = scripted(() => new Response('Patient Doe^Jane exploded', { status: 500 }));
    const error: unknown = await client.searchStudies({}).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'remote',
      status: 500,
      message: expect.stringContaining('HTTP 500'),
    });
    expect((error as Error).message).not.toContain('Doe');
  });

  it('that are not JSON lists are remote errors', async () => {
    const { client } = scripted(() => new Response('<html>login</html>', { status: 200 }));
    await expect(client.searchStudies({})).rejects.toMatchObject({ code: 'remote', message: /invalid JSON/ });
  });

  it('that redirect are reported, not followed', async () => {
    const { client } = scripted(
      () => new Response(null, { status: 302, headers: { location: 'http://evil/' } }),
    );
    await expect(client.searchStudies({})).rejects.toMatchObject({ code: 'remote', status: 302 });
  });
});

describe('WADO-RS retrieval', () => {
  it('asks for the stored transfer syntax and returns the single DICOM part', async () => {
    const { client, requests } = scripted(() =>
      multipartResponse([PART10], 'multipart/related; type="application/dicom"; boundary="B0UND"'),
    );
    const bytes = await client.retrieveInstance('1.2', '1.2.3', '1.2.3.4');
    expect(Buffer.from(bytes).equals(Buffer.from(PART10))).toBe(true);
    expect(new URL(requests[0]?.url ?? '').pathname).toBe(
      '/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4',
    );
    expect(requests[0]?.headers.get('accept')).toBe(
      'multipart/related; type="application/dicom"; transfer-syntax=*',
    );
  });

  it('refuses an answer that is not multipart', async () => {
    const { client } = scripted(
      () => new Response(PART10, { headers: { 'content-type': 'application/dicom' } }),
    );
    await expect(client.retrieveInstance('1.2', '1.2.3', '1.2.3.4')).rejects.toMatchObject({
      code: 'remote',
      message: expect.stringContaining('not answer with a multipart body'),
    });
  });

  it('refuses a multipart answer without a DICOM part', async () => {
    const { client } = scripted(
      () =>
        new Response('--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B--\r\n', {
          headers: { 'content-type': 'multipart/related; boundary=B' },
        }),
    );
    await expect(client.retrieveInstance('1.2', '1.2.3', '1.2.3.4')).rejects.toMatchObject({
      code: 'remote',
      message: expect.stringContaining('no application/dicom part'),
    });
  });

  it('refuses a DICOM part that is not a Part 10 file', async () => {
    const { client } = scripted(() =>
      multipartResponse([new Uint8Array(300)], 'multipart/related; type="application/dicom"; boundary=B0UND'),
    );
    await expect(client.retrieveInstance('1.2', '1.2.3', '1.2.3.4')).rejects.toMatchObject({
      code: 'remote',
      message: expect.stringContaining('not a DICOM Part 10 file'),
    });
  });

  it('stops reading a body without Content-Length once it passes maxBytes', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { client } = scripted(
      () => new Response(endless, { headers: { 'content-type': 'multipart/related; boundary=B' } }),
    );
    await expect(
      client.retrieveInstance('1.2', '1.2.3', '1.2.3.4', { maxBytes: 1024 * 1024 }),
    ).rejects.toMatchObject({
      code: 'too-large',
    });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(40);
  });
});

describe('STOW-RS storage', () => {
  it('posts a multipart/related body and reads stored and failed instances', async () => {
    const { client, requests } = scripted(() =>
      json(
        {
          '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3.1'] } }] },
          '00081198': {
            vr: 'SQ',
            Value: [
              { '00081155': { vr: 'UI', Value: ['1.2.3.2'] }, '00081197': { vr: 'US', Value: [0xa700] } },
              { '00081155': { vr: 'UI', Value: ['1.2.3.3'] } },
            ],
          },
        },
        202,
      ),
    );
    const result = await client.storeInstances([PART10, PART10], '1.2.3');
    expect(result).toEqual({
      stored: ['1.2.3.1'],
      failed: [
        { sopInstanceUid: '1.2.3.2', reason: 'out of resources (0xA700)', failureCode: 0xa700 },
        { sopInstanceUid: '1.2.3.3', reason: 'no reason given' },
      ],
    });
    const request = requests[0];
    expect(request?.method).toBe('POST');
    expect(new URL(request?.url ?? '').pathname).toBe('/dicom-web/studies/1.2.3');
    const contentType = request?.headers.get('content-type') ?? '';
    expect(contentType).toMatch(
      /^multipart\/related; type="application\/dicom"; boundary=spinerecon-[0-9a-f-]+$/,
    );
    const boundary = contentType.split('boundary=')[1] ?? '';
    const body = Buffer.from(request?.body ?? new Uint8Array()).toString('latin1');
    expect(body.startsWith(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`)).toBe(true);
    expect(body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  });

  it('turns an HTTP error into a remote error with the status', async () => {
    const { client } = scripted(() => new Response('no', { status: 413 }));
    await expect(client.storeInstances([PART10])).rejects.toMatchObject({ code: 'remote', status: 413 });
  });
});

describe('DICOMweb configuration and transport', () => {
  it('refuses credentials written into the URL without repeating them', () => {
    expect(() => createDicomWebClient({ url: 'http://bob:hunter2@pacs/dicom-web' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(() => createDicomWebClient({ url: 'http://pacs/dicom-web', username: 'bob' })).toThrow(TypeError);
  });

  it('reports a PACS that accepts the connection but never answers as a timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const client = createDicomWebClient({ url: `http://127.0.0.1:${port}/dicom-web`, timeoutMs: 200 });
      await expect(client.searchStudies({})).rejects.toMatchObject({
        code: 'remote',
        message: 'the PACS did not answer within 0.2 s',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
