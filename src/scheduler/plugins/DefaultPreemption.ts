import type { Pod } from "../../api/types.ts";
import { fitErrorMessage, NodeToStatus } from "../framework/FitError.ts";
import { type Framework, overlaySnapshot } from "../framework/Framework.ts";
import type { NodeInfo } from "../framework/NodeInfo.ts";
import type { CycleState, SchedulingSnapshot } from "../framework/Plugin.ts";
import type { PodInfo } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";

/** DefaultPreemptionArgs defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;
const MAX_INT32 = 2147483647;

/** What the evaluator may do to the cluster (through the apiserver) and ask of it. */
export interface PreemptionEffects {
  /** Add DisruptionTarget=True (PreemptionByScheduler), delete gracefully, record `Preempted`. */
  preempt(victim: PodInfo, preemptor: PodInfo, node: string): void;
  /** Clear status.nominatedNodeName of these pods. */
  clearNominatedNodeName(pods: readonly PodInfo[]): void;
  /** Virtual now (pods without a start time count as starting now). */
  now(): number;
}

/** A node where preemption would make room, and the pods to evict there. */
export interface Candidate {
  node: string;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** The PostFilter outcome (PostFilterResult + Status). */
export interface PreemptionResult {
  /** Success when a candidate was chosen; Unschedulable (with the message) otherwise. */
  status: PluginStatus;
  /** Set: override status.nominatedNodeName with this ("" clears it). Unset: leave it. */
  nominatedNodeName?: string;
  victims: PodInfo[];
}

/** podTerminatingByPreemption. */
function terminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  const c = pod.status?.conditions?.find((x) => x.type === "DisruptionTarget");
  return c?.status === "True" && c.reason === "PreemptionByScheduler";
}

function startTime(pod: Pod, now: number): number {
  return pod.status?.startTime ? Date.parse(pod.status.startTime) : now;
}

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo, now: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return startTime(a.pod, now) < startTime(b.pod, now);
}

/**
 * DefaultPreemption (plugins/defaultpreemption with framework/preemption's Evaluator): when no node
 * fits, find nodes where evicting lower-priority pods would make room (the fewest and least
 * important victims), choose one, evict its victims through the apiserver and nominate the node
 * for the pod. The messages are v1.32's (`preemption: 0/3 nodes are available: …`).
 *
 * @example
 * ```ts
 * const result = new DefaultPreemption(framework).postFilter(state, podInfo, statuses, snapshot, effects);
 * result.nominatedNodeName; // "node-1"
 * ```
 */
export class DefaultPreemption {
  readonly #framework: Framework;

  constructor(framework: Framework) {
    this.#framework = framework;
  }

  postFilter(
    state: CycleState,
    pod: PodInfo,
    statuses: NodeToStatus,
    snapshot: SchedulingSnapshot,
    effects: PreemptionEffects,
  ): PreemptionResult {
    const result = this.#preempt(state, pod, statuses, snapshot, effects);
    const message = result.status.message();
    if (message.length > 0)
      return {
        ...result,
        status: new PluginStatus(result.status.code, [`preemption: ${message}`], "DefaultPreemption"),
      };
    return result;
  }

  /** Evaluator.Preempt. */
  #preempt(
    state: CycleState,
    pod: PodInfo,
    statuses: NodeToStatus,
    snapshot: SchedulingSnapshot,
    effects: PreemptionEffects,
  ): PreemptionResult {
    const nominated = pod.pod.status?.nominatedNodeName ?? "";
    const ineligible = this.#ineligibility(pod, nominated ? statuses.get(nominated) : undefined, snapshot);
    if (ineligible)
      return { status: PluginStatus.unschedulable("DefaultPreemption", ineligible), victims: [] };

    const allNodes = snapshot.nodes;
    // nodesWherePreemptionMightHelp: only nodes rejected with a resolvable status.
    const potential = allNodes.filter((n) => statuses.get(n.name).code === "Unschedulable");
    const nodeStatuses = new NodeToStatus();
    let candidates: Candidate[] = [];
    if (potential.length === 0) {
      if (nominated) effects.clearNominatedNodeName([pod]);
    } else {
      candidates = this.#dryRun(state, pod, potential, snapshot, nodeStatuses, effects.now());
    }
    if (candidates.length === 0) {
      nodeStatuses.absent = PluginStatus.unresolvable("", "Preemption is not helpful for scheduling");
      return {
        status: PluginStatus.unschedulable(
          "DefaultPreemption",
          fitErrorMessage(allNodes.length, nodeStatuses),
        ),
        nominatedNodeName: "",
        victims: [],
      };
    }
    const best = this.#selectCandidate(candidates, effects.now());
    for (const victim of best.victims) effects.preempt(victim, pod, best.node);
    // Lower-priority pods nominated to this node may no longer fit there.
    const lower = snapshot.nominatedPodsFor(best.node).filter((p) => p.priority < pod.priority);
    if (lower.length > 0) effects.clearNominatedNodeName(lower);
    return { status: PluginStatus.success, nominatedNodeName: best.node, victims: best.victims };
  }

  /** PodEligibleToPreemptOthers: the reason it may not preempt, if any. */
  #ineligibility(pod: PodInfo, nominatedStatus: PluginStatus | undefined, snapshot: SchedulingSnapshot) {
    if (pod.pod.spec?.preemptionPolicy === "Never") return "not eligible due to preemptionPolicy=Never.";
    const nominated = pod.pod.status?.nominatedNodeName;
    if (!nominated) return undefined;
    // A nominated node the filters now find hopeless: try preempting elsewhere.
    if (nominatedStatus?.code === "UnschedulableAndUnresolvable") return undefined;
    const info = snapshot.get(nominated);
    if (info?.pods.some((p) => p.priority < pod.priority && terminatingByPreemption(p.pod)))
      return "not eligible due to a terminating pod on the nominated node.";
    return undefined;
  }

  /** DryRunPreemption: from a random offset, until enough candidates are found. */
  #dryRun(
    state: CycleState,
    pod: PodInfo,
    potential: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
    nodeStatuses: NodeToStatus,
    now: number,
  ): Candidate[] {
    const n = potential.length;
    const offset = snapshot.random.int(0, n - 1);
    let numCandidates = Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
    if (numCandidates < MIN_CANDIDATE_NODES_ABSOLUTE) numCandidates = MIN_CANDIDATE_NODES_ABSOLUTE;
    if (numCandidates > n) numCandidates = n;
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const node = potential[(offset + i) % n] as NodeInfo;
      const { victims, status, numPDBViolations } = this.#selectVictimsOnNode(
        state,
        pod,
        node,
        snapshot,
        now,
      );
      if (status.isSuccess() && victims.length > 0) {
        const candidate = { node: node.name, victims, numPDBViolations };
        if (numPDBViolations === 0) nonViolating.push(candidate);
        else violating.push(candidate);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      nodeStatuses.set(node.name, status);
    }
    return [...nonViolating, ...violating];
  }

  /** SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still fit. */
  #selectVictimsOnNode(
    state: CycleState,
    pod: PodInfo,
    original: NodeInfo,
    snapshot: SchedulingSnapshot,
    now: number,
  ): { victims: PodInfo[]; status: PluginStatus; numPDBViolations: number } {
    const node = original.clone();
    const potentialVictims = node.pods.filter((p) => p.priority < pod.priority);
    for (const v of potentialVictims) node.removePod(v.key);
    if (potentialVictims.length === 0)
      return {
        victims: [],
        status: PluginStatus.unresolvable(
          "DefaultPreemption",
          "No preemption victims found for incoming pod",
        ),
        numPDBViolations: 0,
      };
    const view = overlaySnapshot(snapshot, node);
    const fits = () => {
      const refreshed = this.#framework.refreshPreFilterState(state, pod, view);
      return this.#framework.runFilterPluginsWithNominatedPods(refreshed, pod, node, view);
    };
    const status = fits();
    if (!status.isSuccess()) return { victims: [], status, numPDBViolations: 0 };
    potentialVictims.sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0));
    const victims: PodInfo[] = [];
    // No PodDisruptionBudgets in kubespec yet: every victim is non-violating.
    for (const p of potentialVictims) {
      node.addPod(p);
      if (!fits().isSuccess()) {
        node.removePod(p.key);
        victims.push(p);
      }
    }
    return { victims, status: PluginStatus.success, numPDBViolations: 0 };
  }

  /** SelectCandidate / pickOneNodeForPreemption. */
  #selectCandidate(candidates: Candidate[], now: number): Candidate {
    if (candidates.length === 1) return candidates[0] as Candidate;
    const earliestStart = (c: Candidate) => {
      let earliest = startTime((c.victims[0] as PodInfo).pod, now);
      let maxPriority = (c.victims[0] as PodInfo).priority;
      for (const v of c.victims) {
        if (v.priority === maxPriority) earliest = Math.min(earliest, startTime(v.pod, now));
        else if (v.priority > maxPriority) {
          maxPriority = v.priority;
          earliest = startTime(v.pod, now);
        }
      }
      return earliest;
    };
    const scoreFuncs: ((c: Candidate) => number)[] = [
      (c) => -c.numPDBViolations,
      (c) => -(c.victims[0] as PodInfo).priority,
      (c) => -c.victims.reduce((sum, v) => sum + v.priority + MAX_INT32 + 1, 0),
      (c) => -c.victims.length,
      (c) => earliestStart(c),
    ];
    let remaining = candidates;
    for (const f of scoreFuncs) {
      let max = Number.NEGATIVE_INFINITY;
      let selected: Candidate[] = [];
      for (const c of remaining) {
        const score = f(c);
        if (score > max) {
          max = score;
          selected = [];
        }
        if (score === max) selected.push(c);
      }
      if (selected.length === 1) return selected[0] as Candidate;
      remaining = selected;
    }
    return remaining[0] as Candidate;
  }
}
