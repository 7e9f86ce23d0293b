import type { Strategy } from "../Strategy.ts";
import { eventStrategy } from "./events.ts";
import { namespaceStrategy } from "./namespaces.ts";
import { nodeStrategy } from "./nodes.ts";
import { podStrategy } from "./pods.ts";
import { priorityClassStrategy } from "./priorityclasses.ts";

const subdomain: Strategy = { nameRule: "subdomain" };
const pathSegment: Strategy = { nameRule: "path" };
const workload: Strategy = { nameRule: "subdomain", generation: true, statusSubresource: true };

/** Strategy of each kind; kinds without an entry use the generic subdomain-named strategy. */
export const STRATEGIES: Readonly<Record<string, Strategy>> = {
  Pod: podStrategy,
  Node: nodeStrategy,
  Namespace: namespaceStrategy,
  Event: eventStrategy,
  PriorityClass: priorityClassStrategy,
  Service: { nameRule: "dns1035", statusSubresource: true },
  Deployment: workload,
  ReplicaSet: workload,
  StatefulSet: workload,
  DaemonSet: workload,
  Job: workload,
  CronJob: workload,
  Role: pathSegment,
  ClusterRole: pathSegment,
  RoleBinding: pathSegment,
  ClusterRoleBinding: pathSegment,
};

/** The strategy for a kind. */
export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? subdomain;
}
