import type { Strategy } from "../Strategy.ts";
import { selectorImmutableWorkload, statefulSetStrategy } from "./apps.ts";
import { jobStrategy } from "./batch.ts";
import { configMapStrategy } from "./configMaps.ts";
import { eventStrategy } from "./events.ts";
import { leaseStrategy } from "./leases.ts";
import { namespaceStrategy } from "./namespaces.ts";
import { nodeStrategy } from "./nodes.ts";
import { podStrategy } from "./pods.ts";
import { priorityClassStrategy } from "./priorityClasses.ts";
import {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategy,
} from "./rbac.ts";
import { secretStrategy } from "./secrets.ts";

const subdomain: Strategy = { nameRule: "subdomain" };
const workload: Strategy = { nameRule: "subdomain", generation: true, statusSubresource: true };

/** Strategy of each kind; kinds without an entry use the generic subdomain-named strategy. */
export const STRATEGIES: Readonly<Record<string, Strategy>> = {
  Pod: podStrategy,
  Node: nodeStrategy,
  Namespace: namespaceStrategy,
  Event: eventStrategy,
  Service: {
    nameRule: "dns1035",
    statusSubresource: true,
    fieldLabels: ["spec.clusterIP", "spec.type"],
    fieldLabelError: (label) => `field label not supported: ${label}`,
    fields: (o) => ({
      "spec.clusterIP": (o.spec as { clusterIP?: string } | undefined)?.clusterIP ?? "",
      "spec.type": (o.spec as { type?: string } | undefined)?.type ?? "",
    }),
  },
  Deployment: selectorImmutableWorkload,
  ReplicaSet: selectorImmutableWorkload,
  StatefulSet: statefulSetStrategy,
  DaemonSet: selectorImmutableWorkload,
  Job: jobStrategy,
  CronJob: workload,
  Role: roleStrategy,
  ClusterRole: clusterRoleStrategy,
  RoleBinding: roleBindingStrategy,
  ClusterRoleBinding: clusterRoleBindingStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  PriorityClass: priorityClassStrategy,
  Lease: leaseStrategy,
};

/** The strategy for a kind. */
export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? subdomain;
}
