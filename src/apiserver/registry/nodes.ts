import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { Node } from "../../api/types.ts";
import { isQualifiedName, isValidLabelValue } from "../../api/validation.ts";
import type { Strategy } from "../Strategy.ts";
import { keepSpec, keepStatus } from "./specStatus.ts";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateTaints(node: Node): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((taint, i) => {
    const p = `spec.taints[${i}]`;
    for (const msg of isQualifiedName(taint.key ?? ""))
      errors.push(fieldErrors.invalid(`${p}.key`, taint.key, msg));
    if (taint.value)
      for (const msg of isValidLabelValue(taint.value))
        errors.push(fieldErrors.invalid(`${p}.value`, taint.value, msg));
    if (!taint.effect) errors.push(fieldErrors.required(`${p}.effect`));
    else if (!EFFECTS.includes(taint.effect))
      errors.push(fieldErrors.notSupported(`${p}.effect`, taint.effect, EFFECTS));
    const key = `${taint.key}:${taint.effect}`;
    if (seen.has(key)) {
      errors.push(fieldErrors.duplicate(p, `${taint.key}=${taint.value ?? ""}:${taint.effect}`));
    }
    seen.add(key);
  });
  return errors;
}

/** Nodes (pkg/registry/core/node/strategy.go). Kubelets create them with their status. */
export const nodeStrategy: Strategy = {
  nameRule: "subdomain",
  statusSubresource: true,
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fieldLabels: ["spec.unschedulable"],
  prepareForUpdate: keepStatus,
  prepareForStatusUpdate: keepSpec,
  validate: (object) => validateTaints(object as unknown as Node),
  validateUpdate: (object) => validateTaints(object as unknown as Node),
  fields: (object) => ({
    "spec.unschedulable": String((object as unknown as Node).spec?.unschedulable ?? false),
  }),
};
