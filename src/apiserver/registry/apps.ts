import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import { goSyntax } from "../../api/goSyntax.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

interface Workload extends KubeObject {
  spec?: { selector?: Record<string, unknown> | null } & Record<string, unknown>;
}

/**
 * apps/v1 forbids changing a workload's selector (the Deployment, ReplicaSet and DaemonSet
 * strategies' ValidateUpdate append ValidateImmutableField(spec.selector) for every group version
 * but the old extensions/v1beta1 and apps/v1beta1).
 */
export function validateSelectorUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const selector = (object as Workload).spec?.selector;
  if (JSON.stringify(selector ?? null) === JSON.stringify((old as Workload).spec?.selector ?? null))
    return [];
  return [fieldErrors.invalid("spec.selector", goSyntax.labelSelector(selector), "field is immutable")];
}

/** The StatefulSet spec fields an update may change (ValidateStatefulSetUpdate, v1.32). */
const STATEFUL_SET_MUTABLE = [
  "replicas",
  "ordinals",
  "template",
  "updateStrategy",
  "persistentVolumeClaimRetentionPolicy",
  "minReadySeconds",
];

/** ValidateStatefulSetUpdate: everything else in the spec is fixed at creation. */
export function validateStatefulSetUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const strip = (o: KubeObject) => {
    const spec = { ...((o as Workload).spec ?? {}) };
    for (const field of STATEFUL_SET_MUTABLE) delete spec[field];
    return JSON.stringify(spec);
  };
  if (strip(object) === strip(old)) return [];
  return [
    fieldErrors.forbidden(
      "spec",
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

const workload: Strategy = { nameRule: "subdomain", generation: true, statusSubresource: true };

/** Deployments, ReplicaSets and DaemonSets: selector immutable. */
export const selectorImmutableWorkload: Strategy = { ...workload, validateUpdate: validateSelectorUpdate };

/** StatefulSets. */
export const statefulSetStrategy: Strategy = { ...workload, validateUpdate: validateStatefulSetUpdate };
