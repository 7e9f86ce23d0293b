import type { Node, Pod } from "../api/types.ts";
import type { DnsAnswer } from "../dns/ClusterDns.ts";
import type { ScoringStrategyType } from "../scheduler/plugins/NodeResourcesFit.ts";
import type { SchedulingDecision } from "../scheduler/SchedulingDecision.ts";
import type { ConversationMessage } from "./Conversation.ts";
import type { TrafficResult, TrafficSource } from "./ServiceNetwork.ts";

/** What one kubectl command printed and returned. */
export type { TrafficResult, TrafficSource };

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * The cluster a scenario runs against, as the World sees it. Steps use only this interface, so a
 * driver for a real cluster (kubeconfig, real kubectl, real time) can stand in for the simulated
 * one without touching steps. Operations that only a simulation can do (advance time, fail a node)
 * are here too; a live driver refuses them with a clear error.
 */
export interface Cluster {
  /** The seed every random choice derives from (printed on failure for replay). */
  readonly seed: number;
  /** Run a kubectl command line, e.g. `kubectl get pods -o wide`. */
  kubectl(commandLine: string, stdin?: string): Promise<CommandResult>;
  /** Let `millis` of cluster time pass. */
  advance(millis: number): Promise<void>;
  /**
   * Move to the next moment at which something happens, but not past `deadline` (ms since epoch);
   * false when the deadline has been reached.
   */
  step(deadline: number): Promise<boolean>;
  /** Cluster time, in ms since the Unix epoch. */
  now(): number;
  getPod(namespace: string, name: string): Promise<Pod | undefined>;
  /** Pods matching a label selector, in one namespace or all (`undefined`). */
  listPods(namespace: string | undefined, labelSelector: string): Promise<Pod[]>;
  getNode(name: string): Promise<Node | undefined>;
  /**
   * Faults and operations on nodes (a live driver refuses them): `fail` stops the machine (kubelet
   * and containers; no more heartbeats), `partition` cuts it off from the control plane (containers
   * keep running), `recover` brings a failed or partitioned node back, `remove` shuts it down and
   * deletes its Node, `join` adds a new worker, `restartKubelet` restarts the kubelet process only.
   */
  nodeOperation(
    operation: "fail" | "partition" | "recover" | "remove" | "join" | "restartKubelet",
    name: string,
  ): Promise<void>;
  /** Stop or start a control-plane component (`kube-scheduler`, `kube-controller-manager`). */
  controlPlaneComponent(component: string, action: "stop" | "start"): Promise<void>;
  /**
   * Teach the cluster's registry images and what they do (image specs, see ImageCatalogue); a live
   * cluster refuses.
   */
  addImages(images: readonly unknown[]): Promise<void>;
  /** Put a static pod manifest on a node (its kubelet runs it and mirrors it); a live cluster refuses. */
  addStaticPod(node: string, manifest: Pod): Promise<void>;
  /** Remove a static pod manifest from a node. */
  removeStaticPod(node: string, name: string): Promise<void>;
  /** Put a static pod manifest removed earlier back in the node's manifest directory. */
  restoreStaticPod?(node: string, name: string): Promise<void>;
  /**
   * The recorded control-plane conversation (requests, storage writes, watch notifications). Only
   * a simulated cluster can record it; a live driver throws.
   */
  conversation(): Promise<readonly ConversationMessage[]>;
  /**
   * The scheduler's latest decision about a pod, with every node's filter verdicts and scores. Only
   * a simulated cluster keeps them.
   */
  schedulingDecision?(namespace: string, name: string): Promise<SchedulingDecision | undefined>;
  /** Start another kube-scheduler whose profile serves pods with `schedulerName: name`. */
  addScheduler?(options: { name: string; scoringStrategy?: ScoringStrategyType }): Promise<void>;
  /** Release everything the cluster holds. */
  dispose(): Promise<void>;
  /** Fault injection: make etcd unavailable (`false`) or available again (`true`). Simulation only. */
  setEtcdAvailable?(available: boolean): Promise<void>;
  /**
   * Watch a resource (`pods`, `deployments.apps`) as an API client would; events are passed to
   * `onEvent` as they are delivered. Rejects with the apiserver's Status when the watch is refused
   * (e.g. 410 Gone for a compacted resourceVersion).
   */
  watch?(request: WatchRequest, onEvent: (event: WatchedEvent) => void): Promise<{ stop(): void }>;
  /** POST pods/{name}/eviction (the Eviction API kubectl drain uses). */
  evict?(namespace: string, name: string): Promise<void>;
  /** Start cloud-controller-manager whose load balancers take addresses from the pool. */
  enableCloudLoadBalancers?(pool: string): Promise<void>;
  /** Send a request through the cluster network (DNS, the nodes' kube-proxy rules, pods). */
  sendRequest?(source: TrafficSource, target: string): Promise<TrafficResult>;
  /** A node's kube-proxy rules as `iptables-save` prints them, and as kube-proxy wrote them. */
  proxyRules?(node: string): Promise<{ save: string; restore: readonly string[] }>;
  /** Resolve a name as a pod in `namespace` would (undefined when cluster DNS does not answer). */
  resolveName?(namespace: string, name: string, pod?: string): Promise<DnsAnswer | undefined>;
}

/** What to watch. */
export interface WatchRequest {
  resource: string;
  /** Undefined: all namespaces (or a cluster-scoped resource). */
  namespace?: string | undefined;
  /** Start after this resourceVersion; undefined: the current state first (ADDED for each object). */
  resourceVersion?: string | undefined;
  allowWatchBookmarks?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

/** One delivered watch event. */
export interface WatchedEvent {
  type: string;
  name: string;
  namespace?: string | undefined;
  resourceVersion: string;
}
