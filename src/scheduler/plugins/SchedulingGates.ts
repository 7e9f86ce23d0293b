import type { Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/**
 * SchedulingGates (plugins/schedulinggates): a pod with `spec.schedulingGates` is not attempted
 * until every gate is removed; `kubectl get pods` shows it as `SchedulingGated`.
 *
 * @example
 * ```ts
 * SchedulingGates.preEnqueue?.(gatedPod).message(); // "waiting for scheduling gates: [example.com/foo]"
 * ```
 */
export const SchedulingGates: Plugin = {
  name: "SchedulingGates",
  preEnqueue(pod) {
    const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    if (gates.length === 0) return PluginStatus.success;
    return PluginStatus.unresolvable("SchedulingGates", `waiting for scheduling gates: [${gates.join(" ")}]`);
  },
  queueingHint(event) {
    return (
      event.kind === "UnscheduledPodUpdate" &&
      (event.old.spec?.schedulingGates ?? []).length > 0 &&
      (event.pod.spec?.schedulingGates ?? []).length === 0
    );
  },
};
