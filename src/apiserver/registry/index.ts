import type { Strategy } from "../Strategy.ts";
import { configMapStrategy } from "./configMaps.ts";
import { cronJobStrategy } from "./cronjobs.ts";
import { daemonSetStrategy } from "./daemonsets.ts";
import { deploymentStrategy } from "./deployments.ts";
import { endpointSliceStrategy } from "./endpointSlices.ts";
import { eventStrategy } from "./events.ts";
import { jobStrategy } from "./jobs.ts";
import { leaseStrategy } from "./leases.ts";
import { namespaceStrategy } from "./namespaces.ts";
import { nodeStrategy } from "./nodes.ts";
import { podStrategy } from "./pods.ts";
import { priorityClassStrategy } from "./priorityclasses.ts";
import {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategy,
} from "./rbac.ts";
import { replicaSetStrategy } from "./replicasets.ts";
import { secretStrategy } from "./secrets.ts";
import { serviceStrategy } from "./services.ts";
import { statefulSetStrategy } from "./statefulsets.ts";

const subdomain: Strategy = { nameRule: "subdomain" };

/** Strategy of each kind; kinds without an entry use the generic subdomain-named strategy. */
export const STRATEGIES: Readonly<Record<string, Strategy>> = {
  Pod: podStrategy,
  Node: nodeStrategy,
  Namespace: namespaceStrategy,
  Event: eventStrategy,
  Service: serviceStrategy,
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  StatefulSet: statefulSetStrategy,
  DaemonSet: daemonSetStrategy,
  Job: jobStrategy,
  CronJob: cronJobStrategy,
  Role: roleStrategy,
  ClusterRole: clusterRoleStrategy,
  RoleBinding: roleBindingStrategy,
  ClusterRoleBinding: clusterRoleBindingStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  PriorityClass: priorityClassStrategy,
  Lease: leaseStrategy,
  EndpointSlice: endpointSliceStrategy,
};

/** The strategy for a kind. */
export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? subdomain;
}
