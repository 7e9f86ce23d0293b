/**
 * The registry of API kinds: group, version, kind, resource names, short names, scope and the
 * generated model that describes each one's structure. The apiserver, the built-in kubectl and the
 * HTTP server all resolve resources here (the simulator's RESTMapper and discovery document).
 */

/** Metadata of one served resource. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Resource name, e.g. `pods`. */
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  readonly subresources: readonly string[];
  /** Name of the generated `@kubernetes/client-node` model, e.g. `V1Pod`. */
  readonly model: string;
}

/** `v1` or `apps/v1`. */
export function apiVersionOf(type: { group: string; version: string }): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `pods` or `deployments.apps` (the qualified resource used in messages and `-o name`). */
export function qualifiedResource(type: { group: string; plural: string }): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
] as const;

type Definition = Omit<ResourceType, "singular" | "categories" | "verbs" | "subresources" | "shortNames"> &
  Partial<Pick<ResourceType, "categories" | "verbs" | "subresources" | "shortNames">>;

function define(d: Definition): ResourceType {
  return {
    singular: d.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    ...d,
  };
}

/**
 * The kinds kubespec serves (Kubernetes v1.32 names, short names and scopes as `kubectl
 * api-resources` lists them).
 */
export const BUILTIN_KINDS: readonly ResourceType[] = [
  define({
    group: "",
    version: "v1",
    kind: "Binding",
    plural: "bindings",
    namespaced: true,
    verbs: ["create"],
    model: "V1Binding",
  }),
  define({
    group: "",
    version: "v1",
    kind: "ConfigMap",
    plural: "configmaps",
    shortNames: ["cm"],
    namespaced: true,
    model: "V1ConfigMap",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Endpoints",
    plural: "endpoints",
    shortNames: ["ep"],
    namespaced: true,
    model: "V1Endpoints",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Event",
    plural: "events",
    shortNames: ["ev"],
    namespaced: true,
    model: "CoreV1Event",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Namespace",
    plural: "namespaces",
    shortNames: ["ns"],
    namespaced: false,
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    subresources: ["finalize", "status"],
    model: "V1Namespace",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Node",
    plural: "nodes",
    shortNames: ["no"],
    namespaced: false,
    subresources: ["proxy", "status"],
    model: "V1Node",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Pod",
    plural: "pods",
    shortNames: ["po"],
    namespaced: true,
    categories: ["all"],
    subresources: [
      "attach",
      "binding",
      "ephemeralcontainers",
      "eviction",
      "exec",
      "log",
      "portforward",
      "proxy",
      "resize",
      "status",
    ],
    model: "V1Pod",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Secret",
    plural: "secrets",
    namespaced: true,
    model: "V1Secret",
  }),
  define({
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    plural: "serviceaccounts",
    shortNames: ["sa"],
    namespaced: true,
    subresources: ["token"],
    model: "V1ServiceAccount",
  }),
  define({
    group: "",
    version: "v1",
    kind: "Service",
    plural: "services",
    shortNames: ["svc"],
    namespaced: true,
    categories: ["all"],
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    subresources: ["proxy", "status"],
    model: "V1Service",
  }),
  define({
    group: "apps",
    version: "v1",
    kind: "ControllerRevision",
    plural: "controllerrevisions",
    namespaced: true,
    model: "V1ControllerRevision",
  }),
  define({
    group: "apps",
    version: "v1",
    kind: "DaemonSet",
    plural: "daemonsets",
    shortNames: ["ds"],
    namespaced: true,
    categories: ["all"],
    subresources: ["status"],
    model: "V1DaemonSet",
  }),
  define({
    group: "apps",
    version: "v1",
    kind: "Deployment",
    plural: "deployments",
    shortNames: ["deploy"],
    namespaced: true,
    categories: ["all"],
    subresources: ["scale", "status"],
    model: "V1Deployment",
  }),
  define({
    group: "apps",
    version: "v1",
    kind: "ReplicaSet",
    plural: "replicasets",
    shortNames: ["rs"],
    namespaced: true,
    categories: ["all"],
    subresources: ["scale", "status"],
    model: "V1ReplicaSet",
  }),
  define({
    group: "apps",
    version: "v1",
    kind: "StatefulSet",
    plural: "statefulsets",
    shortNames: ["sts"],
    namespaced: true,
    categories: ["all"],
    subresources: ["scale", "status"],
    model: "V1StatefulSet",
  }),
  define({
    group: "batch",
    version: "v1",
    kind: "CronJob",
    plural: "cronjobs",
    shortNames: ["cj"],
    namespaced: true,
    categories: ["all"],
    subresources: ["status"],
    model: "V1CronJob",
  }),
  define({
    group: "batch",
    version: "v1",
    kind: "Job",
    plural: "jobs",
    namespaced: true,
    categories: ["all"],
    subresources: ["status"],
    model: "V1Job",
  }),
  define({
    group: "apiextensions.k8s.io",
    version: "v1",
    kind: "CustomResourceDefinition",
    plural: "customresourcedefinitions",
    shortNames: ["crd", "crds"],
    namespaced: false,
    categories: ["api-extensions"],
    subresources: ["status"],
    model: "V1CustomResourceDefinition",
  }),
  define({
    group: "coordination.k8s.io",
    version: "v1",
    kind: "Lease",
    plural: "leases",
    namespaced: true,
    model: "V1Lease",
  }),
  define({
    group: "discovery.k8s.io",
    version: "v1",
    kind: "EndpointSlice",
    plural: "endpointslices",
    namespaced: true,
    model: "V1EndpointSlice",
  }),
  define({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    plural: "clusterrolebindings",
    namespaced: false,
    model: "V1ClusterRoleBinding",
  }),
  define({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRole",
    plural: "clusterroles",
    namespaced: false,
    model: "V1ClusterRole",
  }),
  define({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "RoleBinding",
    plural: "rolebindings",
    namespaced: true,
    model: "V1RoleBinding",
  }),
  define({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "Role",
    plural: "roles",
    namespaced: true,
    model: "V1Role",
  }),
  define({
    group: "scheduling.k8s.io",
    version: "v1",
    kind: "PriorityClass",
    plural: "priorityclasses",
    shortNames: ["pc"],
    namespaced: false,
    model: "V1PriorityClass",
  }),
];

/**
 * Resolves kinds and resource names the way kubectl's RESTMapper does.
 *
 * @example
 * ```ts
 * const kinds = new KindRegistry(BUILTIN_KINDS);
 * kinds.forResourceName("po")?.kind; // "Pod"
 * kinds.forKind("apps/v1", "Deployment")?.plural; // "deployments"
 * ```
 */
export class KindRegistry {
  readonly #types: ResourceType[];
  readonly #byKind = new Map<string, ResourceType>();
  readonly #byGroupResource = new Map<string, ResourceType>();

  constructor(types: readonly ResourceType[]) {
    this.#types = [...types];
    for (const type of types) {
      this.#byKind.set(`${apiVersionOf(type)}/${type.kind}`, type);
      this.#byGroupResource.set(`${type.group}/${type.plural}`, type);
    }
  }

  /** All registered types, in registration order. */
  all(): readonly ResourceType[] {
    return this.#types;
  }

  /** The type for an apiVersion + kind, as found in a manifest. */
  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.#byKind.get(`${apiVersion}/${kind}`);
  }

  /** The type for a group + plural resource name. */
  forGroupResource(group: string, plural: string): ResourceType | undefined {
    return this.#byGroupResource.get(`${group}/${plural}`);
  }

  /** Whether any version of any group has this kind (to tell "no matches for kind" apart). */
  hasKindName(kind: string): boolean {
    return this.#types.some((t) => t.kind === kind);
  }

  /**
   * Resolve what a user typed on the kubectl command line: plural, singular, short name or kind
   * (case-insensitive), optionally qualified with a group (`deployments.apps`) or version.
   * Core group resources win ties, as in kubectl's priority RESTMapper.
   */
  forResourceName(name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    const dot = lower.indexOf(".");
    const base = dot < 0 ? lower : lower.slice(0, dot);
    const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
    const candidates = this.#types.filter(
      (t) =>
        t.plural === base ||
        t.singular === base ||
        t.shortNames.includes(base) ||
        t.kind.toLowerCase() === base,
    );
    const matching = qualifier
      ? candidates.filter(
          (t) =>
            t.group === qualifier ||
            `${t.version}.${t.group}` === qualifier ||
            t.group.startsWith(`${qualifier}.`),
        )
      : candidates;
    if (matching.length === 0) return undefined;
    return matching.find((t) => t.group === "") ?? matching[0];
  }
}
