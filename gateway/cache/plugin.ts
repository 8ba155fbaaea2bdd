/**
 * Whole-response cache at the gateway. Queries are answered from the cache when a fresh entry exists for
 * this operation (normalised), its declared variables, the channel and the authorization context;
 * otherwise executed and stored when every subgraph fetch the request used allowed it (the minimum
 * max-age; PRIVATE unless every fetch said public, see subgraph/cache-hint.ts) and the response has no
 * error. Entries are tagged with the entities the subgraphs reported and stored only if none of them was
 * invalidated since the earliest fetch the answer used began (invalidation-plugin.ts removes them).
 * When a back end fails, a stale entry still within the stale-if-error window is served instead, marked stale.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { noteCacheStatus } from '../logging/access-record.ts';
import { declaredVariables, documentSignature, responseCacheKeys, type ResponseCacheKeys } from './response-cache-key.ts';
import type { CachedResponse, ResponseStore } from './response-store.ts';

export interface ResponseCacheOptions { store: ResponseStore; staleIfErrorSeconds: number; metrics: Metrics }

const cacheControl = (maxAge: number, scope: 'PUBLIC' | 'PRIVATE', authenticated: boolean): string =>
  // Never `public` for anything a signed-in caller received: shared caches must not keep it.
  `max-age=${Math.max(0, Math.floor(maxAge))}, ${scope === 'PRIVATE' || authenticated ? 'private' : 'public'}`;

function setHeaders(headers: HeaderMap, entry: CachedResponse, age: number, authenticated: boolean): void {
  headers.set('cache-control', cacheControl(entry.maxAgeSeconds - age, entry.scope, authenticated));
  headers.set('etag', entry.etag);
  headers.set('age', String(Math.floor(age)));
  headers.set('vary', 'authorization, apollographql-client-name');
}

export function useResponseCache({ store, staleIfErrorSeconds, metrics }: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const hit = metrics.counter('passerelle_response_cache_hits_total', 'Queries answered from the response cache.');
  const miss = metrics.counter('passerelle_response_cache_misses_total', 'Queries executed because no fresh cached response existed.');
  const stored = metrics.counter('passerelle_response_cache_stores_total', 'Responses stored in the response cache.');
  const stale = metrics.counter('passerelle_response_cache_stale_served_total', 'Stale responses served because a back end failed.');
  metrics.observe('passerelle_cache_bypass_total', 'Cache operations that went on without Redis (down or slow).', () => store.bypasses);

  // Entries belong to the schema they were computed with: a new supergraph starts a fresh cache.
  let schemaHash = '';
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl, apiSchema }) {
          schemaHash = createHash('sha256').update(coreSupergraphSdl ?? String(apiSchema)).digest('base64url').slice(0, 16);
        },
      };
    },
    async requestDidStart() {
      let keys: ResponseCacheKeys | null = null;
      let staleEntry: CachedResponse | undefined;
      let answered = false;
      return {
        async responseForOperation(context) {
          if (context.operation?.operation !== 'query') { noteCacheStatus(context.contextValue, 'bypass'); return null; }
          const { principal } = context.contextValue;
          const operationKey = `${schemaHash}:${documentSignature(context.document)}`;
          keys = responseCacheKeys(operationKey, context.operationName ?? undefined, declaredVariables(context.operation, context.request.variables), principal);
          for (const key of [keys.private, keys.public]) {
            const entry = key ? await store.get(key) : undefined;
            if (!entry) continue;
            const age = (Date.now() - entry.storedAt) / 1000;
            if (age >= entry.maxAgeSeconds) { staleEntry ??= entry; continue; }
            hit();
            noteCacheStatus(context.contextValue, 'hit');
            answered = true;
            const headers = new HeaderMap();
            setHeaders(headers, entry, age, principal.role !== 'anonymous');
            return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: JSON.parse(entry.body) as Record<string, unknown> } };
          }
          miss();
          noteCacheStatus(context.contextValue, 'miss');
          return null;
        },

        async willSendResponse(context) {
          const { response, contextValue } = context;
          if (answered || !keys || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length) {
            if (!staleEntry) return;
            stale();
            noteCacheStatus(contextValue, 'stale');
            const body = JSON.parse(staleEntry.body) as { extensions?: Record<string, unknown> };
            response.body.singleResult = { ...body, extensions: { ...body.extensions, stale: true } };
            response.http.headers.set('cache-control', 'no-store');
            return;
          }
          const policy = context.overallCachePolicy.policyIfCacheable();
          if (!policy) return;
          const key = policy.scope === 'PUBLIC' ? keys.public : keys.private;
          if (!key) return;
          const body = JSON.stringify(result);
          const entry: CachedResponse = {
            body, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, storedAt: Date.now(),
            maxAgeSeconds: policy.maxAge, scope: policy.scope, tags: [...contextValue.entities.returned],
          };
          if (await store.set(key, entry, policy.maxAge + staleIfErrorSeconds, contextValue.entities.dataSince)) stored();
          setHeaders(response.http.headers, entry, 0, contextValue.principal.role !== 'anonymous');
        },
      };
    },
  };
}
