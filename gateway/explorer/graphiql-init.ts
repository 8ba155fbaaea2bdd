/**
 * The explorer page's own script, served as a file (the page's Content-Security-Policy allows scripts
 * from the gateway only, so nothing inline). It mounts GraphiQL on the gateway's `/graphql`, same origin.
 */
export const GRAPHIQL_INIT_SCRIPT = `(function () {
  'use strict';
  // Dialogs' scroll lock adds <style> elements tagged with this nonce, the only inline style the CSP allows.
  var script = document.currentScript;
  if (script && script.nonce) window.__webpack_nonce__ = script.nonce;
  var endpoint = new URL('/graphql', window.location.href).href;
  var root = document.getElementById('graphiql');
  root.textContent = '';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: endpoint }),
    // Bearer tokens pasted in the headers editor stay in this tab, never in localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }));
})();
`;

/** Lets GraphiQL fill the window. */
export const GRAPHIQL_PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
`;
