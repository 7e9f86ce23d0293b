import { podRequests } from "../api/pods.ts";
import { Quantity } from "../api/quantity.ts";
import type { Pod } from "../api/types.ts";

/** Why the kubelet refuses a pod it was given. */
export interface AdmissionRejection {
  reason: string;
  message: string;
}

/**
 * The kubelet's admission of a pod bound to its node (lifecycle.NewPredicateAdmitHandler): the
 * pod's requests plus those of the pods already admitted must fit the node's allocatable, and the
 * pod count its `pods` capacity. A pod the scheduler placed always fits; one bound by hand
 * (`spec.nodeName`) may not, and is rejected with `OutOfcpu`, `OutOfmemory` or `OutOfpods`.
 *
 * @example
 * ```ts
 * canAdmitPod(pod, admitted, { cpu: "4", memory: "8Gi", pods: "110" });
 * // { reason: "OutOfcpu", message: "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000" }
 * ```
 */
export function canAdmitPod(
  pod: Pod,
  admitted: readonly Pod[],
  allocatable: Readonly<Record<string, string>>,
): AdmissionRejection | undefined {
  const capacityPods = Number(allocatable.pods ?? "110");
  if (admitted.length + 1 > capacityPods) {
    return {
      reason: "OutOfpods",
      message: `Node didn't have enough resource: pods, requested: 1, used: ${admitted.length}, capacity: ${capacityPods}`,
    };
  }
  const wanted = podRequests(pod);
  let cpuUsed = 0;
  let memoryUsed = 0;
  for (const other of admitted) {
    const r = podRequests(other);
    cpuUsed += r.cpu;
    memoryUsed += r.memory;
  }
  const cpuCapacity = Quantity.parse(allocatable.cpu ?? "0").milliValue();
  const memoryCapacity = Quantity.parse(allocatable.memory ?? "0").value();
  if (wanted.cpu > 0 && cpuUsed + wanted.cpu > cpuCapacity) {
    return {
      reason: "OutOfcpu",
      message: `Node didn't have enough resource: cpu, requested: ${wanted.cpu}, used: ${cpuUsed}, capacity: ${cpuCapacity}`,
    };
  }
  if (wanted.memory > 0 && memoryUsed + wanted.memory > memoryCapacity) {
    return {
      reason: "OutOfmemory",
      message: `Node didn't have enough resource: memory, requested: ${wanted.memory}, used: ${memoryUsed}, capacity: ${memoryCapacity}`,
    };
  }
  return undefined;
}
