/**
 * Strategic-merge list semantics of the built-in types (the `patchStrategy:"merge"` and
 * `patchMergeKey` struct tags of k8s.io/api): which lists are merged element by element, and by
 * which key. Lists not named here are replaced as a whole. No npm package carries these tags, so
 * they are listed from the Go types.
 */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  // k8s.io/api/core/v1/types.go
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  env: "name",
  ports: "containerPort",
  imagePullSecrets: "name",
  hostAliases: "ip",
  conditions: "type",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
  schedulingGates: "name",
  readinessGates: "conditionType",
  // k8s.io/apimachinery ObjectMeta
  ownerReferences: "uid",
};

/** The merge key of a list field, by field name; ServicePort lists merge on `port`. */
export function mergeKeyFor(field: string, parentPath: readonly string[]): string | undefined {
  if (field === "ports" && parentPath[parentPath.length - 1] === "spec" && parentPath.length === 1)
    return "port";
  return MERGE_KEYS[field];
}
