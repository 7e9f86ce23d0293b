import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import { SYSTEM_PRIORITY_CLASSES } from "../admission/Priority.ts";
import type { Strategy } from "../Strategy.ts";

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

const PREEMPTION_POLICIES = ["Never", "PreemptLowerPriority"];

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** IsKnownSystemPriorityClass's complaint, if any (pkg/apis/scheduling/helpers.go). */
function systemClassError(pc: PriorityClass): string | undefined {
  const name = pc.metadata.name ?? "";
  const value = SYSTEM_PRIORITY_CLASSES[name];
  if (value === undefined) return `${name} is not a known system priority class`;
  if (pc.value !== value) return `value of ${name} PriorityClass must be ${value}`;
  if (pc.globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePriorityClass (pkg/apis/scheduling/validation/validation.go). */
function validatePriorityClass(object: KubeObject): FieldError[] {
  const pc = object as PriorityClass;
  const errors: FieldError[] = [];
  if ((pc.metadata.name ?? "").startsWith("system-")) {
    const problem = systemClassError(pc);
    if (problem)
      errors.push(
        fieldErrors.forbidden(
          "metadata.name",
          `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errors.push(
      fieldErrors.forbidden(
        "value",
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  if (pc.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(pc.preemptionPolicy))
    errors.push(fieldErrors.notSupported("preemptionPolicy", pc.preemptionPolicy, PREEMPTION_POLICIES));
  return errors;
}

/** PriorityClasses: value and preemptionPolicy are fixed once created. */
export const priorityClassStrategy: Strategy = {
  nameRule: "subdomain",
  validate: validatePriorityClass,
  validateUpdate(object, old) {
    const pc = object as PriorityClass;
    const before = old as PriorityClass;
    const errors: FieldError[] = [];
    if (pc.value !== before.value)
      errors.push(fieldErrors.forbidden("value", "may not be changed in an update."));
    if (pc.preemptionPolicy !== before.preemptionPolicy)
      errors.push(fieldErrors.invalid("preemptionPolicy", pc.preemptionPolicy, "field is immutable"));
    return errors;
  },
};
