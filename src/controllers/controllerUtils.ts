/**
 * Helpers the workload controllers share (k8s.io/kubernetes/pkg/controller/controller_utils.go):
 * controller references, pod activity and availability, pods from templates, the pod-template-hash
 * and the ranking that decides which pods go first on scale-down.
 */
import { type LabelSelectorStruct, type Selector, selectorFromLabelSelector } from "../api/labels.ts";
import { isPodReady, podCondition } from "../api/pods.ts";
import type { KubeObject, OwnerReference, Pod } from "../api/types.ts";
import { RAND_ALPHABET } from "../apiserver/admission/ServiceAccount.ts";

/** Owner's group/version/kind as an ownerReference needs it. */
export interface OwnerKind {
  apiVersion: string;
  kind: string;
}

/** metav1.NewControllerRef: controller=true, blockOwnerDeletion=true. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf. */
export function controllerRefOf(object: { metadata?: KubeObject["metadata"] }): OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/**
 * The work-queue key (`namespace/name`) of the object's controller when it is of that kind
 * (resolveControllerRef without the uid check: the reconcile reads the owner anyway).
 *
 * @example
 * ```ts
 * controllerKeyOf(pod, "Job"); // "default/pi"
 * ```
 */
export function controllerKeyOf(
  object: { metadata?: KubeObject["metadata"] },
  kind: string,
): string | undefined {
  const ref = controllerRefOf(object);
  return ref?.kind === kind ? `${object.metadata?.namespace}/${ref.name}` : undefined;
}

/** Whether the object is controlled by the owner (same uid). */
export function isControlledBy(object: { metadata?: KubeObject["metadata"] }, owner: KubeObject): boolean {
  return controllerRefOf(object)?.uid === owner.metadata.uid;
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata?.deletionTimestamp;
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podCondition(pod, "Ready")?.lastTransitionTime;
  if (!since) return false;
  return Date.parse(since) + minReadySeconds * 1000 <= now;
}

/** A workload's selector as a Selector (nil matches nothing). */
export function workloadSelector(
  spec: { selector?: LabelSelectorStruct | null } | undefined,
): Selector | null {
  try {
    return selectorFromLabelSelector(spec?.selector ?? null);
  } catch {
    return null;
  }
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** rand.SafeEncodeString: every byte mapped into the alphabet without vowels and look-alikes. */
export function safeEncodeString(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) out += RAND_ALPHABET[byte % RAND_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * controller.ComputeHash: FNV-32a of the pod template (plus the collision count, little-endian, when
 * set), its decimal value encoded with {@link safeEncodeString}. The real controller hashes spew's
 * dump of the Go struct; kubespec hashes the template's canonical JSON, so the algorithm and
 * alphabet are the real ones but a given template's value differs from a real cluster's.
 *
 * @example
 * ```ts
 * computeHash({ metadata: { labels: { app: "web" } }, spec: { containers: [] } }); // e.g. "5d9c8f7b4"
 * ```
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJSON(template);
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(collisionCount >>> 0, 0);
    text += bytes.toString("latin1");
  }
  return safeEncodeString(String(fnv32a(text)));
}

/** A pod manifest from a workload's template (controller.GetPodFromTemplate). */
export function podFromTemplate(
  template: { metadata?: KubeObject["metadata"]; spec?: Pod["spec"] },
  owner: KubeObject,
  extraLabels: Record<string, string> = {},
): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      namespace: owner.metadata.namespace as string,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ownerReferences: [newControllerRef(owner)],
    },
    spec: structuredClone(template.spec) as NonNullable<Pod["spec"]>,
  };
  const metadata = pod.metadata as NonNullable<Pod["metadata"]>;
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  return pod;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/**
 * ActivePods ordering (controller.ActivePodsWithRanks, simplified): the pods to delete first come
 * first — unassigned before assigned, Pending before Unknown before Running, not ready before ready,
 * ready for less time before longer, more restarts before fewer, newer before older.
 */
export function compareForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Pod) => PHASE_RANK[p.status?.phase ?? "Pending"] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (isPodReady(a) && isPodReady(b)) {
    const since = (p: Pod) => Date.parse(podCondition(p, "Ready")?.lastTransitionTime ?? "") || 0;
    if (since(a) !== since(b)) return since(b) - since(a);
  }
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: Pod) => Date.parse(p.metadata?.creationTimestamp ?? "") || 0;
  if (created(a) !== created(b)) return created(b) - created(a);
  return (a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1;
}

/** RFC 3339 seconds (metav1.Time). */
export function rfc3339(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}
