/**
 * The Kubernetes manifests (deploy/kubernetes/) checked against the code they deploy: the gateway's
 * configuration file passes its schema, every environment variable is one the process reads, each
 * subgraph's environment passes its config, probes hit /health and /ready, the grace period covers the
 * pre-stop pause, the not-ready phase and the drain, and selectors, autoscaler and secrets line up.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { SUBGRAPH_HTTP_DEFAULTS } from '../../subgraphs/runtime/serving/http-server.ts';
import { billingConfigFromEnv, BILLING_ENV } from '../../subgraphs/billing/config.ts';
import { catalogConfigFromEnv, CATALOG_ENV } from '../../subgraphs/catalog/config.ts';
import { inventoryConfigFromEnv, INVENTORY_ENV } from '../../subgraphs/inventory/config.ts';
import { orderingConfigFromEnv, ORDERING_ENV } from '../../subgraphs/ordering/config.ts';
import { partyConfigFromEnv, PARTY_ENV } from '../../subgraphs/party/config.ts';
import type { EnvMap, EnvVariable } from '../../subgraphs/runtime/serving/env.ts';

const DIR = new URL('../../deploy/kubernetes/', import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const docs: Doc[] = readdirSync(DIR).filter((f) => f.endsWith('.yaml'))
  .flatMap((file) => parseAllDocuments(readFileSync(new URL(file, DIR), 'utf8')).map((d) => d.toJS()))
  .filter(Boolean);
const ofKind = (kind: string): Doc[] => docs.filter((d) => d.kind === kind);
const deployment = (name: string): Doc => ofKind('Deployment').find((d) => d.metadata.name === name);
const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** Variables a source file reads as env['X'] or process.env['X']. */
const readBy = (path: string): string[] => [...source(path).matchAll(/env\['([A-Z0-9_]+)'\]/g)].map((m) => m[1] as string);
const namesOf = (map: EnvMap): string[] => Object.values(map).flatMap((v) => ('names' in v ? (v as EnvVariable).names : namesOf(v as EnvMap)));
const SUBGRAPHS = {
  party: { env: PARTY_ENV, load: partyConfigFromEnv }, catalog: { env: CATALOG_ENV, load: catalogConfigFromEnv },
  ordering: { env: ORDERING_ENV, load: orderingConfigFromEnv }, billing: { env: BILLING_ENV, load: billingConfigFromEnv },
  inventory: { env: INVENTORY_ENV, load: inventoryConfigFromEnv },
} as const;
const container = (d: Doc) => d.spec.template.spec.containers[0];
/** The manifest's environment, a secret's value replaced by a plausible one of its kind. */
const envOf = (d: Doc): Record<string, string> => Object.fromEntries(container(d).env.map((e: Doc) =>
  [e.name, e.value ?? (e.valueFrom.secretKeyRef.key === 'redis-url' ? 'redis-cluster://redis-0:6379,redis-1:6379' : 'x'.repeat(24))]));

describe('Kubernetes manifests', () => {
  it('give the gateway a configuration file its schema accepts, and only variables it reads', () => {
    const file = JSON.parse(ofKind('ConfigMap').find((c) => c.metadata.name === 'passerelle-gateway').data['gateway.json']);
    expect(() => loadGatewayConfig({ ...file, production: true })).not.toThrow();
    const known = new Set([...readBy('gateway/main.ts'), 'NODE_ENV', 'APOLLO_TELEMETRY_DISABLED']);
    for (const name of Object.keys(envOf(deployment('passerelle-gateway')))) expect(known, name).toContain(name);
  });

  it('give every subgraph an environment its config accepts, and only variables it reads', () => {
    for (const [name, { env, load }] of Object.entries(SUBGRAPHS)) {
      const d = deployment(`passerelle-${name}`);
      expect(d, name).toBeDefined();
      const vars = envOf(d);
      const known = new Set([...namesOf(env), ...readBy('subgraphs/main.ts'), 'NODE_ENV']);
      for (const key of Object.keys(vars)) expect(known, `${name}: ${key}`).toContain(key);
      expect(() => load(vars), name).not.toThrow();
      expect(container(d).command).toEqual(expect.arrayContaining(['dist/subgraphs/main.js', name]));
    }
  });

  it('probe /health and /ready, and give each pod time for the pause, the not-ready phase and the drain', () => {
    const file = JSON.parse(ofKind('ConfigMap').find((c) => c.metadata.name === 'passerelle-gateway').data['gateway.json']);
    const config = loadGatewayConfig({ ...file, production: true });
    for (const d of ofKind('Deployment')) {
      const c = container(d);
      expect([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path], d.metadata.name).toEqual(['/health', '/ready']);
      const isGateway = d.metadata.name === 'passerelle-gateway';
      const notReadyMs = isGateway ? config.shutdownNotReadyMs ?? 5_000 : Number(envOf(d)['PASSERELLE_SHUTDOWN_NOT_READY_MS'] ?? 5_000);
      const drainMs = isGateway ? config.shutdownGraceMs : SUBGRAPH_HTTP_DEFAULTS.graceMs;
      const needed = c.lifecycle.preStop.sleep.seconds + (notReadyMs + drainMs) / 1000;
      expect(d.spec.template.spec.terminationGracePeriodSeconds, d.metadata.name).toBeGreaterThan(needed);
      expect(c.resources.requests.cpu, d.metadata.name).toBeDefined();
      expect(existsSync(new URL(`../../${c.command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts')}`, import.meta.url)), c.command[1]).toBe(true);
    }
  });

  it('line up Services, disruption budgets and the autoscaler with the Deployments they name', () => {
    for (const d of ofKind('Deployment')) {
      const labels = d.spec.template.metadata.labels;
      expect(d.spec.selector.matchLabels, d.metadata.name).toEqual(expect.objectContaining({ 'app.kubernetes.io/name': labels['app.kubernetes.io/name'] }));
      const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
      expect(ofKind('Service').some((s) => selects(s.spec.selector)), `${d.metadata.name} Service`).toBe(true);
      const budget = ofKind('PodDisruptionBudget').find((p) => selects(p.spec.selector.matchLabels));
      expect(budget, `${d.metadata.name} PodDisruptionBudget`).toBeDefined();
      expect(budget.spec.minAvailable, d.metadata.name).toBeLessThan(d.spec.replicas);
    }
    const hpa = ofKind('HorizontalPodAutoscaler')[0];
    expect(deployment(hpa.spec.scaleTargetRef.name)).toBeDefined();
    expect(hpa.spec.minReplicas).toBeGreaterThan(ofKind('PodDisruptionBudget').find((p) => p.metadata.name === hpa.spec.scaleTargetRef.name).spec.minAvailable);
  });

  it('reference only secrets and keys the example secrets define', () => {
    const secrets = new Map(ofKind('Secret').map((s) => [s.metadata.name, Object.keys(s.stringData)]));
    for (const d of ofKind('Deployment')) {
      for (const e of container(d).env) if (e.valueFrom) expect(secrets.get(e.valueFrom.secretKeyRef.name), e.name).toContain(e.valueFrom.secretKeyRef.key);
      for (const v of d.spec.template.spec.volumes ?? []) if (v.secret) for (const item of v.secret.items) expect(secrets.get(v.secret.secretName)).toContain(item.key);
    }
  });
});
