/**
 * Apollo Sandbox (the development landing page) loads from Apollo's CDN: without internet it is a blank
 * page. This wraps the landing page plugin so that its HTML also offers the gateway's own offline
 * explorer: a link, visible under Sandbox until Sandbox covers it, and a script that switches to the
 * explorer as soon as a script from another origin (the CDN) fails to load, or Sandbox is still missing
 * when the page has loaded or after SANDBOX_WAIT_MS.
 */
import type { ApolloServerPlugin, GraphQLServerListener } from '@apollo/server';

type LandingPage = Awaited<ReturnType<NonNullable<GraphQLServerListener['renderLandingPage']>>>;

/** How long Sandbox's script may take to arrive before the page switches to the offline explorer. */
export const SANDBOX_WAIT_MS = 15_000;

/** The `nonce-...` Apollo's page allows its own inline scripts with (a new one per page). */
const NONCE = /<script nonce="([A-Za-z0-9+/=]+)"/;

function fallbackHtml(explorerPath: string, nonce: string): string {
  const path = JSON.stringify(explorerPath);
  return `
    <style nonce="${nonce}">#passerelle-offline-explorer { font-family: sans-serif; margin: 0; padding: 1em; }</style>
    <p id="passerelle-offline-explorer">
      Apollo Sandbox loads from Apollo's CDN. Offline? <a href="${explorerPath}">Open the gateway's own GraphiQL explorer</a>.
    </p>
    <script nonce="${nonce}">
      (function () {
        var switched = false;
        function toExplorer() { if (!switched) { switched = true; window.location.replace(${path}); } }
        window.addEventListener('error', function (event) {
          var target = event.target;
          if (target && target.tagName === 'SCRIPT' && target.src && new URL(target.src).origin !== window.location.origin) toExplorer();
        }, true);
        function sandboxMissing() { if (typeof window.EmbeddedSandbox !== 'function') toExplorer(); }
        window.addEventListener('load', sandboxMissing);
        // A CDN that never answers (a proxy dropping the connection) holds 'load' back for minutes.
        setTimeout(sandboxMissing, ${SANDBOX_WAIT_MS});
      })();
    </script>`;
}

/** Inserts the fallback first in <body>, before Sandbox's script tag, so that its error listener sees that tag fail. */
export function withExplorerFallback(html: string, explorerPath: string): string {
  const nonce = NONCE.exec(html)?.[1];
  const body = html.indexOf('<body>');
  // Not the page this was written for (an Apollo upgrade changed it): serve it unchanged rather than break it.
  if (!nonce || body < 0) return html;
  const at = body + '<body>'.length;
  return html.slice(0, at) + fallbackHtml(explorerPath, nonce) + html.slice(at);
}

/** The landing page plugin, its HTML with the offline explorer fallback. */
export function landingPageWithExplorerFallback(plugin: ApolloServerPlugin, explorerPath: string): ApolloServerPlugin {
  const withFallback = (page: LandingPage): LandingPage => ({
    html: typeof page.html === 'string'
      ? withExplorerFallback(page.html, explorerPath)
      : async () => withExplorerFallback(await (page.html as () => Promise<string>)(), explorerPath),
  });
  return {
    // Apollo installs its own landing page unless a plugin carrying this key is present (as Apollo's own do).
    __internal_installed_implicitly__: false,
    async serverWillStart(service) {
      const listener = await plugin.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return { ...listener, renderLandingPage: async () => withFallback(await render.call(listener)) };
    },
  } as ApolloServerPlugin;
}
