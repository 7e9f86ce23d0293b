/**
 * `kubectl describe` for the apps/v1 workloads: Deployment, ReplicaSet, DaemonSet and StatefulSet
 * (staging/src/k8s.io/kubectl/pkg/describe/describe.go, v1.32: describeDeployment,
 * describeReplicaSet, describeDaemonSet, describeStatefulSet).
 */
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IReplicaSet } from "kubernetes-models/apps/v1/ReplicaSet";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { LabelSelectorStruct } from "../../api/labels.ts";
import type { Event, KubeObject, Pod } from "../../api/types.ts";
import type { Client } from "../../client/Client.ts";
import { byCreation, equalIgnoreHash } from "../../controllers/deployment/deploymentUtil.ts";
import type { Describer } from "../commands/describe.ts";
import { formatLabelSelector } from "../printers/workloads.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./PrefixWriter.ts";
import { describePodTemplate, type PodTemplate } from "./podTemplate.ts";

/** labels.Selector's String() of metav1.LabelSelectorAsSelector: `app=web`, `""` when empty. */
export function selectorString(selector: unknown): string {
  const text = formatLabelSelector(selector as LabelSelectorStruct | undefined);
  return text === "<none>" ? "" : text;
}

/** printController: `Kind/name` of the controller owner reference, or "". */
export function controllerOf(object: KubeObject): string {
  const ref = (object.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** getPodStatusForController: pods the controller owns, counted by phase. */
export function podStatusForController(client: Client, object: KubeObject, selector: unknown): string {
  const pods = client
    .resource<Pod>("pods")
    .list(object.metadata.namespace, { labelSelector: selectorString(selector) })
    .items.filter((p) =>
      (p.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === object.metadata.uid),
    );
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}

/** The `Conditions:` table of Deployments and ReplicaSets (Type, Status, Reason). */
function describeConditions(
  conditions: readonly { type: string; status: string; reason?: string }[] | undefined,
  w: PrefixWriter,
): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions) w.write(LEVEL_1, "%v \t%v\t%v\n", c.type, c.status, c.reason ?? "");
}

/** IntOrString.String(). */
const intOrString = (value: number | string | undefined) => String(value ?? "");

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated, or `<none>`. */
function replicaSetList(sets: readonly IReplicaSet[]): string {
  const list = sets
    .map(
      (rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
    )
    .join(", ");
  return list || "<none>";
}

/**
 * The Deployment's ReplicaSets as deploymentutil.GetAllReplicaSetsInChunks finds them: those its
 * selector matches and it controls, oldest first; the new one has the Deployment's template.
 */
function replicaSetsOf(client: Client, d: IDeployment): { old: IReplicaSet[]; current: IReplicaSet[] } {
  const owned = client
    .resource<IReplicaSet>("replicasets.apps")
    .list(d.metadata?.namespace, { labelSelector: selectorString(d.spec?.selector) })
    .items.filter((rs) =>
      (rs.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata?.uid),
    )
    .sort((a, b) => byCreation(a as KubeObject, b as KubeObject));
  const template = d.spec?.template as Parameters<typeof equalIgnoreHash>[0];
  const current = owned.find((rs) => equalIgnoreHash(rs.spec?.template as typeof template, template));
  return { old: owned.filter((rs) => rs !== current), current: current ? [current] : [] };
}

const describeDeployment: Describer = (object, events, now, context) => {
  const d = object as unknown as IDeployment;
  const w = new PrefixWriter();
  const status = d.status ?? {};
  w.write(LEVEL_0, "Name:\t%s\n", d.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", d.metadata?.namespace);
  w.write(LEVEL_0, "CreationTimestamp:\t%s\n", rfc1123z(d.metadata?.creationTimestamp));
  printLabelsMultiline(w, "Labels", d.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", d.metadata?.annotations);
  w.write(LEVEL_0, "Selector:\t%s\n", selectorString(d.spec?.selector));
  w.write(
    LEVEL_0,
    "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
    d.spec?.replicas ?? 1,
    status.updatedReplicas ?? 0,
    status.replicas ?? 0,
    status.availableReplicas ?? 0,
    status.unavailableReplicas ?? 0,
  );
  w.write(LEVEL_0, "StrategyType:\t%s\n", d.spec?.strategy?.type ?? "");
  w.write(LEVEL_0, "MinReadySeconds:\t%d\n", d.spec?.minReadySeconds ?? 0);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) {
    w.write(
      LEVEL_0,
      "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n",
      intOrString(ru.maxUnavailable),
      intOrString(ru.maxSurge),
    );
  }
  describePodTemplate(d.spec?.template as PodTemplate, w);
  describeConditions(status.conditions, w);
  const { old, current } = replicaSetsOf(context.client, d);
  if (old.length > 0 || current.length > 0) {
    w.write(LEVEL_0, "OldReplicaSets:\t%s\n", replicaSetList(old));
    w.write(LEVEL_0, "NewReplicaSet:\t%s\n", replicaSetList(current));
  }
  if (context.showEvents) describeEvents(events as Event[], w, now);
  return w.toString();
};

const describeReplicaSet: Describer = (object, events, now, context) => {
  const rs = object as unknown as IReplicaSet;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", rs.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", rs.metadata?.namespace);
  w.write(LEVEL_0, "Selector:\t%s\n", formatLabelSelector(rs.spec?.selector as LabelSelectorStruct));
  printLabelsMultiline(w, "Labels", rs.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata?.annotations);
  const owner = controllerOf(object);
  if (owner) w.write(LEVEL_0, "Controlled By:\t%s\n", owner);
  w.write(LEVEL_0, "Replicas:\t%d current / %d desired\n", rs.status?.replicas ?? 0, rs.spec?.replicas ?? 1);
  w.write(LEVEL_0, "Pods Status:\t");
  w.write(LEVEL_0, "%s\n", podStatusForController(context.client, object, rs.spec?.selector));
  describePodTemplate(rs.spec?.template as PodTemplate, w);
  describeConditions(rs.status?.conditions, w);
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return pairs.length > 0 ? pairs.join(",") : "<none>";
}

const describeDaemonSet: Describer = (object, events, now, context) => {
  const ds = object as unknown as IDaemonSet;
  const status = ds.status;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", ds.metadata?.name);
  w.write(LEVEL_0, "Selector:\t%s\n", selectorString(ds.spec?.selector));
  w.write(LEVEL_0, "Node-Selector:\t%s\n", formatLabels(ds.spec?.template?.spec?.nodeSelector));
  printLabelsMultiline(w, "Labels", ds.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", ds.metadata?.annotations);
  w.write(LEVEL_0, "Desired Number of Nodes Scheduled: %d\n", status?.desiredNumberScheduled ?? 0);
  w.write(LEVEL_0, "Current Number of Nodes Scheduled: %d\n", status?.currentNumberScheduled ?? 0);
  w.write(
    LEVEL_0,
    "Number of Nodes Scheduled with Up-to-date Pods: %d\n",
    status?.updatedNumberScheduled ?? 0,
  );
  w.write(LEVEL_0, "Number of Nodes Scheduled with Available Pods: %d\n", status?.numberAvailable ?? 0);
  w.write(LEVEL_0, "Number of Nodes Misscheduled: %d\n", status?.numberMisscheduled ?? 0);
  w.write(LEVEL_0, "Pods Status:\t%s\n", podStatusForController(context.client, object, ds.spec?.selector));
  describePodTemplate(ds.spec?.template as PodTemplate, w);
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/** describeVolumeClaimTemplates. */
function describeVolumeClaimTemplates(
  templates: NonNullable<IStatefulSet["spec"]>["volumeClaimTemplates"],
  w: PrefixWriter,
): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(LEVEL_0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(LEVEL_1, "Name:\t%s\n", pvc.metadata?.name ?? "");
    // storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over the field.
    const storageClass =
      pvc.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ??
      pvc.spec?.storageClassName ??
      "";
    w.write(LEVEL_1, "StorageClass:\t%s\n", storageClass);
    printLabelsMultiline(w, "  Labels", pvc.metadata?.labels);
    printLabelsMultiline(w, "  Annotations", pvc.metadata?.annotations);
    const capacity = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, "Capacity:\t%s\n", capacity === undefined ? "<default>" : String(capacity));
    w.write(LEVEL_1, "Access Modes:\t%s\n", `[${(pvc.spec?.accessModes ?? []).join(" ")}]`);
  }
}

const describeStatefulSet: Describer = (object, events, now, context) => {
  const ss = object as unknown as IStatefulSet;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", ss.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", ss.metadata?.namespace);
  w.write(LEVEL_0, "CreationTimestamp:\t%s\n", rfc1123z(ss.metadata?.creationTimestamp));
  w.write(LEVEL_0, "Selector:\t%s\n", selectorString(ss.spec?.selector));
  printLabelsMultiline(w, "Labels", ss.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", ss.metadata?.annotations);
  w.write(LEVEL_0, "Replicas:\t%d desired | %d total\n", ss.spec?.replicas ?? 1, ss.status?.replicas ?? 0);
  w.write(LEVEL_0, "Update Strategy:\t%s\n", ss.spec?.updateStrategy?.type ?? "");
  const ru = ss.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, "Partition:\t%d\n", ru.partition);
    if (ru.maxUnavailable !== undefined)
      w.write(LEVEL_1, "MaxUnavailable:\t%s\n", intOrString(ru.maxUnavailable));
  }
  w.write(LEVEL_0, "Pods Status:\t%s\n", podStatusForController(context.client, object, ss.spec?.selector));
  describePodTemplate(ss.spec?.template as PodTemplate, w);
  describeVolumeClaimTemplates(ss.spec?.volumeClaimTemplates, w);
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/**
 * The apps/v1 describers, registered by `kubectl describe`.
 *
 * @example
 * ```ts
 * appsDescribers.Deployment(deployment, events, now, { client, showEvents: true });
 * ```
 */
export const appsDescribers: Readonly<Record<string, Describer>> = {
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
};
