/**
 * The files of the offline explorer, read once from node_modules (the browser builds of react, react-dom
 * and graphiql, whose versions package.json pins) plus the page's own script and style. Each is served
 * under a path carrying its content hash, so browsers may keep it for a year: a new version is a new path.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GRAPHIQL_INIT_SCRIPT, GRAPHIQL_PAGE_CSS } from './graphiql-init.ts';

export const GRAPHIQL_ASSETS_PREFIX = '/graphiql/assets/';

export interface StaticAsset {
  /** Its URL path, content hash included. */
  path: string;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Subresource Integrity value for the page's tags. */
  integrity: string;
}

/** In load order: React first, then ReactDOM, then GraphiQL (its browser build reads both globals), then the page's script. */
export interface GraphiqlAssets {
  styles: StaticAsset[];
  scripts: StaticAsset[];
  byPath: ReadonlyMap<string, StaticAsset>;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const packageFile = (require: NodeJS.Require, pkg: string, file: string): Buffer =>
  readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));

function asset(name: string, contentType: string, body: Buffer): StaticAsset {
  const hash = createHash('sha256').update(body).digest();
  const short = hash.toString('hex').slice(0, 16);
  return {
    path: `${GRAPHIQL_ASSETS_PREFIX}${short}/${name}`,
    contentType,
    body,
    etag: `"${short}"`,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
  };
}

let loaded: GraphiqlAssets | undefined;

/** Reads the files (about 1.5 MB) once per process, when a gateway with the explorer on starts. */
export function loadGraphiqlAssets(): GraphiqlAssets {
  loaded ??= readGraphiqlAssets();
  return loaded;
}

function readGraphiqlAssets(): GraphiqlAssets {
  const require = createRequire(import.meta.url);
  const styles = [
    asset('graphiql.min.css', CSS, packageFile(require, 'graphiql', 'graphiql.min.css')),
    asset('graphiql-page.css', CSS, Buffer.from(GRAPHIQL_PAGE_CSS)),
  ];
  const scripts = [
    asset('react.production.min.js', JS, packageFile(require, 'react', 'umd/react.production.min.js')),
    asset('react-dom.production.min.js', JS, packageFile(require, 'react-dom', 'umd/react-dom.production.min.js')),
    asset('graphiql.min.js', JS, packageFile(require, 'graphiql', 'graphiql.min.js')),
    asset('graphiql-init.js', JS, Buffer.from(GRAPHIQL_INIT_SCRIPT)),
  ];
  return { styles, scripts, byPath: new Map([...styles, ...scripts].map((a) => [a.path, a])) };
}
