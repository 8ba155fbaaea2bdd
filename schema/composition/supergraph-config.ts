/** Reads and validates a supergraph.yaml (Apollo's format: federation_version, subgraphs with routing_url and schema.file). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const configSchema = z.strictObject({
  federation_version: z.string().optional(),
  subgraphs: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.strictObject({
    routing_url: z.url(),
    schema: z.strictObject({ file: z.string().min(1) }),
  })),
});

export interface SubgraphSource { name: string; url: string; file: string; sdl: string }

export function readSupergraphConfig(configPath: string): SubgraphSource[] {
  const parsed = configSchema.safeParse(parseYaml(readFileSync(configPath, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${configPath} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const base = dirname(resolve(configPath));
  return Object.entries(parsed.data.subgraphs).map(([name, s]) => {
    const file = resolve(base, s.schema.file);
    return { name, url: s.routing_url, file, sdl: readFileSync(file, 'utf8') };
  });
}
