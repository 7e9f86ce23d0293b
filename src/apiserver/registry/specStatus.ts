import type { KubeObject } from "../../api/types.ts";

/** Keep the old status on a main-resource update (status changes go through /status). */
export function keepStatus(object: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete object.status;
  else object.status = old.status;
}

/** Keep the old spec on a status update, and the metadata a status writer may not change. */
export function keepSpec(object: KubeObject, old: KubeObject): void {
  if (old.spec === undefined) delete object.spec;
  else object.spec = old.spec;
  // metav1.ResetObjectMetaForStatus
  const meta = object.metadata;
  const oldMeta = old.metadata;
  for (const field of [
    "labels",
    "annotations",
    "finalizers",
    "ownerReferences",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
  ] as const) {
    if (oldMeta[field] === undefined) delete meta[field];
    else (meta as Record<string, unknown>)[field] = oldMeta[field];
  }
}
