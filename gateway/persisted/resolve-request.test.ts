import { describe, expect, it } from 'vitest';
import { operationId } from '../../contracts/manifest-format.ts';
import { resolvePersistedRequest, type DocumentRequest } from './resolve-request.ts';

const BODY = 'query Hello {\n  hello\n}';
const ID = operationId(BODY);
const MANIFEST = new Map([[ID, BODY]]);
const OTHER = '{ other }';
const hashOnly = (sha256Hash: string): DocumentRequest => ({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
const registration = (query: string, sha256Hash = operationId(query)): DocumentRequest => ({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });

describe('resolving a request against its channel', () => {
  it('runs the body of an id of the channel manifest, in every mode', () => {
    for (const mode of ['persisted-only', 'documents', 'apq'] as const) {
      expect(resolvePersistedRequest(hashOnly(ID), mode, MANIFEST)).toEqual({ kind: 'manifest', query: BODY });
    }
  });

  it('on a persisted-only channel, refuses documents and APQ registrations, and does not look up APQ', () => {
    expect(resolvePersistedRequest({ query: BODY }, 'persisted-only', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_REQUIRED' });
    expect(resolvePersistedRequest(registration(OTHER), 'persisted-only', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_REQUIRED' });
    // Even with the manifest's own body: the channel takes ids only.
    expect(resolvePersistedRequest(registration(BODY), 'persisted-only', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_REQUIRED' });
    expect(resolvePersistedRequest(hashOnly(operationId(OTHER)), 'persisted-only', MANIFEST)).toEqual({ kind: 'refuse', code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' });
  });

  it('with APQ, leaves unknown hashes and registrations whose hash matches to Apollo Server', () => {
    expect(resolvePersistedRequest(hashOnly(operationId(OTHER)), 'apq', MANIFEST)).toEqual({ kind: 'pass' });
    expect(resolvePersistedRequest(registration(OTHER), 'apq', MANIFEST)).toEqual({ kind: 'pass' });
    expect(resolvePersistedRequest({ query: OTHER }, 'apq', MANIFEST)).toEqual({ kind: 'pass' });
  });

  it('with APQ, refuses a registration whose hash is not its query\'s, with a code', () => {
    expect(resolvePersistedRequest(registration(OTHER, ID), 'apq', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'BAD_REQUEST', message: expect.stringMatching(/does not match/) });
  });

  it('with documents but no APQ, runs documents, refuses registrations and finds no hash outside the manifest', () => {
    expect(resolvePersistedRequest({ query: OTHER }, 'documents', MANIFEST)).toEqual({ kind: 'pass' });
    expect(resolvePersistedRequest(registration(OTHER), 'documents', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_NOT_SUPPORTED' });
    expect(resolvePersistedRequest(hashOnly(operationId(OTHER)), 'documents', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_NOT_FOUND' });
  });

  it('refuses malformed persisted-query extensions with BAD_REQUEST', () => {
    for (const persistedQuery of [{ version: 2, sha256Hash: ID }, { version: 1 }, { version: 1, sha256Hash: ID.toUpperCase() }, { version: 1, sha256Hash: 'abc' }, 'yes']) {
      expect(resolvePersistedRequest({ extensions: { persistedQuery } }, 'apq', MANIFEST)).toMatchObject({ kind: 'refuse', code: 'BAD_REQUEST' });
    }
  });

  it('leaves a request with neither document nor hash to Apollo Server (its own BAD_REQUEST)', () => {
    expect(resolvePersistedRequest({}, 'persisted-only', MANIFEST)).toEqual({ kind: 'pass' });
  });
});
