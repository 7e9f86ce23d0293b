/**
 * Defaulting as the apiserver applies it while decoding (pkg/apis/core/v1/defaults.go and the
 * generated zz_generated.defaults.go): every field a user may omit gets the value a real v1.32
 * cluster would store.
 */
import { defaultPullPolicy } from "./pods.ts";
import type { Container, KubeObject, Namespace, Node, Pod, Service } from "./types.ts";
import { WORKLOAD_DEFAULTERS } from "./workloadDefaults.ts";

type Probe = NonNullable<Container["livenessProbe"]>;

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) {
    probe.httpGet.path ??= "/";
    probe.httpGet.scheme ??= "HTTP";
  }
}

/** SetDefaults_Container and friends. */
export function defaultContainer(container: Container): void {
  // An empty image fails to parse and gets IfNotPresent (SetDefaults_Container ignores the error).
  if (!container.imagePullPolicy) {
    container.imagePullPolicy = container.image ? defaultPullPolicy(container.image) : "IfNotPresent";
  }
  container.terminationMessagePath ??= "/dev/termination-log";
  container.terminationMessagePolicy ??= "File";
  for (const port of container.ports ?? []) port.protocol ??= "TCP";
  for (const env of container.env ?? []) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ??= "v1";
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  // SetDefaults_Pod: a limit without a request makes the request equal to the limit.
  const limits = container.resources?.limits;
  if (limits && container.resources) {
    container.resources.requests ??= {};
    const requests = container.resources.requests;
    for (const [name, value] of Object.entries(limits))
      if (requests[name] === undefined) requests[name] = value;
  }
}

/** SetDefaults_Pod / SetDefaults_PodSpec. */
export function defaultPod(pod: Pod): void {
  const spec = pod.spec;
  if (!spec) return;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  spec.enableServiceLinks ??= true;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const t of spec.tolerations ?? []) {
    if (t.operator === undefined && t.key !== undefined) t.operator = "Equal";
  }
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) p.hostPort ??= p.containerPort;
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.emptyDir) continue;
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= "";
  }
}

/** SetDefaults_Namespace: the immutable `kubernetes.io/metadata.name` label. */
export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (!name || !ns.metadata) return;
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), "kubernetes.io/metadata.name": name };
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: Node): void {
  if (node.status?.capacity && !node.status.allocatable)
    node.status.allocatable = { ...node.status.capacity };
}

/** SetDefaults_Secret: the type is Opaque unless given. */
function defaultSecret(secret: KubeObject): void {
  (secret as { type?: string }).type ||= "Opaque";
}

/** SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority, globalDefault false. */
function defaultPriorityClass(pc: KubeObject): void {
  const o = pc as { preemptionPolicy?: string };
  o.preemptionPolicy ??= "PreemptLowerPriority";
}

/** rbac/v1 SetDefaults_RoleBinding / _ClusterRoleBinding / _Subject: the API groups. */
function defaultBinding(binding: KubeObject): void {
  const b = binding as { roleRef?: { apiGroup?: string }; subjects?: { kind?: string; apiGroup?: string }[] };
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = "rbac.authorization.k8s.io";
  for (const s of b.subjects ?? []) {
    if (s.apiGroup) continue;
    // ServiceAccount subjects get "", which encoding/json omits.
    if (s.kind === "User" || s.kind === "Group") s.apiGroup = "rbac.authorization.k8s.io";
  }
}

/** SetDefaults_Service (pkg/apis/core/v1/defaults.go) and SetDefaults_SessionAffinityConfig. */
export function defaultService(service: Service): void {
  const spec = service.spec;
  if (!spec) return;
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  else if (spec.sessionAffinity === "ClientIP") {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  spec.type ||= "ClusterIP";
  for (const port of spec.ports ?? []) {
    port.protocol ||= "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "")
      port.targetPort = port.port;
  }
  const external =
    spec.type === "NodePort" || spec.type === "LoadBalancer" || (spec.externalIPs ?? []).length > 0;
  if (external) spec.externalTrafficPolicy ||= "Cluster";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP")
    spec.internalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

/** Defaulters by kind. */
export const DEFAULTERS: Readonly<Record<string, (object: KubeObject) => void>> = {
  Pod: (o) => defaultPod(o as unknown as Pod),
  Namespace: (o) => defaultNamespace(o as unknown as Namespace),
  Node: (o) => defaultNode(o as unknown as Node),
  Service: (o) => defaultService(o as unknown as Service),
  // Looked up at call time: workloadDefaults.ts imports defaultPod from this module.
  ...Object.fromEntries(
    ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob"].map((kind) => [
      kind,
      (o: KubeObject) => WORKLOAD_DEFAULTERS[kind]?.(o),
    ]),
  ),
  Secret: defaultSecret,
  PriorityClass: defaultPriorityClass,
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
};
