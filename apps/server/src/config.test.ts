import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

describe('readConfig', () => {
  it('defaults to SQLite under ./data, 127.0.0.1:8080', () => {
    const config = readConfig({}, '/srv/spinerecon');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: undefined,
      dataDir: '/srv/spinerecon/data',
      imageDir: '/srv/spinerecon/data/images',
      seedDemo: true,
      maxImageBytes: 200 * 1024 * 1024,
      oidc: undefined,
      dicomWeb: undefined,
      researchDates: 'off',
    });
  });

  it('reads the PACS settings and refuses half or conflicting credentials', () => {
    expect(
      readConfig({
        DICOMWEB_URL: 'https://pacs.example.org/dicom-web/',
        DICOMWEB_USERNAME: 'spine',
        DICOMWEB_PASSWORD: 'secret',
        DICOMWEB_TIMEOUT_S: '10',
      }).dicomWeb,
    ).toEqual({
      url: 'https://pacs.example.org/dicom-web',
      username: 'spine',
      password: 'secret',
      bearerToken: undefined,
      timeoutMs: 10_000,
    });
    expect(() => readConfig({ DICOMWEB_URL: 'pacs:8042' })).toThrow(/DICOMWEB_URL must start with http/);
    expect(() => readConfig({ DICOMWEB_URL: 'http://pacs', DICOMWEB_USERNAME: 'x' })).toThrow(/go together/);
    expect(() =>
      readConfig({
        DICOMWEB_URL: 'http://pacs',
        DICOMWEB_USERNAME: 'x',
        DICOMWEB_PASSWORD: 'y',
        DICOMWEB_BEARER_TOKEN: 'z',
      }),
    ).toThrow(/not both/);
    expect(() => readConfig({ SPINERECON_RESEARCH_DATES: 'sometimes' })).toThrow(
      /SPINERECON_RESEARCH_DATES must be one of off, full, shift/,
    );
  });

  it('says which variable is wrong and what it expects', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(
      new ConfigError("PORT must be a whole number from 0 to 65535, got 'eighty'"),
    );
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    expect(() => readConfig({ SPINERECON_DEMO: 'maybe' })).toThrow(/SPINERECON_DEMO must be true or false/);
    expect(() => readConfig({ OIDC_ISSUER_URL: 'https://idp' })).toThrow(/OIDC_CLIENT_ID is required/);
  });

  it('reads the single sign-on settings and the role map', () => {
    const config = readConfig({
      OIDC_ISSUER_URL: 'https://idp.example',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URL: 'https://spinerecon.example/api/v1/session/oidc/callback',
      OIDC_ROLE_MAP: 'Spine Surgeons=surgeon, PT=therapist',
    });
    expect([...(config.oidc?.roleMap ?? [])]).toEqual([
      ['Spine Surgeons', 'surgeon'],
      ['PT', 'therapist'],
    ]);
    expect(config.oidc?.roleClaim).toBe('roles');
  });

  it('serves the web app from apps/web/dist unless SPINERECON_WEB_DIR names another folder', () => {
    expect(readConfig({}).webDir).toMatch(/apps[/\\]web[/\\]dist$/);
    expect(readConfig({ SPINERECON_WEB_DIR: 'public' }, '/srv/spinerecon').webDir).toBe(
      '/srv/spinerecon/public',
    );
  });
});
