import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormat, logLevel } from './logger.ts';

/** A logger writing JSON lines into an array, at the given level. */
function capture(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  return { log: createLogger('test', { level, destination }), text: () => lines.join(''), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxMDAwMDEiLCJyb2xlIjoiY3VzdG9tZXIifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const INTERNAL = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImdhdGV3YXkifQ.eyJhdWQiOiJwYXNzZXJlbGxlLXN1YmdyYXBoOnBhcnR5In0.aW50ZXJuYWwtc2lnbmF0dXJl';
const REGISTRY = 'dev-catalog.uy4-LFlJt5F-XTWBwSOWkoYytu9aQ8z7rtXqK-10BMc';
const SECRETS = [JWT, INTERNAL, REGISTRY, 'hunter2-password', 'purge-me-secret', 'sid=s3ss10n', 'ada@example.com', '+33 6 12 34 56 78', 'Lovelace', '12 rue des Lilas'];

describe('the shared logger', () => {
  it('never writes tokens, credentials, secrets or personal data, in fields, messages or errors', () => {
    const { log, text, entries } = capture();
    log.info({ req: { headers: { authorization: `Bearer ${JWT}`, 'passerelle-internal-token': INTERNAL, cookie: 'sid=s3ss10n' } } }, 'incoming request');
    log.info({ credentials: REGISTRY, password: 'hunter2-password', config: { cache: { purgeSecret: 'purge-me-secret' } } }, 'configuration');
    log.info({ customer: { email: 'ada@example.com', phone: '+33 6 12 34 56 78', lastName: 'Lovelace', address: '12 rue des Lilas' } }, 'customer');
    log.warn(`refused Authorization: Bearer ${JWT} from ada@example.com`);
    log.warn(`subgraph call with passerelle-internal-token: ${INTERNAL}`);
    log.warn(`export PASSERELLE_REGISTRY_TOKEN=${REGISTRY}`);
    log.error({ err: new Error(`verification failed for ${JWT} (credential ${REGISTRY})`) }, 'request failed');
    log.error(new Error(`token=${INTERNAL}`));

    const written = text();
    for (const secret of SECRETS) expect(written).not.toContain(secret);
    const [headers, config, customer, , , , failed, bare] = entries();
    expect(headers).toMatchObject({ component: 'test', level: 'info', msg: 'incoming request', req: { headers: { authorization: '[REDACTED]', 'passerelle-internal-token': '[REDACTED]', cookie: '[REDACTED]' } } });
    expect(config).toMatchObject({ credentials: '[REDACTED]', password: '[REDACTED]', config: { cache: { purgeSecret: '[REDACTED]' } } });
    expect(customer).toMatchObject({ customer: { email: '[REDACTED]', phone: '[REDACTED]', lastName: '[REDACTED]', address: '[REDACTED]' } });
    // The error survives as a structured object, its type and stack kept, its secrets gone.
    expect(failed).toMatchObject({ level: 'error', err: { type: 'Error', message: 'verification failed for [REDACTED] (credential [REDACTED])', stack: expect.stringContaining('logger.test.ts') } });
    expect(bare).toMatchObject({ err: { message: 'token=[REDACTED]' } });
    expect(written).toContain('Bearer [REDACTED]');
  });

  it('finds the names at any depth and in any case, without changing the logged objects', () => {
    const { log, entries } = capture();
    const logged = { upstream: { request: { options: { headers: { Authorization: `Bearer ${JWT}`, 'Set-Cookie': ['sid=s3ss10n'] } } } }, people: [{ Email: 'ada@example.com' }] };
    log.info(logged, 'nested');
    expect(entries()[0]).toMatchObject({ upstream: { request: { options: { headers: { Authorization: '[REDACTED]', 'Set-Cookie': '[REDACTED]' } } } }, people: [{ Email: '[REDACTED]' }] });
    expect(logged.upstream.request.options.headers.Authorization).toBe(`Bearer ${JWT}`);
    expect(logged.people[0]?.Email).toBe('ada@example.com');
  });

  it('keeps what is not secret: identifiers, codes, routes', () => {
    const { log, entries } = capture();
    log.info({ system: 'CRM', route: 'GET /clients/:id', status: 200, documentHash: 'a'.repeat(64), operation: 'CustomerOrders' }, 'legacy call');
    expect(entries()[0]).toMatchObject({ system: 'CRM', route: 'GET /clients/:id', status: 200, documentHash: 'a'.repeat(64), operation: 'CustomerOrders', msg: 'legacy call' });
  });

  it('logs at PASSERELLE_LOG_LEVEL (default info), nothing in tests unless asked', () => {
    expect(logLevel({})).toEqual({ level: 'info' });
    expect(logLevel({ NODE_ENV: 'test' })).toEqual({ level: 'silent' });
    expect(logLevel({ NODE_ENV: 'test', PASSERELLE_LOG_LEVEL: 'debug' })).toEqual({ level: 'debug' });
    expect(logLevel({ PASSERELLE_LOG_LEVEL: 'loud' })).toEqual({ level: 'info', unknown: 'loud' });
    const { log, entries } = capture('warn');
    log.info('not written');
    log.warn('written');
    expect(entries().map((e) => e['msg'])).toEqual(['written']);
  });

  it('is JSON in production and tests, pretty in development only when pino-pretty is installed', () => {
    const installed = () => true;
    expect(logFormat({ NODE_ENV: 'production' }, installed)).toBe('json');
    expect(logFormat({ NODE_ENV: 'test' }, installed)).toBe('json');
    expect(logFormat({}, installed)).toBe('pretty');
    expect(logFormat({}, () => false)).toBe('json');
    expect(logFormat({ PASSERELLE_LOG_FORMAT: 'json' }, installed)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production', PASSERELLE_LOG_FORMAT: 'pretty' }, () => false)).toBe('json');
  });
});
