import { describe, expect, it } from 'vitest';
import { maskGatewayError } from './mask-errors.ts';

describe('gateway error masking', () => {
  it('keeps catalogued codes and only safe extensions', () => {
    const formatted = maskGatewayError({ message: 'The CRM is unavailable.', path: ['me'], extensions: { code: 'UPSTREAM_UNAVAILABLE', serviceName: 'party', system: 'CRM', response: { url: 'http://10.0.0.3:8080' } } }, null);
    expect(formatted).toEqual({ message: 'The CRM is unavailable.', path: ['me'], extensions: { code: 'UPSTREAM_UNAVAILABLE', serviceName: 'party', system: 'CRM' } });
  });
  it('masks uncatalogued errors, such as the gateway\'s downstream errors with response bodies', () => {
    const formatted = maskGatewayError({ message: '500: Internal Server Error', path: ['me', 'bills'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', response: { url: 'http://127.0.0.1:4004/graphql', body: 'ORA-12541' } } }, null);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['me', 'bills'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(maskGatewayError({ message: 'connect ECONNREFUSED 127.0.0.1:4004' }, null))).not.toContain('4004');
  });
});
