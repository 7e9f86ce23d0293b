import type { Pod } from "../api/types.ts";
import type { ScoringStrategyType } from "../scheduler/plugins/NodeResourcesFit.ts";
import type { SchedulingDecision } from "../scheduler/SchedulingDecision.ts";
import type { ConversationMessage } from "./Conversation.ts";

/** What one kubectl command printed and returned. */
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
}
