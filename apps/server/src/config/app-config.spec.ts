import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});

    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect([...config.roles].sort()).toEqual(['api', 'scheduler', 'worker']);
    expect(config.demo).toBe(false);
    expect(config.demoSchedule).toBe('*/5 * * * *');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir.endsWith('.astrolabe')).toBe(true);
    expect(config.consoleDir.endsWith(join('dashboards', 'console', 'dist'))).toBe(true);
    expect(config.rateLimit).toEqual({ readsPerMinute: 600, mutationsPerMinute: 120 });
    expect(config.corsOrigins).toEqual([]);
    expect(config.trustProxy).toBeUndefined();
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x' }).port).toBe(3000);
  });

  it('runs only the worker role when ASTROLABE_ROLES=worker', () => {
    const { roles } = loadConfig({ ASTROLABE_ROLES: 'worker' });
    expect([...roles]).toEqual(['worker']);
    expect(roles.has('api')).toBe(false);
    expect(roles.has('scheduler')).toBe(false);
  });

  it('trims role names and skips empty entries', () => {
    expect([...loadConfig({ ASTROLABE_ROLES: ' api , ,scheduler ' }).roles].sort()).toEqual(['api', 'scheduler']);
  });

  it('rejects an unknown role, naming ASTROLABE_ROLES', () => {
    expect(() => loadConfig({ ASTROLABE_ROLES: 'api,cron' })).toThrow(/ASTROLABE_ROLES/);
  });

  it('rejects a role list with no roles, naming ASTROLABE_ROLES', () => {
    expect(() => loadConfig({ ASTROLABE_ROLES: ' , ' })).toThrow(/ASTROLABE_ROLES/);
  });

  it('reads PORT as a number', () => {
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each(['abc', '70000', '-1', '3.5', '80abc'])('rejects PORT=%s, naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/Invalid environment[\s\S]*PORT/);
  });

  it('accepts a postgres DATABASE_URL', () => {
    const url = 'postgres://astrolabe:secret@db.internal:5432/astrolabe';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('rejects an invalid demo schedule, naming the variable', () => {
    expect(() => loadConfig({ ASTROLABE_DEMO_SCHEDULE: 'every five minutes' })).toThrow(/ASTROLABE_DEMO_SCHEDULE/);
  });

  it('treats an empty DATABASE_URL as unset (embedded PostgreSQL)', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it.each(['not a url', 'postgres//missing-colon', 'db.internal:5432/astrolabe', 'mysql://db/astrolabe'])('rejects DATABASE_URL=%j, naming DATABASE_URL', (url) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL/);
  });

  it('takes the app login from ASTROLABE_APP_DATABASE_URL, next to the owner DATABASE_URL', () => {
    const owner = 'postgres://astrolabe:secret@db.internal:5432/astrolabe';
    const app = 'postgres://astrolabe_app_login:other@db.internal:5432/astrolabe';
    const config = loadConfig({ DATABASE_URL: owner, ASTROLABE_APP_DATABASE_URL: app });
    expect(config.appDatabaseUrl).toBe(app);
    expect(config.databaseUrl).toBe(owner);
    expect(loadConfig({ DATABASE_URL: owner }).appDatabaseUrl).toBeUndefined();
  });

  it('rejects an ASTROLABE_APP_DATABASE_URL that is not postgres, or comes without DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a:b@db/astrolabe', ASTROLABE_APP_DATABASE_URL: 'mysql://db/astrolabe' })).toThrow(/ASTROLABE_APP_DATABASE_URL/);
    expect(() => loadConfig({ ASTROLABE_APP_DATABASE_URL: 'postgres://app:pw@db/astrolabe' })).toThrow(/ASTROLABE_APP_DATABASE_URL: needs DATABASE_URL/);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
  ])('reads ASTROLABE_DEMO=%s as %s', (value, expected) => {
    expect(loadConfig({ ASTROLABE_DEMO: value, ASTROLABE_DEMO_IAM_ENDPOINT: 'http://127.0.0.1:4566' }).demo).toBe(expected);
  });

  it('demo mode needs the IAM endpoint to read, and says so', () => {
    expect(() => loadConfig({ ASTROLABE_DEMO: '1' })).toThrow(/ASTROLABE_DEMO_IAM_ENDPOINT/);
  });

  it('rejects ASTROLABE_DEMO=yes, naming the variable', () => {
    expect(() => loadConfig({ ASTROLABE_DEMO: 'yes' })).toThrow(/ASTROLABE_DEMO/);
  });

  it('rejects an unknown LOG_LEVEL, naming the variable', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('names every invalid variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', ASTROLABE_ROLES: 'nope', DATABASE_URL: 'nope' });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/ASTROLABE_ROLES/);
    expect(message).toMatch(/DATABASE_URL/);
  });

  it('passes through explicit values', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      ASTROLABE_DATA_DIR: '/var/lib/astrolabe',
      ASTROLABE_DEMO_SCHEDULE: '0 * * * *',
      ASTROLABE_MASTER_KEY: 'a2V5',
      ASTROLABE_CONSOLE_DIR: '/srv/console',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      dataDir: '/var/lib/astrolabe',
      demoSchedule: '0 * * * *',
      masterKey: 'a2V5',
      consoleDir: '/srv/console',
      logLevel: 'debug',
    });
  });

  it('resolves a relative data dir to an absolute path', () => {
    const { dataDir } = loadConfig({ ASTROLABE_DATA_DIR: 'tmp/data' });
    expect(isAbsolute(dataDir)).toBe(true);
    expect(dataDir.endsWith(join('tmp', 'data'))).toBe(true);
  });

  // Regression: z.coerce.number() read `PORT=` (set but empty, as compose writes unset variables) as port 0.
  it('does not turn an empty PORT into port 0', () => {
    let port: number;
    try {
      port = loadConfig({ PORT: '' }).port;
    } catch {
      return;
    }
    expect(port).toBe(3000);
  });

  it('reads rate limits per minute, 0 meaning off, and refuses anything else', () => {
    expect(loadConfig({ ASTROLABE_RATE_LIMIT_PER_MINUTE: '1000', ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '0' }).rateLimit).toEqual({ readsPerMinute: 1000, mutationsPerMinute: 0 });
    for (const bad of ['-1', '1.5', 'lots']) {
      expect(() => loadConfig({ ASTROLABE_RATE_LIMIT_PER_MINUTE: bad })).toThrow(/ASTROLABE_RATE_LIMIT_PER_MINUTE/);
      expect(() => loadConfig({ ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: bad })).toThrow(/ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE/);
    }
  });

  it('takes CORS origins only as exact origins', () => {
    expect(loadConfig({ ASTROLABE_CORS_ORIGINS: 'https://grc.example.com, http://localhost:5173' }).corsOrigins).toEqual(['https://grc.example.com', 'http://localhost:5173']);
    for (const bad of ['*', 'https://*.example.com', 'https://grc.example.com/', 'https://grc.example.com/app', 'grc.example.com', 'ftp://grc.example.com', 'https://user@grc.example.com']) {
      expect(() => loadConfig({ ASTROLABE_CORS_ORIGINS: bad }), bad).toThrow(/ASTROLABE_CORS_ORIGINS/);
    }
  });

  it('takes a hop count or addresses and subnets as the trusted proxy', () => {
    expect(loadConfig({ ASTROLABE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ASTROLABE_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    for (const bad of ['true', '0', '11', '10.0.0.0/33', 'proxy.local', '300.0.0.1', '10.0.0.0/8/1']) {
      expect(() => loadConfig({ ASTROLABE_TRUST_PROXY: bad }), bad).toThrow(/ASTROLABE_TRUST_PROXY/);
    }
  });
});
