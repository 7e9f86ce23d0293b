import type { KubeObject } from "../../api/types.ts";
import {
  configMapPrinter,
  defaultPrinter,
  eventPrinter,
  leasePrinter,
  namespacePrinter,
  priorityClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from "./core.ts";
import { nodePrinter } from "./nodes.ts";
import { podPrinter } from "./pods.ts";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./rbac.ts";
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from "./services.ts";
import type { PrintOptions, ResourcePrinter, Table } from "./Table.ts";
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./workloads.ts";

/** Server-side printers by kind (pkg/printers/internalversion AddHandlers). */
const PRINTERS: Record<string, ResourcePrinter<never>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Event: eventPrinter,
  Lease: leasePrinter,
  ConfigMap: configMapPrinter,
  ServiceAccount: serviceAccountPrinter,
  Secret: secretPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  DaemonSet: daemonSetPrinter,
  StatefulSet: statefulSetPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  ControllerRevision: controllerRevisionPrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  PriorityClass: priorityClassPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
};

/** Register (or replace) the printer of a kind; later issues add theirs here. */
export function registerPrinter<T>(kind: string, printer: ResourcePrinter<T>): void {
  PRINTERS[kind] = printer as ResourcePrinter<never>;
}

/** The printer of a kind, or the NAME/AGE default. */
export function printerFor(kind: string): ResourcePrinter<KubeObject> {
  return (PRINTERS[kind] ?? defaultPrinter) as ResourcePrinter<KubeObject>;
}

/**
 * Build the metav1.Table the apiserver would return for these objects (all columns; kubectl hides
 * priority-1 columns unless `-o wide`).
 */
export function buildTable(kind: string, objects: readonly KubeObject[], options: PrintOptions): Table {
  const printer = printerFor(kind);
  return {
    columns: printer.columns,
    rows: objects.map((object) => ({ cells: printer.row(object, options), object })),
  };
}
