/**
 * Strategic-merge metadata of the built-in types: the `patchStrategy` and `patchMergeKey` struct
 * tags of k8s.io/api v0.32 (core/v1, apps/v1 and batch/v1 types.go) and of apimachinery's
 * ObjectMeta, keyed by generated model and JSON field. Lists not named here are replaced as a
 * whole; maps are merged. No npm package carries these tags, so they are transcribed from the Go
 * types (`git grep patchStrategy` at v0.32.9).
 */

/** One field's patch metadata. */
export interface FieldPatchMeta {
  /** `merge`, `retainKeys`, or both. */
  readonly strategies: readonly ("merge" | "retainKeys")[];
  /** The merge key of a list of objects; absent for lists of scalars merged as sets. */
  readonly mergeKey?: string;
}

const merge = (mergeKey?: string): FieldPatchMeta =>
  mergeKey ? { strategies: ["merge"], mergeKey } : { strategies: ["merge"] };
const mergeRetainKeys = (mergeKey: string): FieldPatchMeta => ({
  strategies: ["merge", "retainKeys"],
  mergeKey,
});

/**
 * Patch metadata by `<Model>.<jsonField>`.
 *
 * @example
 * ```ts
 * PATCH_META["V1PodSpec.containers"]?.mergeKey; // "name"
 * ```
 */
export const PATCH_META: Readonly<Record<string, FieldPatchMeta>> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1/types.go
  "V1ObjectMeta.finalizers": merge(),
  "V1ObjectMeta.ownerReferences": merge("uid"),
  // k8s.io/api/core/v1/types.go
  "V1PersistentVolumeClaimStatus.conditions": merge("type"),
  "V1Container.ports": merge("containerPort"),
  "V1Container.env": merge("name"),
  "V1Container.volumeMounts": merge("mountPath"),
  "V1Container.volumeDevices": merge("devicePath"),
  "V1EphemeralContainer.ports": merge("containerPort"),
  "V1EphemeralContainer.env": merge("name"),
  "V1EphemeralContainer.volumeMounts": merge("mountPath"),
  "V1EphemeralContainer.volumeDevices": merge("devicePath"),
  "V1ContainerStatus.volumeMounts": merge("mountPath"),
  "V1ContainerStatus.allocatedResourcesStatus": merge("name"),
  "V1PodSpec.volumes": mergeRetainKeys("name"),
  "V1PodSpec.initContainers": merge("name"),
  "V1PodSpec.containers": merge("name"),
  "V1PodSpec.ephemeralContainers": merge("name"),
  "V1PodSpec.imagePullSecrets": merge("name"),
  "V1PodSpec.hostAliases": merge("ip"),
  "V1PodSpec.topologySpreadConstraints": merge("topologyKey"),
  "V1PodSpec.schedulingGates": merge("name"),
  "V1PodSpec.resourceClaims": mergeRetainKeys("name"),
  "V1PodStatus.conditions": merge("type"),
  "V1PodStatus.hostIPs": merge("ip"),
  "V1PodStatus.podIPs": merge("ip"),
  "V1PodStatus.resourceClaimStatuses": mergeRetainKeys("name"),
  "V1ReplicationControllerStatus.conditions": merge("type"),
  "V1ServiceStatus.conditions": merge("type"),
  "V1ServiceSpec.ports": merge("port"),
  "V1ServiceAccount.secrets": merge("name"),
  "V1NodeSpec.podCIDRs": merge(),
  "V1NodeStatus.conditions": merge("type"),
  "V1NodeStatus.addresses": merge("type"),
  "V1NamespaceStatus.conditions": merge("type"),
  // k8s.io/api/apps/v1/types.go
  "V1StatefulSetStatus.conditions": merge("type"),
  "V1DeploymentSpec.strategy": { strategies: ["retainKeys"] },
  "V1DeploymentStatus.conditions": merge("type"),
  "V1DaemonSetStatus.conditions": merge("type"),
  "V1ReplicaSetStatus.conditions": merge("type"),
  // k8s.io/api/batch/v1/types.go
  "V1JobStatus.conditions": merge("type"),
};
