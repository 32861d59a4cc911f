import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { orthancConfiguration, startOrthanc, type OrthancServer } from './orthanc.js';
import { syntheticDicom } from './syntheticDicom.js';

const started: OrthancServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop();
});

function orthancFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('spinerecon-orthanc-'));
}

describe('the Orthanc test harness', () => {
  it('configures loopback-only access, no DICOM listener and the DICOMweb plugin', () => {
    const config = orthancConfiguration('/tmp/x', 1234, { username: 'u', password: 'p' });
    expect(config).toMatchObject({
      HttpPort: 1234,
      RemoteAccessAllowed: false,
      DicomServerEnabled: false,
      AuthenticationEnabled: true,
      RegisteredUsers: { u: 'p' },
      Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
      DicomWeb: { Enable: true, Root: '/dicom-web/' },
    });
    expect(orthancConfiguration('/tmp/x', 1234)).toMatchObject({ AuthenticationEnabled: false });
  });

  it('starts an Orthanc that requires its credentials and stores uploads', async () => {
    const server = await startOrthanc({ username: 'harness', password: 'secret' });
    started.push(server);
    expect(server.url).toBe(`${server.restUrl}/dicom-web`);
    expect((await fetch(`${server.restUrl}/system`)).status).toBe(401);
    await server.upload(syntheticDicom());
    const authorization = `Basic ${Buffer.from('harness:secret').toString('base64')}`;
    const statistics = (await (
      await fetch(`${server.restUrl}/statistics`, { headers: { authorization } })
    ).json()) as {
      CountInstances: number;
    };
    expect(statistics.CountInstances).toBe(1);
  }, 30_000);

  it('refuses an upload that is not DICOM', async () => {
    const server = await startOrthanc();
    started.push(server);
    await expect(server.upload(new Uint8Array([1, 2, 3]))).rejects.toThrow(/HTTP 400/);
  }, 30_000);

  it('stops Orthanc and removes its folder, and can be stopped twice', async () => {
    const before = orthancFolders();
    const server = await startOrthanc();
    const folder = orthancFolders().find((name) => !before.includes(name));
    expect(folder).toBeDefined();
    await server.stop();
    await server.stop();
    expect(existsSync(`${tmpdir()}/${folder ?? ''}`)).toBe(false);
    await expect(fetch(`${server.restUrl}/system`)).rejects.toThrow();
  }, 30_000);
});
