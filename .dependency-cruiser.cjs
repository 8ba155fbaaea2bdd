/**
 * Passerelle's layout rules (issue 11), checked by `npm run lint:deps` in `npm test` and proven by
 * test/architecture/dependency-rules.test.ts. Deployables share only contracts/.
 */
const DEPLOYABLES = ['gateway', 'subgraphs', 'registry', 'schema', 'clients'];
// Tests beside a module (*.test.ts) may drive it with test/support, dev/ stand-ins and other folders' real artefacts.
const TEST = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    ...DEPLOYABLES.map((from) => ({
      name: `no-${from}-to-other-deployable`,
      severity: 'error',
      comment: `${from}/ may import contracts/ but no other deployable.`,
      from: { path: `^${from}/`, pathNot: TEST },
      to: {
        path: `^(${DEPLOYABLES.filter((d) => d !== from).join('|')})/`,
        // Documented exceptions (composition is schema/'s library, not a running service):
        // - registry/ composes candidate supergraphs and checks design rules: it uses schema/composition/.
        // - clients/ builds its manifests against the API schema printed by schema/composition/api-schema.ts.
        pathNot: from === 'registry' ? '^schema/composition/' : from === 'clients' ? '^schema/composition/api-schema\\.ts$' : undefined,
      },
    })),
    {
      name: 'contracts-import-no-deployable',
      severity: 'error',
      comment: 'contracts/ is imported by deployables and imports none of them.',
      from: { path: '^contracts/', pathNot: TEST },
      to: { path: `^(${DEPLOYABLES.join('|')}|dev|test)/` },
    },
    {
      name: 'product-not-to-dev-or-test',
      severity: 'error',
      comment: 'Product code (not its tests) never imports dev/ tooling or test/ support.',
      from: { path: '^(gateway|subgraphs|registry|schema|clients|contracts)/', pathNot: TEST },
      to: { path: '^(dev|test)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No circular dependencies.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
