import { fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { immutableSelector, validateSelectorAndTemplate, workloadStrategy } from "./workloadValidation.ts";

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
export function validateStatefulSetUpdate(object: KubeObject, old: KubeObject) {
  const strip = (o: KubeObject) => {
    const spec = { ...((o.spec as Record<string, unknown> | undefined) ?? {}) };
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

function validateStatefulSet(object: KubeObject) {
  const spec = object.spec as { podManagementPolicy?: string } | undefined;
  const errors = validateSelectorAndTemplate(object.spec as never, "statefulset");
  const policy = spec?.podManagementPolicy;
  if (policy && policy !== "OrderedReady" && policy !== "Parallel") {
    errors.unshift(
      fieldErrors.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"),
    );
  }
  return errors;
}

/** StatefulSets (pkg/registry/apps/statefulset/strategy.go). */
export const statefulSetStrategy: Strategy = workloadStrategy(validateStatefulSet, {
  validateUpdate: (object, old) => [
    ...validateStatefulSet(object),
    ...immutableSelector(object, old),
    ...validateStatefulSetUpdate(object, old),
  ],
});
