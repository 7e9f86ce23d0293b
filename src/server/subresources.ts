/**
 * What the served subresources are (their response kinds and verbs, as discovery and OpenAPI
 * advertise them) — one table shared by discovery, OpenAPI and the request handler.
 */

/** The kind a subresource request returns and the verbs it accepts. */
export interface SubresourceInfo {
  group: string;
  version: string;
  /** `undefined`: the parent's kind. */
  kind?: string;
  /** Generated model of the response, when it differs from the parent's. */
  model?: string;
  verbs: readonly string[];
}

/**
 * Subresources of kube-apiserver v1.32 (the `APIResource` entries `pods/status`, `pods/binding`,
 * … of `/api/v1`), keyed by subresource name.
 */
export const SUBRESOURCES: Readonly<Record<string, SubresourceInfo>> = {
  status: { group: "", version: "", verbs: ["get", "patch", "update"] },
  scale: {
    group: "autoscaling",
    version: "v1",
    kind: "Scale",
    model: "V1Scale",
    verbs: ["get", "patch", "update"],
  },
  binding: { group: "", version: "v1", kind: "Binding", model: "V1Binding", verbs: ["create"] },
  eviction: { group: "policy", version: "v1", kind: "Eviction", model: "V1Eviction", verbs: ["create"] },
  log: { group: "", version: "", verbs: ["get"] },
  exec: { group: "", version: "v1", kind: "PodExecOptions", verbs: ["create", "get"] },
  attach: { group: "", version: "v1", kind: "PodAttachOptions", verbs: ["create", "get"] },
  portforward: { group: "", version: "v1", kind: "PodPortForwardOptions", verbs: ["create", "get"] },
  proxy: {
    group: "",
    version: "v1",
    kind: "PodProxyOptions",
    verbs: ["create", "delete", "get", "patch", "update"],
  },
  ephemeralcontainers: { group: "", version: "", verbs: ["get", "patch", "update"] },
  resize: { group: "", version: "", verbs: ["get", "patch", "update"] },
  finalize: { group: "", version: "", verbs: ["update"] },
  token: {
    group: "authentication.k8s.io",
    version: "v1",
    kind: "TokenRequest",
    model: "AuthenticationV1TokenRequest",
    verbs: ["create"],
  },
};

/** The kind a subresource of `parent` responds with (`pods/eviction` → policy/v1 Eviction). */
export function subresourceKind(
  parent: { group: string; version: string; kind: string; model: string },
  subresource: string,
): { group: string; version: string; kind: string; model: string; verbs: readonly string[] } {
  const info = SUBRESOURCES[subresource];
  if (!info?.kind) {
    return { ...parent, verbs: info?.verbs ?? ["get"] };
  }
  const kind =
    subresource === "proxy" && parent.kind !== "Pod" ? `${parent.kind}ProxyOptions` : (info.kind as string);
  return {
    group: info.group,
    version: info.version,
    kind,
    model: info.model ?? `V1${kind}`,
    verbs: info.verbs,
  };
}
