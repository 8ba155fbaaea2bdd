/**
 * The CRM's error answers: HTML pages from its application server, not JSON, and with internal host
 * names in the footer. A data source that shows any of this to a client leaks the back office.
 */
import type { ServerResponse } from 'node:http';

/** What the CRM's application server signs its error pages with: must never reach a client. */
export const CRM_SERVER_SIGNATURE = 'Apache Tomcat/7.0.109 (crm-app-02.intra.local:8080)';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendHtmlError(res: ServerResponse, status: number, title: string, detail: string): void {
  const body = `<!DOCTYPE html>
<html><head><title>${status} ${escapeHtml(title)}</title></head>
<body><h1>HTTP Status ${status} - ${escapeHtml(title)}</h1>
<p><b>message</b> ${escapeHtml(detail)}</p>
<hr/><h3>${CRM_SERVER_SIGNATURE}</h3></body></html>`;
  const headers: Record<string, string> = { 'content-type': 'text/html;charset=UTF-8' };
  if (status === 503) headers['retry-after'] = '30';
  res.writeHead(status, headers).end(body);
}
