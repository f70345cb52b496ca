import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { configSchema, PROJECT_ROOT } from '@newsledger/platform';
import { parseAllDocuments } from 'yaml';
// Every app mounts these two controllers (PlatformModule); the probes and the scrape must hit their routes.
import { HealthController } from '../../libs/platform/src/health/health.controller.js';
import { MetricsController } from '../../libs/platform/src/metrics/metrics.controller.js';

// No cluster runs where the tests do, so the manifests are checked against the code they deploy.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form YAML, pinned down by the assertions
type Manifest = Record<string, any>;
interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string }[];
  envFrom?: { secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

const K8S_DIR = path.join(PROJECT_ROOT, 'infra/k8s');
const files = readdirSync(K8S_DIR).filter((file) => /\.ya?ml$/.test(file));
const manifests: (Manifest & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(K8S_DIR, file), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
    return { ...(document.toJS() as Manifest), file };
  }),
);
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const deployments = ofKind('Deployment');
const workloads = [...deployments, ...ofKind('Job')];
const containersOf = (workload: Manifest) => workload.spec.template.spec.containers as Container[];
const knownVariables = new Set(Object.keys(configSchema.shape));

function routesOf(controller: object): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
  const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
  return Object.getOwnPropertyNames(prototype)
    .map((method) => prototype[method] as object)
    .filter((handler) => Reflect.getMetadata(METHOD_METADATA, handler) !== undefined)
    .map((handler) => Reflect.getMetadata(PATH_METADATA, handler) as string)
    .map((route) => `/${[base, route].filter((part) => part && part !== '/').join('/')}`);
}
const realPaths = new Set([...routesOf(HealthController), ...routesOf(MetricsController)]);

/** True when every label the selector asks for is on the pod template. */
const selects = (matchLabels: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(matchLabels).every(([key, value]) => labels[key] === value);

describe('infra/k8s manifests', () => {
  it('parse, and each names its apiVersion, kind and name', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect([manifest.file, typeof manifest.apiVersion, typeof manifest.kind, typeof manifest.metadata?.name]).toEqual([
        manifest.file,
        'string',
        'string',
        'string',
      ]);
    }
  });

  it('deploy the four apps, one Deployment each', () => {
    expect(deployments.map((d) => d.spec.template.metadata.labels.component).sort()).toEqual([
      'alert-router',
      'api',
      'projector',
      'webhook-worker',
    ]);
  });

  it('knows the routes it checks probes against', () => {
    expect([...realPaths].sort()).toEqual(['/health/live', '/health/ready', '/metrics']);
  });

  describe.each(workloads.map((w) => [w.metadata.name as string, w] as const))('%s', (_name, workload) => {
    const containers = containersOf(workload);

    it('runs an entry point that `npm run build` produces', () => {
      for (const { command = [] } of containers) {
        const match = /^dist\/(apps\/[\w-]+\/main)\.js$/.exec(command[1] ?? '');
        expect([command[0], match && existsSync(path.join(PROJECT_ROOT, `${match[1]}.ts`))]).toEqual(['node', true]);
      }
    });

    it('probes routes every app serves, on a port the container names', () => {
      for (const container of containers) {
        for (const probe of [container.readinessProbe, container.livenessProbe].filter((p) => p !== undefined)) {
          expect(realPaths.has(probe.httpGet!.path)).toBe(true);
          expect(container.ports?.map((port) => port.name)).toContain(probe.httpGet!.port);
        }
      }
    });

    it('sets only variables the config schema knows', () => {
      const unknown = containers.flatMap((c) => (c.env ?? []).map((v) => v.name)).filter((name) => !knownVariables.has(name));
      expect(unknown).toEqual([]);
    });

    it('requests CPU and memory and limits memory', () => {
      for (const { resources } of containers) {
        expect(resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(resources?.limits?.memory).toEqual(expect.any(String));
      }
    });
  });

  it.each(deployments.map((d) => [d.metadata.name as string, d] as const))(
    '%s is probed for readiness and liveness',
    (_name, deployment) => {
      for (const container of containersOf(deployment)) {
        expect([container.readinessProbe?.httpGet?.path, container.livenessProbe?.httpGet?.path]).toEqual([
          '/health/ready',
          '/health/live',
        ]);
      }
    },
  );

  it('puts only schema variables in any Secret it ships', () => {
    const keys = ofKind('Secret').flatMap((secret) => Object.keys({ ...secret.stringData, ...secret.data }));
    expect(keys.filter((key) => !knownVariables.has(key))).toEqual([]);
  });

  it.each(deployments.map((d) => [d.metadata.name as string, d] as const))(
    '%s has a PodDisruptionBudget keeping one pod up',
    (_name, deployment) => {
      const labels = deployment.spec.template.metadata.labels as Record<string, string>;
      const budgets = ofKind('PodDisruptionBudget').filter((pdb) => selects(pdb.spec.selector.matchLabels, labels));
      expect(budgets.map((pdb) => pdb.spec.minAvailable)).toEqual([1]);
    },
  );

  it('scales api on CPU and webhook-worker on queue depth', () => {
    const hpas = Object.fromEntries(
      ofKind('HorizontalPodAutoscaler').map((hpa) => {
        const target = hpa.spec.scaleTargetRef as { kind: string; name: string };
        expect(deployments.some((d) => target.kind === 'Deployment' && d.metadata.name === target.name)).toBe(true);
        return [target.name, (hpa.spec.metrics as Manifest[]).map((metric) => metric.resource?.name ?? metric.external?.metric?.name)];
      }),
    );
    expect(hpas).toEqual({
      'newsledger-api': ['cpu'],
      'newsledger-webhook-worker': ['newsledger_webhook_queue_waiting', 'cpu'],
    });
  });

  it('migrates in a Job that runs the CLI once', () => {
    const [job] = ofKind('Job');
    expect(containersOf(job!).map((c) => c.command)).toEqual([['node', 'dist/apps/cli/main.js', 'migrate']]);
    expect(job!.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('scrapes /metrics from every app through a ServiceMonitor', () => {
    const [monitor] = ofKind('ServiceMonitor');
    const services = ofKind('Service').filter((service) => selects(monitor!.spec.selector.matchLabels, service.metadata.labels ?? {}));
    expect(services).toHaveLength(1);
    const [endpoint] = monitor!.spec.endpoints as { port: string; path: string }[];
    expect(realPaths.has(endpoint!.path)).toBe(true);
    expect(services[0]!.spec.ports.map((port: { name: string }) => port.name)).toContain(endpoint!.port);
    for (const deployment of deployments) {
      expect(selects(services[0]!.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
      expect(containersOf(deployment)[0]!.ports?.map((port) => port.name)).toContain(services[0]!.spec.ports[0].targetPort);
    }
  });
});
