import { isDeepStrictEqual } from "node:util";
import { fieldErrors } from "../../api/FieldError.ts";
import { podQOSClass } from "../../api/pods.ts";
import { validatePodSpec } from "../../api/podValidation.ts";
import type { KubeObject, Pod } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { keepSpec, keepStatus } from "./specStatus.ts";

const UPDATABLE =
  "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/** Copy of a spec with the fields a pod update may change taken from `from` (ValidatePodUpdate's munging). */
function mungeSpec(spec: Pod["spec"], from: Pod["spec"]): unknown {
  if (!spec || !from) return spec;
  const out = structuredClone(spec);
  out.containers = out.containers.map((c, i) => ({
    ...c,
    image: (from.containers[i]?.image ?? c.image) as string,
  }));
  if (out.initContainers)
    out.initContainers = out.initContainers.map((c, i) => ({
      ...c,
      image: (from.initContainers?.[i]?.image ?? c.image) as string,
    }));
  if (from.activeDeadlineSeconds === undefined) delete out.activeDeadlineSeconds;
  else out.activeDeadlineSeconds = from.activeDeadlineSeconds;
  // Tolerations may only be added to.
  const old = from.tolerations ?? [];
  const tolerations = out.tolerations ?? [];
  const isAddition = old.every((t) => tolerations.some((n) => JSON.stringify(n) === JSON.stringify(t)));
  if (isAddition) {
    if (from.tolerations === undefined) delete out.tolerations;
    else out.tolerations = from.tolerations;
  }
  if (from.terminationGracePeriodSeconds === undefined) delete out.terminationGracePeriodSeconds;
  else out.terminationGracePeriodSeconds = from.terminationGracePeriodSeconds;
  if (from.schedulingGates === undefined) delete out.schedulingGates;
  else if ((out.schedulingGates ?? []).every((g) => from.schedulingGates?.some((o) => o.name === g.name)))
    out.schedulingGates = from.schedulingGates;
  return out;
}

/** Pods (pkg/registry/core/pod/strategy.go). */
export const podStrategy: Strategy = {
  nameRule: "subdomain",
  statusSubresource: true,
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fieldLabels: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.podIPs",
    "status.nominatedNodeName",
  ],
  prepareForCreate(object, ctx) {
    const pod = object as unknown as Pod;
    pod.status = { phase: "Pending", qosClass: podQOSClass(pod) };
    if ((pod.spec?.schedulingGates ?? []).length > 0) {
      pod.status.conditions = [
        {
          type: "PodScheduled",
          status: "False",
          reason: "SchedulingGated",
          message: "Scheduling is blocked due to non-empty scheduling gates",
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ctx.now,
        },
      ];
    }
  },
  prepareForUpdate: keepStatus,
  prepareForStatusUpdate(object, old) {
    keepSpec(object, old);
    // A PodCondition's timestamps are metav1.Time structs: encoding/json writes an unset one as
    // null (omitempty does not apply to structs), so a stored condition always has both keys even
    // when a patch removed them.
    for (const condition of (object as unknown as Pod).status?.conditions ?? []) {
      const c = condition as { lastProbeTime?: string | null; lastTransitionTime?: string | null };
      if (c.lastProbeTime === undefined) c.lastProbeTime = null;
      if (c.lastTransitionTime === undefined) c.lastTransitionTime = null;
    }
  },
  validate: (object) => validatePodSpec(object as unknown as Pod),
  validateUpdate(object, old) {
    const pod = object as unknown as Pod;
    const before = old as unknown as Pod;
    const errors = validatePodSpec(pod);
    if (errors.length > 0) return errors;
    // Compared as values: munging may put a field back in another key order (e.g. schedulingGates).
    if (!isDeepStrictEqual(mungeSpec(pod.spec, before.spec), before.spec)) {
      errors.push(fieldErrors.forbidden("spec", `pod updates may not change fields other than ${UPDATABLE}`));
    }
    return errors;
  },
  fields(object) {
    const pod = object as unknown as Pod;
    return {
      "spec.nodeName": pod.spec?.nodeName ?? "",
      "spec.restartPolicy": pod.spec?.restartPolicy ?? "",
      "spec.schedulerName": pod.spec?.schedulerName ?? "",
      "spec.serviceAccountName": pod.spec?.serviceAccountName ?? "",
      "spec.hostNetwork": String(pod.spec?.hostNetwork ?? false),
      "status.phase": pod.status?.phase ?? "",
      // PodToSelectableFields: the first of status.podIPs; status.podIPs itself is accepted but never set.
      "status.podIP": pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? "",
      "status.nominatedNodeName": pod.status?.nominatedNodeName ?? "",
    };
  },
  gracePeriod(object: KubeObject, requested: number | undefined) {
    const pod = object as unknown as Pod;
    let period = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
    if (!pod.spec?.nodeName) period = 0;
    if (pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded") period = 0;
    if (period < 0) period = 1;
    return period;
  },
};
