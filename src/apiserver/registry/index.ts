import type { Strategy } from "../Strategy.ts";
import { cronJobStrategy } from "./cronjobs.ts";
import { daemonSetStrategy } from "./daemonsets.ts";
import { deploymentStrategy } from "./deployments.ts";
import { eventStrategy } from "./events.ts";
import { jobStrategy } from "./jobs.ts";
import { namespaceStrategy } from "./namespaces.ts";
import { nodeStrategy } from "./nodes.ts";
import { podStrategy } from "./pods.ts";
import { replicaSetStrategy } from "./replicasets.ts";
import { statefulSetStrategy } from "./statefulsets.ts";

const subdomain: Strategy = { nameRule: "subdomain" };
const pathSegment: Strategy = { nameRule: "path" };

/** Strategy of each kind; kinds without an entry use the generic subdomain-named strategy. */
export const STRATEGIES: Readonly<Record<string, Strategy>> = {
  Pod: podStrategy,
  Node: nodeStrategy,
  Namespace: namespaceStrategy,
  Event: eventStrategy,
  Service: { nameRule: "dns1035", statusSubresource: true },
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  StatefulSet: statefulSetStrategy,
  DaemonSet: daemonSetStrategy,
  Job: jobStrategy,
  CronJob: cronJobStrategy,
  Role: pathSegment,
  ClusterRole: pathSegment,
  RoleBinding: pathSegment,
  ClusterRoleBinding: pathSegment,
};

/** The strategy for a kind. */
export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? subdomain;
}
