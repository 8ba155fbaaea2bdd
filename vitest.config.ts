import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

const ALL_TESTS = '{contracts,gateway,subgraphs,registry,schema,clients,dev,test}/**/*.test.ts';
/**
 * End-to-end tests: test/e2e, and every test that starts whole processes (a CLI, `npm start`, the compiled
 * gateway, redis-server, lock racers, dependency-cruiser). They are slower and heavier than unit tests:
 * `npm run test:unit` runs without them, `npm run test:e2e` runs only them, `npm test` runs both.
 * test/architecture/test-projects.test.ts fails when a test that spawns a process is missing here.
 */
export const E2E_TESTS = [
  'test/e2e/**/*.test.ts',
  'test/architecture/dependency-rules.test.ts',
  'gateway/main.test.ts',
  'gateway/cache/pending-invalidations.test.ts',
  'registry/cli/cli.test.ts',
  'registry/store/directory-lock.test.ts',
  'registry/store/redis-lock.test.ts',
  'dev/identity/identity.test.ts',
  'dev/stack/npm-start.test.ts',
  'dev/identity/token-cli.test.ts',
  'test/cli/cli-help.test.ts',
  'gateway/http/cors.test.ts',
  'contracts/lib/stack-addresses.test.ts',
  'test/cluster/**/*.test.ts',
  'dev/chaos/chaos.test.ts',
  'registry/cli/usage-cli.test.ts',
];

export default defineConfig({
  resolve: {
    // Apollo's CommonJS packages load graphql's CJS build; our files must load the same copy, or
    // graphql-js throws "Cannot use GraphQLSchema from another module or realm". Vite honours graphql's
    // "module" field (its .mjs build), so the alias is needed here; plain node (tsx, dist/) resolves
    // graphql's "main" (CJS) for `import` as for `require`, one copy, no alias needed there.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      // @apollo/gateway reports to Apollo and probes cloud metadata addresses unless this is set.
      APOLLO_TELEMETRY_DISABLED: 'true',
      NODE_ENV: 'test',
    },
    // `extends: true`: both projects keep the alias and the settings above.
    projects: [
      { extends: true, test: { name: 'unit', include: [ALL_TESTS], exclude: [...configDefaults.exclude, ...E2E_TESTS] } },
      { extends: true, test: { name: 'e2e', include: E2E_TESTS } },
    ],
  },
});
