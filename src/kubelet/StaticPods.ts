import { defaultPod } from "../api/defaults.ts";
import type { Node, Pod } from "../api/types.ts";
import { rfc3339Nano } from "./containerLogs.ts";

/** Annotations the kubelet puts on static pods and their mirror pods (pkg/kubelet/types). */
export const CONFIG_HASH_ANNOTATION = "kubernetes.io/config.hash";
export const CONFIG_MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
export const CONFIG_SEEN_ANNOTATION = "kubernetes.io/config.seen";
export const CONFIG_SOURCE_ANNOTATION = "kubernetes.io/config.source";

/** Whether a pod from the apiserver is the mirror of a static pod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.[CONFIG_MIRROR_ANNOTATION] !== undefined;
}

/** Whether a pod came from a manifest file rather than the apiserver. */
export function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata?.annotations?.[CONFIG_SOURCE_ANNOTATION];
  return source !== undefined && source !== "api";
}

/** A stable 128-bit hex hash (FNV-1a expanded), standing in for the kubelet's md5 of the manifest. */
function hash(text: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (const ch of `${text}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * A manifest read from the node's static pod directory turned into the pod the kubelet runs
 * (pkg/kubelet/config/common.go applyDefaults): named `<name>-<node>`, in `default` unless the
 * manifest says otherwise, bound to the node, its UID and `kubernetes.io/config.hash` the hash of
 * the manifest, a toleration of every NoExecute taint, and the API's defaults.
 *
 * @example
 * ```ts
 * staticPodFromManifest({ apiVersion: "v1", kind: "Pod", metadata: { name: "etcd", namespace: "kube-system" }, spec }, "control-plane", now);
 * // metadata.name "etcd-control-plane", annotations kubernetes.io/config.source: file
 * ```
 */
export function staticPodFromManifest(manifest: Pod, nodeName: string, now: number): Pod {
  const pod = structuredClone(manifest);
  if (pod.kind !== "Pod")
    throw new Error(`a static pod manifest must be a Pod, not ${pod.kind ?? "an object without kind"}`);
  if (!pod.metadata?.name) throw new Error("a static pod manifest needs metadata.name");
  if (!pod.spec?.containers?.length) throw new Error(`static pod "${pod.metadata.name}" has no containers`);
  const uid = hash(`${JSON.stringify(manifest)}host:${nodeName}file:/etc/kubernetes/manifests`);
  pod.metadata = {
    ...pod.metadata,
    name: `${pod.metadata.name}-${nodeName.toLowerCase()}`,
    namespace: pod.metadata.namespace || "default",
    uid,
    annotations: {
      ...(pod.metadata.annotations ?? {}),
      [CONFIG_HASH_ANNOTATION]: uid,
      [CONFIG_SEEN_ANNOTATION]: rfc3339Nano(now),
      [CONFIG_SOURCE_ANNOTATION]: "file",
    },
    creationTimestamp: `${new Date(now).toISOString().slice(0, 19)}Z`,
  };
  pod.spec = { ...pod.spec, nodeName };
  defaultPod(pod);
  const tolerations = pod.spec.tolerations ?? [];
  if (!tolerations.some((t) => t.operator === "Exists" && !t.key && t.effect === "NoExecute"))
    pod.spec.tolerations = [...tolerations, { operator: "Exists", effect: "NoExecute" }];
  pod.status = { phase: "Pending" };
  return pod;
}

/**
 * The mirror pod the kubelet creates in the apiserver for a static pod (pkg/kubelet/pod
 * mirror_client.go): the same pod with `kubernetes.io/config.mirror` set to the config hash,
 * owned by the Node, and no UID of its own.
 */
export function mirrorPodFor(staticPod: Pod, node: Node): Pod {
  const pod = structuredClone(staticPod);
  const hashValue = pod.metadata?.annotations?.[CONFIG_HASH_ANNOTATION] ?? "";
  const metadata = { ...(pod.metadata ?? {}) };
  delete metadata.uid;
  delete metadata.creationTimestamp;
  metadata.annotations = { ...(metadata.annotations ?? {}), [CONFIG_MIRROR_ANNOTATION]: hashValue };
  metadata.ownerReferences = [
    {
      apiVersion: "v1",
      kind: "Node",
      name: node.metadata?.name ?? "",
      uid: node.metadata?.uid ?? "",
      controller: true,
    },
  ];
  pod.metadata = metadata;
  delete pod.status;
  return pod;
}
