import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject, Pod } from "../../api/types.ts";
import { SYSTEM_PRIORITY_CLASSES } from "../registry/priorityclasses.ts";
import type { AdmissionContext, AdmissionPlugin } from "./AdmissionPlugin.ts";

/** Priority classes every cluster has, by name (pkg/apis/scheduling SystemPriorityClasses). */
const SYSTEM_PRIORITY_VALUES: Readonly<Record<string, number>> = Object.fromEntries(
  SYSTEM_PRIORITY_CLASSES.map((pc) => [pc.name, pc.value]),
);

interface PriorityClass {
  metadata: { name?: string };
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** getDefaultPriorityClass: the globalDefault class with the lowest value (there should be one). */
function defaultPriorityClass(ctx: AdmissionContext): PriorityClass | undefined {
  let found: PriorityClass | undefined;
  for (const object of ctx.list("PriorityClass")) {
    const pc = object as unknown as PriorityClass;
    if (pc.globalDefault && (found === undefined || (found.value ?? 0) > (pc.value ?? 0))) found = pc;
  }
  return found;
}

function admitPod(pod: Pod, ctx: AdmissionContext): void {
  if (!pod.spec) return;
  const forbidden = (cause: string) =>
    StatusError.forbidden({ group: "", resource: "pods" }, pod.metadata?.name ?? "", cause);
  let value: number;
  let policy: string | undefined;
  const className = pod.spec.priorityClassName;
  if (!className) {
    // getDefaultPriority: the global default class, or 0 and PreemptLowerPriority.
    const pc = defaultPriorityClass(ctx);
    if (pc) {
      pod.spec.priorityClassName = pc.metadata.name as string;
      value = pc.value ?? 0;
      policy = pc.preemptionPolicy;
    } else {
      value = 0;
      policy = "PreemptLowerPriority";
    }
  } else {
    const pc = ctx.get("PriorityClass", undefined, className) as PriorityClass | undefined;
    const system = SYSTEM_PRIORITY_VALUES[className];
    if (pc) {
      value = pc.value ?? 0;
      policy = pc.preemptionPolicy;
    } else if (system !== undefined) {
      value = system;
      policy = "PreemptLowerPriority";
    } else {
      throw forbidden(`no PriorityClass with name ${className} was found`);
    }
  }
  if (pod.spec.priority !== undefined && pod.spec.priority !== value) {
    throw forbidden(
      `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  pod.spec.priority = value;
  if (policy !== undefined) {
    if (pod.spec.preemptionPolicy !== undefined && pod.spec.preemptionPolicy !== policy) {
      throw forbidden(
        `the string value of PreemptionPolicy (${pod.spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    pod.spec.preemptionPolicy = policy as "PreemptLowerPriority" | "Never";
  }
}

/** validatePriorityClass: only one class may be the global default. */
function admitPriorityClass(pc: PriorityClass, operation: "CREATE" | "UPDATE", ctx: AdmissionContext): void {
  if (!pc.globalDefault) return;
  const existing = defaultPriorityClass(ctx);
  if (!existing) return;
  if (operation === "CREATE" || existing.metadata.name !== pc.metadata.name) {
    throw StatusError.forbidden(
      { group: "scheduling.k8s.io", resource: "priorityclasses" },
      pc.metadata.name ?? "",
      `PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`,
    );
  }
}

/**
 * Priority (plugin/pkg/admission/priority): resolves a pod's `priorityClassName` (or the global
 * default class) into `priority` and `preemptionPolicy`, rejecting values the pod sets itself that
 * disagree; and lets only one PriorityClass be `globalDefault`.
 *
 * @example
 * ```ts
 * priority.admit({ operation: "CREATE", type: podsType, object: pod, user: "kubectl" }, ctx);
 * pod.spec.priority; // 1000000 for priorityClassName "high-priority"
 * ```
 */
export const priority: AdmissionPlugin = {
  name: "Priority",
  admit(a, ctx) {
    if (a.subresource || !a.object) return;
    if (a.type.kind === "Pod" && a.operation === "CREATE") admitPod(a.object as unknown as Pod, ctx);
  },
  validate(a, ctx) {
    if (a.subresource || !a.object) return;
    if (a.type.kind === "PriorityClass" && a.operation !== "DELETE")
      admitPriorityClass(a.object as KubeObject as unknown as PriorityClass, a.operation, ctx);
  },
};
