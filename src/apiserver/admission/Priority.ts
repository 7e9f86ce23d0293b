import { StatusError } from "../../api/StatusError.ts";
import type { Pod } from "../../api/types.ts";
import type { AdmissionPlugin } from "./AdmissionPlugin.ts";

/** Priority classes every cluster has (pkg/apis/scheduling SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

/**
 * Priority (plugin/pkg/admission/priority): resolves `priorityClassName` into `priority` and
 * `preemptionPolicy`, or the global default (0, PreemptLowerPriority).
 */
export const priority: AdmissionPlugin = {
  name: "Priority",
  admit(a, ctx) {
    if (a.type.kind !== "Pod" || a.operation !== "CREATE" || a.subresource || !a.object) return;
    const pod = a.object as unknown as Pod;
    if (!pod.spec) return;
    const className = pod.spec.priorityClassName;
    let value = 0;
    let policy: string | undefined;
    if (className) {
      const system = SYSTEM_PRIORITY_CLASSES[className];
      const pc = ctx.get("PriorityClass", undefined, className) as
        | { value?: number; preemptionPolicy?: string }
        | undefined;
      if (system !== undefined) value = system;
      else if (pc) {
        value = pc.value ?? 0;
        policy = pc.preemptionPolicy;
      } else {
        throw StatusError.forbidden(
          { group: "", resource: "pods" },
          pod.metadata?.name ?? "",
          `no PriorityClass with name ${className} was found`,
        );
      }
    }
    if (pod.spec.priority !== undefined && pod.spec.priority !== value) {
      throw StatusError.forbidden(
        { group: "", resource: "pods" },
        pod.metadata?.name ?? "",
        "the integer value of priority (" +
          pod.spec.priority +
          ") must not be provided in pod spec; priority admission controller computed " +
          value +
          " from the given PriorityClass name",
      );
    }
    pod.spec.priority = value;
    pod.spec.preemptionPolicy ??=
      (policy as "PreemptLowerPriority" | "Never" | undefined) ?? "PreemptLowerPriority";
  },
};
