import { describe, expect, it } from 'vitest';
import { errorMasker, maskGatewayError } from './mask-errors.ts';

describe('gateway error masking', () => {
  it('keeps catalogued codes and only safe extensions', () => {
    const formatted = maskGatewayError({ message: 'The CRM is unavailable.', path: ['me'], extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'CRM', response: { url: 'http://10.0.0.3:8080' } } }, null);
    expect(formatted).toEqual({ message: 'The CRM is unavailable.', path: ['me'], extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'CRM' } });
  });

  it('never names the subgraph an error came from (serviceName), whatever its code', () => {
    for (const code of ['UPSTREAM_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'FORBIDDEN', 'NOT_FOUND', 'PERSISTED_QUERY_NOT_FOUND', 'DOWNSTREAM_SERVICE_ERROR', undefined]) {
      const formatted = maskGatewayError({ message: 'x', path: ['me'], extensions: { code, serviceName: 'party' } }, null);
      expect(formatted.extensions?.['serviceName'], String(code)).toBeUndefined();
      expect(JSON.stringify(formatted)).not.toContain('party');
    }
  });

  it('masks uncatalogued errors, such as the gateway\'s downstream errors with response bodies', () => {
    const formatted = maskGatewayError({ message: '500: Internal Server Error', path: ['me', 'bills'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'billing', response: { url: 'http://127.0.0.1:4004/graphql', body: 'ORA-12541' } } }, null);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['me', 'bills'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(maskGatewayError({ message: 'connect ECONNREFUSED 127.0.0.1:4004' }, null))).not.toContain('4004');
  });

  it('in production, names no legacy system: UPSTREAM_* errors lose `system` and get the catalogue\'s wording', () => {
    const production = errorMasker({ production: true });
    for (const code of ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR']) {
      const formatted = production({ message: 'The Billing system failed: SOAP fault BIL-0042.', path: ['me', 'bills'], extensions: { code, system: 'Billing', serviceName: 'billing' } }, null);
      expect(formatted.extensions).toEqual({ code });
      expect(formatted.path).toEqual(['me', 'bills']);
      expect(JSON.stringify(formatted)).not.toMatch(/billing|BIL-/i);
    }
    // Other codes keep their message; development keeps the system for whoever debugs it.
    expect(production({ message: 'No such order.', extensions: { code: 'NOT_FOUND' } }, null).message).toBe('No such order.');
    expect(errorMasker({ production: false })({ message: 'The CRM is unavailable.', extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'CRM' } }, null).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'CRM' });
  });
});
