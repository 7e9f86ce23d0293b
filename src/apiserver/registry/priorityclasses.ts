import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** scheduling.SystemCriticalPriority. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
const SYSTEM_PREFIX = "system-";

/** The priority classes every cluster has (scheduling.SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: readonly { name: string; value: number; description: string }[] = [
  {
    name: "system-node-critical",
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    description: "Used for system critical pods that must not be moved from their current node.",
  },
  {
    name: "system-cluster-critical",
    value: SYSTEM_CRITICAL_PRIORITY,
    description:
      "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  },
];

interface PriorityClass {
  metadata: { name?: string };
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** IsKnownSystemPriorityClass: undefined when it is one, else why not. */
function systemPriorityClassError(pc: PriorityClass): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.name === pc.metadata.name);
  if (!known) return `${pc.metadata.name} is not a known system priority class`;
  if ((pc.value ?? 0) !== known.value) return `value of ${known.name} PriorityClass must be ${known.value}`;
  if ((pc.globalDefault ?? false) !== false)
    return `globalDefault of ${known.name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePreemptionPolicy. */
function validatePreemptionPolicy(policy: string | undefined): FieldError[] {
  if (policy === undefined || policy === "PreemptLowerPriority" || policy === "Never") return [];
  if (policy === "") return [fieldErrors.required("preemptionPolicy")];
  return [fieldErrors.notSupported("preemptionPolicy", policy, ["PreemptLowerPriority", "Never"])];
}

/** ValidatePriorityClass (pkg/apis/scheduling/validation). */
function validate(object: KubeObject): FieldError[] {
  const pc = object as unknown as PriorityClass;
  const errors: FieldError[] = [];
  if ((pc.metadata.name ?? "").startsWith(SYSTEM_PREFIX)) {
    const problem = systemPriorityClassError(pc);
    if (problem)
      errors.push(
        fieldErrors.forbidden(
          "metadata.name",
          `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${problem}`,
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
  errors.push(...validatePreemptionPolicy(pc.preemptionPolicy));
  return errors;
}

/** PriorityClasses (pkg/registry/scheduling/priorityclass/strategy.go): value and preemptionPolicy are immutable. */
export const priorityClassStrategy: Strategy = {
  nameRule: "subdomain",
  validate,
  validateUpdate(object, old) {
    const pc = object as unknown as PriorityClass;
    const before = old as unknown as PriorityClass;
    const errors: FieldError[] = [];
    if ((pc.value ?? 0) !== (before.value ?? 0))
      errors.push(fieldErrors.forbidden("value", "may not be changed in an update."));
    if (pc.preemptionPolicy !== before.preemptionPolicy)
      errors.push(fieldErrors.invalid("preemptionPolicy", pc.preemptionPolicy, "field is immutable"));
    return errors;
  },
};
