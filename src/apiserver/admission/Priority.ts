import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject, Pod } from "../../api/types.ts";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "./AdmissionPlugin.ts";

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
    if (a.type.kind === "PriorityClass") {
      validatePriorityClass(a, ctx);
      return;
    }
    if (a.type.kind !== "Pod" || a.operation !== "CREATE" || a.subresource || !a.object) return;
    const pod = a.object as unknown as Pod;
    if (!pod.spec) return;
    const className = pod.spec.priorityClassName;
    let value = 0;
    let policy: string | undefined;
    if (!className) {
      // getDefaultPriority: the global default class, if one is marked.
      const byDefault = defaultClass(ctx);
      if (byDefault) {
        value = byDefault.value ?? 0;
        policy = byDefault.preemptionPolicy;
        pod.spec.priorityClassName = byDefault.metadata.name as string;
      }
    } else {
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

type PriorityClass = KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string };

/** getDefaultPriorityClass: the global default with the lowest value (several may exist). */
function defaultClass(ctx: AdmissionContext): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const pc of (ctx.list?.("PriorityClass") ?? []) as PriorityClass[]) {
    if (!pc.globalDefault) continue;
    if (!best || (pc.value ?? 0) < (best.value ?? 0)) best = pc;
  }
  return best;
}

/** validatePriorityClass: only one class may be the global default. */
function validatePriorityClass(a: AdmissionAttributes, ctx: AdmissionContext): void {
  if (a.operation === "DELETE" || !a.object) return;
  const pc = a.object as PriorityClass;
  if (!pc.globalDefault) return;
  const existing = defaultClass(ctx);
  if (!existing) return;
  if (a.operation === "CREATE" || existing.metadata.name !== pc.metadata.name) {
    throw StatusError.forbidden(
      { group: "scheduling.k8s.io", resource: "priorityclasses" },
      pc.metadata.name ?? "",
      `PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`,
    );
  }
}
