import type { StatusCode } from "./framework/Status.ts";

/** A filter plugin's verdict on one node (or a PreFilter/PreScore outcome). */
export interface FilterVerdict {
  plugin: string;
  code: StatusCode;
  reasons: string[];
}

/** One score plugin's contribution on one node. */
export interface ScoreContribution {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

/** What the scheduler concluded about one node in one cycle. */
export interface NodeExplanation {
  node: string;
  /** Verdicts in plugin order, up to the first rejection. */
  filters: FilterVerdict[];
  feasible: boolean;
  scores: ScoreContribution[];
  total?: number;
}

/** What DefaultPreemption did after a failed cycle. */
export interface PreemptionOutcome {
  /** The post-filter message (`preemption: ...`), empty when preemption succeeded. */
  message: string;
  nominatedNode?: string;
  /** `namespace/name` of the pods evicted. */
  victims: string[];
}

/**
 * The record of one scheduling attempt of a pod (like kube-scheduler-simulator's results): every
 * extension point's verdicts, per-node filter verdicts and raw/normalized/weighted scores, and the
 * outcome.
 */
export interface SchedulingDecision {
  /** `namespace/name`. */
  pod: string;
  /** The profile (schedulerName) that scheduled it. */
  profile: string;
  /** Attempt number of this pod (1 for the first). */
  attempt: number;
  /** The scheduler's scheduling cycle. */
  cycle: number;
  /** Virtual time of the attempt (ms). */
  time: number;
  /** PreFilter outcomes that were not plain successes (Skip, rejections). */
  preFilter: FilterVerdict[];
  /** Score plugins whose PreScore returned Skip. */
  skippedScore: string[];
  /** Number of nodes the snapshot held. */
  totalNodes: number;
  /** Nodes looked at (percentageOfNodesToScore may stop early). */
  nodes: NodeExplanation[];
  /** Where the pod was sent. */
  chosen?: string;
  /** The nominated node used directly (it still fits). */
  nominatedNode?: string;
  /** The FailedScheduling message, when no node fits. */
  message?: string;
  preemption?: PreemptionOutcome;
}
