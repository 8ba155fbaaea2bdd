import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Apollo's CommonJS packages load graphql's CJS build; our files must load the same copy, or
    // graphql-js throws "Cannot use GraphQLSchema from another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['{contracts,gateway,subgraphs,registry,schema,clients,dev,test}/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      // @apollo/gateway reports to Apollo and probes cloud metadata addresses unless this is set.
      APOLLO_TELEMETRY_DISABLED: 'true',
      NODE_ENV: 'test',
    },
  },
});
