/**
 * A small router for the registry's API: `METHOD /path/:param` patterns, each with the access it needs.
 * Parameters are URL-decoded; a route that matches the path but not the method answers 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Credential } from '../credentials/credentials-file.ts';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Null only on public routes. */
  credential: Credential | null;
}

export interface Route {
  method: string;
  path: string;
  /** 'public': no credential (health); 'read': any valid credential; finer rules live in the handler. */
  access: 'public' | 'read';
  /** A page a development registry shows to a browser on its own machine without a credential (local-browser.ts). */
  localBrowserPage?: boolean;
  handle(ctx: RouteContext): Promise<void>;
}

interface Compiled { route: Route; pattern: RegExp; names: string[] }

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.split('/').map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(part.slice(1));
        return '([^/]+)';
      }).join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** The route for a request, 'method-not-allowed' when only the method differs, or null. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method-not-allowed' | null {
    let pathMatched = false;
    for (const { route, pattern, names } of this.compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      try {
        return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
      } catch {
        return null;
      }
    }
    return pathMatched ? 'method-not-allowed' : null;
  }
}
