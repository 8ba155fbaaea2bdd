/** Loads the `.graphql` operations of every channel under clients/<channel>/operations/. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

export interface ClientOperation { channel: string; file: string; name: string; source: string; document: DocumentNode }

export function loadClientOperations(root = fileURLToPath(new URL('.', import.meta.url))): ClientOperation[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((channel) => {
      const dir = `${root}/${channel.name}/operations`;
      let files: string[];
      try { files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort(); } catch { return []; }
      return files.map((file) => {
        const source = readFileSync(`${dir}/${file}`, 'utf8');
        const document = parse(source);
        const op = document.definitions.find((d) => d.kind === 'OperationDefinition');
        return { channel: channel.name, file: `${channel.name}/operations/${file}`, name: op && 'name' in op && op.name ? op.name.value : file, source, document };
      });
    });
}
