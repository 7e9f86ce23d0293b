import jsonMergePatch from "json-merge-patch";
import { applyPatch as applyJsonPatch, type Operation } from "rfc6902";
import type { ResourceType } from "../api/kinds.ts";
import { type LabelSelectorStruct, selectorFromLabelSelector } from "../api/labels.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject } from "../api/types.ts";
import type { ApiServer, DeleteOptions, PatchType } from "../apiserver/ApiServer.ts";

/**
 * The subresources whose behaviour is not (yet) a method of {@link ApiServer}, each behind one
 * named hook so the component that grows the capability can fill it in without touching the
 * HTTP server: scale (until the apiserver serves scale itself), eviction (until it checks
 * PodDisruptionBudgets) and server-side apply. Container logs go to the kubelets through
 * SimulatedCluster.kubeletConnections.
 */
export interface SubresourceHooks {
  /** `GET .../scale`: the autoscaling/v1 Scale of a scalable object. */
  getScale(user: string, type: ResourceType, namespace: string | undefined, name: string): KubeObject;
  /** `PUT|PATCH .../scale`: set the parent's replicas from a Scale (a patch is applied to the current Scale). */
  updateScale(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    change: { scale: KubeObject } | { patchType: PatchType; patch: unknown },
    dryRun: boolean,
  ): KubeObject;
  /** `POST pods/{name}/eviction`. */
  evict(user: string, namespace: string, name: string, eviction: KubeObject): void;
  /** `PATCH` with `application/apply-patch+yaml` (server-side apply), when the apiserver has it. */
  serverSideApply?: (
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    options: { fieldManager: string; force: boolean; dryRun: boolean },
  ) => KubeObject;
}

function scaleOf(type: ResourceType, object: KubeObject): KubeObject {
  const spec = object.spec as { replicas?: number; selector?: LabelSelectorStruct } | undefined;
  const status = object.status as { replicas?: number } | undefined;
  const selector = selectorFromLabelSelector(spec?.selector)?.toString() ?? "";
  const meta = object.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: meta.name,
      ...(type.namespaced ? { namespace: meta.namespace } : {}),
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  } as KubeObject;
}

/**
 * The hooks as far as the current {@link ApiServer} allows: scale reads and writes the parent's
 * `spec.replicas` (as the scale subresource of apps/v1 does), eviction deletes the pod (no
 * PodDisruptionBudget exists to refuse it), logs and server-side apply are left to their owners.
 *
 * @example
 * ```ts
 * const hooks = defaultSubresourceHooks(cluster.apiserver);
 * hooks.getScale("kubectl", deployments, "default", "web").spec; // { replicas: 3 }
 * ```
 */
export function defaultSubresourceHooks(api: ApiServer): SubresourceHooks {
  return {
    getScale(user, type, namespace, name) {
      return scaleOf(type, api.get(user, type, namespace, name));
    },
    updateScale(user, type, namespace, name, change, dryRun) {
      const current = api.get(user, type, namespace, name);
      let scale: KubeObject;
      if ("scale" in change) {
        scale = change.scale;
      } else {
        const target = structuredClone(scaleOf(type, current)) as KubeObject;
        if (change.patchType === "json") {
          const failed = applyJsonPatch(target, change.patch as Operation[]).find((r) => r !== null);
          if (failed) throw StatusError.badRequest(String(failed.message ?? failed));
          scale = target;
        } else {
          scale = jsonMergePatch.apply(target, change.patch) as KubeObject;
        }
      }
      const requested = scale.metadata?.resourceVersion;
      if (requested && requested !== current.metadata.resourceVersion) {
        throw StatusError.conflict(
          { group: type.group, resource: type.plural },
          name,
          "the object has been modified; please apply your changes to the latest version and try again",
        );
      }
      const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
      const next = structuredClone(current) as KubeObject;
      (next.spec as { replicas?: unknown }).replicas = replicas;
      const result = api.update(user, type, namespace, name, next, { dryRun });
      return scaleOf(type, result.object);
    },
    evict(user, namespace, name, eviction) {
      const pods = api.kinds.forGroupResource("", "pods") as ResourceType;
      if (eviction.metadata?.name && eviction.metadata.name !== name) {
        throw StatusError.badRequest("name in URL does not match name in Eviction object");
      }
      const options = (eviction as { deleteOptions?: DeleteOptions }).deleteOptions ?? {};
      api.delete(user, pods, namespace, name, options);
    },
  };
}
