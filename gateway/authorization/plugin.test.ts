import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import { loadGatewayConfig } from '../config.ts';
import { fragmentFanOut } from '../limits/hostile-shapes.ts';
import { useAuthorization } from './plugin.ts';

const schema = buildSchema('type Query { offering: Offering } type Offering { id: ID! name: String }');
const limits = loadGatewayConfig({ supergraphFile: 'x', limits: { default: { maxSelections: 50 } } }).limits;

async function resolveOperation(query: string): Promise<unknown> {
  const hooks = await useAuthorization({ rejectOnChannels: [] }, limits).requestDidStart?.({} as never);
  const context = { contextValue: { principal: principals.anonymous() }, queryHash: query, operationName: null, schema, document: parse(query) };
  try {
    await hooks?.didResolveOperation?.(context as never);
    return null;
  } catch (error) {
    return error;
  }
}

describe('authorization inlines fragments within the channel\'s maxSelections', () => {
  it('filters an operation within the budget', async () => {
    expect(await resolveOperation(fragmentFanOut(4, { field: 'offering', type: 'Offering', leaf: 'id' }))).toBeNull();
  });

  it('refuses past it with OPERATION_LIMIT_EXCEEDED naming the limit, having built no more than the budget', async () => {
    const error = await resolveOperation(fragmentFanOut(24, { field: 'offering', type: 'Offering', leaf: 'id' })) as { message: string; extensions: Record<string, unknown> };
    expect(error.message).toBe('The operation exceeds the expanded-selection limit of 50 (maxSelections) for the web channel.');
    expect(error.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', http: { status: 400 } });
  });
});
