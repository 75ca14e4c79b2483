// Validates the output of `helm template` (stdin) for scripts/check-helm; argument: a label for
// messages. scripts/check-helm copies this file into its tools folder and runs it there, so the
// bare imports below resolve to the npm packages it installed.
//
// 1. Every document parses (yaml@2; duplicate keys are errors) and has apiVersion, kind and a name.
// 2. Kubernetes kinds are validated with the matching kubernetes-models class
//    (new Model(obj).validate(): the OpenAPI schema of Kubernetes: types, required fields, enums).
//    That schema allows unknown fields, so misspelt keys are not caught here; the chart's
//    values.schema.json catches misspelt values instead.
// 3. KEDA's ScaledObject (a CRD, no kubernetes-models class) is validated with ajv against
//    SCALED_OBJECT below: the fields of KEDA 2.x's ScaledObject CRD that this chart can emit,
//    structural like the CRD (unknown fields fail, trigger metadata values must be strings), and a
//    kafka trigger must name bootstrapServers, consumerGroup, topic and lagThreshold.
// 4. Any other kind fails: add a schema before the chart emits it.
// 5. Cross-references a cluster would only reject at apply time, or never: selectors match pod
//    labels; Services, Ingresses, autoscalers and PDBs point at rendered objects; an autoscaled
//    Deployment leaves replicas alone; env and volume references resolve (Secrets rendered by the
//    chart must hold the keys read from them; Secrets it does not render are reported as external);
//    every container has CPU and memory requests and a memory limit, runs as non-root with a
//    read-only root filesystem; names are DNS labels of at most 63 characters.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const label = process.argv[2] ?? "stdin";
const problems = [];
const problem = (where, msg) => problems.push(`${where}: ${msg}`);
const nameOf = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

const SCALED_OBJECT = {
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "keda.sh/v1alpha1" },
    kind: { const: "ScaledObject" },
    metadata: { type: "object", required: ["name"] },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["scaleTargetRef", "triggers"],
      properties: {
        scaleTargetRef: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            name: { type: "string", minLength: 1 },
            apiVersion: { type: "string" },
            kind: { type: "string" },
            envSourceContainerName: { type: "string" },
          },
        },
        minReplicaCount: { type: "integer", minimum: 0 },
        maxReplicaCount: { type: "integer", minimum: 1 },
        idleReplicaCount: { type: "integer", minimum: 0 },
        pollingInterval: { type: "integer", minimum: 1 },
        cooldownPeriod: { type: "integer", minimum: 0 },
        initialCooldownPeriod: { type: "integer", minimum: 0 },
        advanced: { type: "object" },
        fallback: { type: "object" },
        triggers: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["type", "metadata"],
            properties: {
              type: { type: "string", minLength: 1 },
              name: { type: "string" },
              useCachedMetrics: { type: "boolean" },
              metricType: { enum: ["AverageValue", "Value", "Utilization"] },
              metadata: { type: "object", additionalProperties: { type: "string" } },
              authenticationRef: { type: "object" },
            },
            if: { properties: { type: { const: "kafka" } } },
            then: {
              properties: {
                metadata: {
                  required: ["bootstrapServers", "consumerGroup", "topic", "lagThreshold"],
                  properties: {
                    offsetResetPolicy: { enum: ["earliest", "latest"] },
                    allowIdleConsumers: { enum: ["true", "false"] },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
const ajv = new Ajv({ allErrors: true, strict: false });
const CRD_SCHEMAS = { "keda.sh/v1alpha1/ScaledObject": ajv.compile(SCALED_OBJECT) };

async function kubernetesModel(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind] ?? null;
  } catch (e) {
    if (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      return null;
    }
    throw e;
  }
}

// 1. Parse.
const docs = [];
for (const doc of parseAllDocuments(readFileSync(0, "utf8"))) {
  if (doc.errors.length || doc.warnings.length) {
    for (const e of [...doc.errors, ...doc.warnings]) problem("yaml", e.message.split("\n")[0]);
    continue;
  }
  const obj = doc.toJS();
  if (obj === null || obj === undefined) continue; // an empty document (a template that rendered nothing)
  if (typeof obj !== "object" || Array.isArray(obj)) {
    problem("yaml", `a document is not a mapping: ${JSON.stringify(obj).slice(0, 80)}`);
    continue;
  }
  docs.push(obj);
}

// 2-4. Schemas.
const counts = {};
for (const obj of docs) {
  const where = nameOf(obj);
  if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string" || typeof obj.metadata?.name !== "string") {
    problem(where, "apiVersion, kind and metadata.name are required");
    continue;
  }
  counts[obj.kind] = (counts[obj.kind] ?? 0) + 1;
  const crd = CRD_SCHEMAS[`${obj.apiVersion}/${obj.kind}`];
  if (crd) {
    if (!crd(obj)) {
      for (const e of crd.errors) problem(where, `${e.instancePath || "/"} ${e.message}`);
    }
    continue;
  }
  const Model = await kubernetesModel(obj.apiVersion, obj.kind);
  if (!Model) {
    problem(where, `no schema for ${obj.apiVersion} ${obj.kind} (not in kubernetes-models, no CRD schema here)`);
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    problem(where, e.message);
  }
}

// 5. Cross-references.
const byKind = (kind) => docs.filter((d) => d.kind === kind);
const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
const matches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const workloads = docs.filter((d) => ["Deployment", "Job"].includes(d.kind));
const podOf = (w) => w.spec?.template;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const externalSecrets = new Set();

for (const d of docs) {
  const n = d.metadata?.name ?? "";
  if (!DNS_LABEL.test(n) || n.length > 63) problem(nameOf(d), "the name is not a DNS label of at most 63 characters");
}

for (const w of workloads) {
  const where = nameOf(w);
  const pod = podOf(w);
  if (w.kind === "Deployment" && !matches(w.spec?.selector?.matchLabels, pod?.metadata?.labels)) {
    problem(where, "spec.selector.matchLabels does not match the pod template's labels");
  }
  const volumes = new Set((pod?.spec?.volumes ?? []).map((v) => v.name));
  for (const c of [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])]) {
    const cw = `${where} container ${c.name}`;
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name)) problem(cw, `mounts volume ${m.name}, which the pod does not have`);
    }
    for (const ef of c.envFrom ?? []) {
      if (ef.configMapRef && !find("ConfigMap", ef.configMapRef.name)) problem(cw, `envFrom ConfigMap ${ef.configMapRef.name} is not rendered`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref) {
        const s = find("Secret", ref.name);
        if (!s) {
          externalSecrets.add(`${ref.name}[${ref.key}]`);
        } else if (!(ref.key in (s.stringData ?? {})) && !(ref.key in (s.data ?? {}))) {
          problem(cw, `env ${e.name} reads key ${ref.key} of Secret ${ref.name}, which has no such key`);
        }
      }
      const cm = e.valueFrom?.configMapKeyRef;
      if (cm && !(find("ConfigMap", cm.name)?.data ?? {})[cm.key]) problem(cw, `env ${e.name} reads a missing ConfigMap key ${cm.name}[${cm.key}]`);
    }
    const req = c.resources?.requests ?? {};
    if (req.cpu === undefined || req.memory === undefined || c.resources?.limits?.memory === undefined) {
      problem(cw, "needs CPU and memory requests and a memory limit");
    }
    const psc = pod?.spec?.securityContext ?? {};
    const csc = c.securityContext ?? {};
    if (!(csc.runAsNonRoot ?? psc.runAsNonRoot)) problem(cw, "does not run as non-root (runAsNonRoot)");
    if (csc.readOnlyRootFilesystem !== true) problem(cw, "has a writable root filesystem");
    if (csc.allowPrivilegeEscalation !== false) problem(cw, "allows privilege escalation");
  }
}
for (const s of byKind("Service")) {
  const targets = byKind("Deployment").filter((d) => matches(s.spec?.selector, podOf(d)?.metadata?.labels));
  if (targets.length === 0) {
    problem(nameOf(s), "its selector matches no Deployment's pods");
    continue;
  }
  for (const p of s.spec?.ports ?? []) {
    if (typeof p.targetPort === "string") {
      const named = targets.some((d) => podOf(d).spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)));
      if (!named) problem(nameOf(s), `targetPort ${p.targetPort} is no container port of its pods`);
    }
  }
}

for (const i of byKind("Ingress")) {
  for (const rule of i.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const b = p.backend?.service;
      const svc = b && find("Service", b.name);
      if (!svc) {
        problem(nameOf(i), `backend Service ${b?.name} is not rendered`);
      } else if (b.port?.name && !(svc.spec.ports ?? []).some((sp) => sp.name === b.port.name)) {
        problem(nameOf(i), `Service ${b.name} has no port named ${b.port.name}`);
      }
    }
  }
}

const scaled = new Map();
for (const a of [...byKind("HorizontalPodAutoscaler"), ...byKind("ScaledObject")]) {
  const ref = a.spec?.scaleTargetRef ?? {};
  const kind = ref.kind ?? "Deployment";
  const target = find(kind, ref.name);
  if (!target) {
    problem(nameOf(a), `scales ${kind} ${ref.name}, which is not rendered`);
    continue;
  }
  if (scaled.has(ref.name)) problem(nameOf(a), `${ref.name} is already scaled by ${scaled.get(ref.name)}`);
  scaled.set(ref.name, nameOf(a));
  if (target.spec?.replicas !== undefined) problem(nameOf(target), `sets replicas although ${nameOf(a)} scales it`);
  const [min, max] = a.kind === "ScaledObject" ? [a.spec.minReplicaCount ?? 0, a.spec.maxReplicaCount ?? 100] : [a.spec.minReplicas ?? 1, a.spec.maxReplicas];
  if (min > max) problem(nameOf(a), `minimum ${min} is above maximum ${max}`);
}

for (const p of byKind("PodDisruptionBudget")) {
  if (!byKind("Deployment").some((d) => matches(p.spec?.selector?.matchLabels, podOf(d)?.metadata?.labels))) {
    problem(nameOf(p), "its selector matches no Deployment's pods");
  }
}

const summary = Object.entries(counts).sort().map(([k, v]) => `${v} ${k}`).join(", ");
if (problems.length) {
  console.error(`${label}: ${problems.length} problem(s) in ${docs.length} documents`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
const external = [...externalSecrets].sort();
console.log(`${label}: ${docs.length} documents valid (${summary})` + (external.length ? `; external Secrets: ${external.join(", ")}` : ""));
