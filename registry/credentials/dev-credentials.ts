/**
 * Development credentials with known secrets, for `npm run registry -- --dev` only: an admin, a reader
 * and one owner per subgraph. They are hashed like any other but held in memory, never written to the
 * credentials file, so a registry started later without --dev does not accept them.
 * Tokens: `dev-admin.passerelle-dev-dev-admin`, `dev-reader.passerelle-dev-dev-reader`,
 * `dev-catalog.passerelle-dev-dev-catalog`... (`<id>.passerelle-dev-<id>`).
 */
import { makeCredential, type Credential } from './credentials-file.ts';

export async function devCredentials(subgraphs: readonly string[]): Promise<{ credentials: Credential[]; tokens: Record<string, string> }> {
  const specs = [
    { id: 'dev-admin', role: 'admin' as const },
    { id: 'dev-reader', role: 'reader' as const },
    ...subgraphs.map((subgraph) => ({ id: `dev-${subgraph}`, role: 'owner' as const, subgraph })),
  ];
  const made = await Promise.all(specs.map((spec) => makeCredential(spec, `passerelle-dev-${spec.id}`)));
  return {
    credentials: made.map((m) => m.credential),
    tokens: Object.fromEntries(made.map((m) => [m.credential.id, m.token])),
  };
}
