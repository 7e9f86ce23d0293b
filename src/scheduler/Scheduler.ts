import { type Actor, createActor } from "xstate";
import { isPodTerminal } from "../api/pods.ts";
import type { Node, Pod } from "../api/types.ts";
import { keyOf } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client, type ResourceClient } from "../client/Client.ts";
import { EventRecorder } from "../client/EventRecorder.ts";
import { Informer } from "../client/Informer.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { NodeInfo, type PodInfo, podInfo } from "./framework/NodeInfo.ts";
import { CycleState, type NodeScore, type Plugin, type SchedulingSnapshot } from "./framework/Plugin.ts";
import type { PluginStatus, StatusCode } from "./framework/Status.ts";
import { NodeAffinity } from "./plugins/NodeAffinity.ts";
import { NodeName } from "./plugins/NodeName.ts";
import { nodeResourcesBalancedAllocation } from "./plugins/NodeResourcesBalancedAllocation.ts";
import { nodeResourcesFit, type ScoringStrategy } from "./plugins/NodeResourcesFit.ts";
import { NodeUnschedulable } from "./plugins/NodeUnschedulable.ts";
import { TaintToleration } from "./plugins/TaintToleration.ts";
import { type QueuedPod, SchedulingQueue } from "./SchedulingQueue.ts";
import { schedulerMachine } from "./schedulerMachine.ts";

/** Configuration of one scheduler (a single-profile KubeSchedulerConfiguration). */
export interface SchedulerOptions {
  /** Profile name pods select with `spec.schedulerName`. */
  name?: string;
  scoringStrategy?: ScoringStrategy;
  /** 0 = adaptive (50 − nodes/125, at least 5). */
  percentageOfNodesToScore?: number;
  /** Keep per-node explanations of each decision (on in scenarios, off in benchmarks). */
  explain?: boolean;
}

/** A filter plugin's verdict on one node. */
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
  filters: FilterVerdict[];
  feasible: boolean;
  scores: ScoreContribution[];
  total?: number;
}

/** The record of one scheduling attempt of a pod (like kube-scheduler-simulator's results). */
export interface SchedulingDecision {
  pod: string;
  cycle: number;
  /** Virtual time of the attempt. */
  time: number;
  nodes: NodeExplanation[];
  chosen?: string;
  /** The FailedScheduling message, when no node fits. */
  message?: string;
}

const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/**
 * kube-scheduler with the default profile's plugins: watches pods and nodes through the apiserver,
 * keeps its own cache of node usage (including pods it assumed but has not seen bound yet), and
 * for each pending pod runs filter → score → normalize → select → bind. Failures produce the
 * FailedScheduling event and PodScheduled=False condition with the real message.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler(loop, random, apiserver, { name: "default-scheduler" });
 * scheduler.start();
 * ```
 */
export class Scheduler {
  readonly name: string;
  readonly actor: Actor<typeof schedulerMachine>;
  readonly queue: SchedulingQueue;
  readonly decisions = new Map<string, SchedulingDecision>();
  readonly #loop: EventLoop;
  readonly #random: SeededRandom;
  readonly #client: Client;
  readonly #pods: ResourceClient<Pod>;
  readonly #events: EventRecorder;
  readonly #nodes = new Map<string, NodeInfo>();
  /** Nodes in the order they were added (the NodeTree order, single zone). */
  #nodeList: NodeInfo[] = [];
  readonly #podNode = new Map<string, string>();
  readonly #assumed = new Set<string>();
  readonly #podInfos = new WeakMap<Pod, PodInfo>();
  readonly #filters: Plugin[];
  readonly #scorers: { plugin: Plugin; weight: number }[];
  readonly #preFilters: Plugin[];
  readonly #explain: boolean;
  readonly #percentage: number;
  #podInformer: Informer<Pod> | undefined;
  #nodeInformer: Informer<Node> | undefined;
  #nextStartNodeIndex = 0;
  #wakePending = false;

  constructor(loop: EventLoop, random: SeededRandom, api: ApiServer, options: SchedulerOptions = {}) {
    this.name = options.name ?? "default-scheduler";
    this.#loop = loop;
    this.#random = random;
    this.#explain = options.explain ?? true;
    this.#percentage = options.percentageOfNodesToScore ?? 0;
    const user = this.name === "default-scheduler" ? "kube-scheduler" : this.name;
    this.#client = new Client(user, api);
    this.#pods = this.#client.resource<Pod>("pods");
    this.#events = new EventRecorder(loop, this.#client, {
      component: this.name,
      instance: `${this.name}-control-plane`,
      api: "events.k8s.io",
    });
    this.queue = new SchedulingQueue(loop);
    this.queue.onActive = () => this.#wake();
    const infoOf = (pod: Pod) => this.#podInfo(pod);
    const fit = nodeResourcesFit(options.scoringStrategy ?? "LeastAllocated", infoOf);
    this.#preFilters = [fit];
    this.#filters = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, fit];
    this.#scorers = [
      { plugin: TaintToleration, weight: 3 },
      { plugin: NodeAffinity, weight: 2 },
      { plugin: fit, weight: 1 },
      { plugin: nodeResourcesBalancedAllocation(infoOf), weight: 1 },
    ];
    this.actor = createActor(
      schedulerMachine.provide({
        actions: {
          scheduleOne: () => this.#scheduleOneStep(),
          stopInformers: () => this.#stopInformers(),
          startInformers: () => this.#startInformers(),
        },
      }),
      { clock: loop, inspect: statechartVisits.inspect },
    );
  }

  /** Start watching and scheduling. */
  start(): void {
    this.actor.start();
    this.#startInformers();
  }

  /** Stop (the static pod is gone): no more watching or binding. */
  stop(): void {
    this.actor.send({ type: "STOP" });
  }

  /** Resume after {@link stop}. */
  resume(): void {
    this.actor.send({ type: "START" });
  }

  get running(): boolean {
    return this.actor.getSnapshot().matches("running");
  }

  /** Node names in the scheduler's cache with their requested cpu (millicores) and memory (bytes). */
  nodeUsage(): { node: string; cpu: number; memory: number; pods: number }[] {
    return this.#nodeList.map((n) => ({
      node: n.name,
      cpu: n.requested.cpu,
      memory: n.requested.memory,
      pods: n.pods.size,
    }));
  }

  #podInfo(pod: Pod): PodInfo {
    let info = this.#podInfos.get(pod);
    if (!info) {
      info = podInfo(pod);
      this.#podInfos.set(pod, info);
    }
    return info;
  }

  #startInformers(): void {
    this.#nodeInformer = new Informer<Node>(this.#loop, this.#client.resource<Node>("nodes"));
    this.#nodeInformer.on({
      add: (node) => this.#addNode(node),
      update: (node) => this.#addNode(node),
      delete: (node) => this.#removeNode(node),
    });
    this.#podInformer = new Informer<Pod>(this.#loop, this.#pods, {
      fieldSelector: "status.phase!=Succeeded,status.phase!=Failed",
    });
    this.#podInformer.on({
      add: (pod) => this.#onPod(pod, undefined),
      update: (pod, old) => this.#onPod(pod, old),
      delete: (pod) => this.#onPodDeleted(pod),
    });
    this.#nodeInformer.start();
    this.#podInformer.start();
  }

  #stopInformers(): void {
    this.#nodeInformer?.stop();
    this.#podInformer?.stop();
    this.queue.clear();
    this.#nodes.clear();
    this.#nodeList = [];
    this.#podNode.clear();
    this.#assumed.clear();
  }

  #addNode(node: Node): void {
    const name = node.metadata?.name as string;
    const existing = this.#nodes.get(name);
    if (existing) existing.setNode(node);
    else {
      const info = new NodeInfo(node);
      this.#nodes.set(name, info);
      this.#nodeList.push(info);
    }
    this.queue.moveAllToActiveOrBackoff();
  }

  #removeNode(node: Node): void {
    const name = node.metadata?.name as string;
    const info = this.#nodes.get(name);
    if (!info) return;
    this.#nodes.delete(name);
    this.#nodeList = this.#nodeList.filter((n) => n !== info);
  }

  #responsibleFor(pod: Pod): boolean {
    return (pod.spec?.schedulerName ?? "default-scheduler") === this.name;
  }

  #onPod(pod: Pod, old: Pod | undefined): void {
    const key = keyOf(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      this.queue.delete(key);
      this.#assumed.delete(key);
      this.#placePod(pod, nodeName);
      return;
    }
    if (old?.spec?.nodeName) this.#unplacePod(key);
    if (!this.#responsibleFor(pod) || isPodTerminal(pod)) return;
    if (old) this.queue.update(pod, key);
    else this.queue.add(pod, key);
  }

  #onPodDeleted(pod: Pod): void {
    const key = keyOf(pod);
    this.queue.delete(key);
    if (this.#podNode.has(key)) {
      this.#unplacePod(key);
      this.#assumed.delete(key);
      this.queue.moveAllToActiveOrBackoff();
    }
  }

  #placePod(pod: Pod, nodeName: string): void {
    const key = keyOf(pod);
    const previous = this.#podNode.get(key);
    if (previous && previous !== nodeName) this.#nodes.get(previous)?.removePod(key);
    this.#podNode.set(key, nodeName);
    this.#nodes.get(nodeName)?.addPod(this.#podInfo(pod));
  }

  #unplacePod(key: string): void {
    const nodeName = this.#podNode.get(key);
    if (nodeName === undefined) return;
    this.#nodes.get(nodeName)?.removePod(key);
    this.#podNode.delete(key);
  }

  #wake(): void {
    if (this.#wakePending) return;
    this.#wakePending = true;
    this.#loop.enqueue(() => {
      this.#wakePending = false;
      if (this.running && this.queue.hasActive()) this.actor.send({ type: "WAKE" });
    });
  }

  /** One step of the scheduling loop: one pod, then hand control back to the event loop. */
  #scheduleOneStep(): void {
    const info = this.queue.pop();
    if (info) this.#scheduleOne(info);
    this.#loop.enqueue(() => {
      if (!this.running) return;
      this.actor.send({ type: this.queue.hasActive() ? "WAKE" : "DRAINED" });
    });
  }

  #numFeasibleNodesToFind(total: number): number {
    if (total < MIN_FEASIBLE_NODES) return total;
    let percentage = this.#percentage;
    if (percentage === 0) percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(total / 125));
    const n = Math.trunc((total * percentage) / 100);
    return Math.max(n, MIN_FEASIBLE_NODES);
  }

  #scheduleOne(queued: QueuedPod): void {
    const pod = queued.pod;
    const key = queued.key;
    // skipPodSchedule: being deleted or already assumed.
    if (pod.metadata?.deletionTimestamp || this.#assumed.has(key) || pod.spec?.nodeName) {
      this.queue.done(key);
      return;
    }
    const snapshot: SchedulingSnapshot = {
      nodes: this.#nodeList,
      get: (name) => this.#nodes.get(name),
      random: this.#random,
    };
    const decision: SchedulingDecision = { pod: key, cycle: queued.cycle, time: this.#loop.now(), nodes: [] };
    const state = new CycleState();
    for (const plugin of this.#preFilters) plugin.preFilter?.(state, pod, snapshot);

    // Filter, starting where the previous cycle stopped.
    const all = this.#nodeList;
    const wanted = this.#numFeasibleNodesToFind(all.length);
    const feasible: NodeInfo[] = [];
    const failed = new Map<string, PluginStatus>();
    const explanations = new Map<string, NodeExplanation>();
    let processed = 0;
    for (let i = 0; i < all.length && feasible.length < wanted; i++) {
      const node = all[(this.#nextStartNodeIndex + i) % all.length] as NodeInfo;
      processed++;
      const explanation: NodeExplanation | undefined = this.#explain
        ? { node: node.name, filters: [], feasible: true, scores: [] }
        : undefined;
      let rejected: PluginStatus | undefined;
      for (const plugin of this.#filters) {
        const status = plugin.filter?.(state, pod, node, snapshot);
        if (!status) continue;
        explanation?.filters.push({ plugin: plugin.name, code: status.code, reasons: [...status.reasons] });
        if (!status.isSuccess()) {
          rejected = status;
          break;
        }
      }
      if (rejected) {
        failed.set(node.name, rejected);
        if (explanation) explanation.feasible = false;
      } else feasible.push(node);
      if (explanation) explanations.set(node.name, explanation);
    }
    if (all.length > 0) this.#nextStartNodeIndex = (this.#nextStartNodeIndex + processed) % all.length;

    if (feasible.length === 0) {
      const message = this.#fitErrorMessage(pod, all.length, failed);
      decision.nodes = all
        .map((n) => explanations.get(n.name))
        .filter((e): e is NodeExplanation => e !== undefined);
      decision.message = message;
      this.#record(decision);
      this.#events.record(pod as never, "Warning", "FailedScheduling", message, undefined, "Scheduling");
      this.queue.addUnschedulable(queued);
      this.#markUnschedulable(pod, message);
      return;
    }

    let chosen: NodeInfo;
    if (feasible.length === 1) {
      chosen = feasible[0] as NodeInfo;
    } else {
      chosen = this.#prioritize(state, pod, feasible, snapshot, explanations);
    }
    decision.nodes = [...explanations.values()];
    decision.chosen = chosen.name;
    this.#record(decision);

    // Assume, then bind through the apiserver.
    this.#assumed.add(key);
    this.#placePod(pod, chosen.name);
    try {
      this.#client.bind(pod.metadata?.namespace as string, pod.metadata?.name as string, chosen.name);
      this.queue.done(key);
      this.#events.record(
        pod as never,
        "Normal",
        "Scheduled",
        `Successfully assigned ${key} to ${chosen.name}`,
        undefined,
        "Binding",
      );
    } catch {
      this.#assumed.delete(key);
      this.#unplacePod(key);
      this.queue.addUnschedulable(queued);
    }
  }

  #prioritize(
    state: CycleState,
    pod: Pod,
    feasible: NodeInfo[],
    snapshot: SchedulingSnapshot,
    explanations: Map<string, NodeExplanation>,
  ): NodeInfo {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const { plugin, weight } of this.#scorers) {
      plugin.preScore?.(state, pod, feasible, snapshot);
      const scores: NodeScore[] = feasible.map((node) => ({
        name: node.name,
        score: plugin.score?.(state, pod, node, snapshot) ?? 0,
      }));
      const raw = this.#explain ? scores.map((s) => s.score) : undefined;
      plugin.normalizeScore?.(state, pod, scores);
      scores.forEach((s, i) => {
        totals[i] = (totals[i] as number) + s.score * weight;
        if (raw) {
          explanations.get(s.name)?.scores.push({
            plugin: plugin.name,
            raw: raw[i] as number,
            normalized: s.score,
            weight,
            weighted: s.score * weight,
          });
        }
      });
    }
    // selectHost: the highest total; ties broken uniformly at random (reservoir sampling).
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if ((totals[i] as number) > (totals[best] as number)) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.#random.int(0, ties - 1) === 0) best = i;
      }
    }
    if (this.#explain)
      feasible.forEach((n, i) => {
        const e = explanations.get(n.name);
        if (e) e.total = totals[i] as number;
      });
    return feasible[best] as NodeInfo;
  }

  /** FitError.Error() plus the DefaultPreemption post-filter message. */
  #fitErrorMessage(pod: Pod, total: number, failed: Map<string, PluginStatus>): string {
    const histogram = (statuses: Iterable<string[]>) => {
      const counts = new Map<string, number>();
      for (const reasons of statuses) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
    };
    let message = `0/${total} nodes are available`;
    const reasons = histogram([...failed.values()].map((s) => [...s.reasons]));
    message += reasons.length > 0 ? `: ${reasons.join(", ")}.` : ":";
    if (total === 0) return "no nodes available to schedule pods";
    // DefaultPreemption: nodes rejected for unresolvable reasons cannot be helped by preemption;
    // on the others, a pod without lower-priority victims finds none.
    if (pod.spec?.preemptionPolicy === "Never")
      return `${message} preemption: not eligible due to preemptionPolicy=Never.`;
    const preemption = histogram(
      [...failed.values()].map((s) =>
        s.code === "UnschedulableAndUnresolvable"
          ? ["Preemption is not helpful for scheduling"]
          : ["No preemption victims found for incoming pod"],
      ),
    );
    return `${message} preemption: 0/${total} nodes are available: ${preemption.join(", ")}.`;
  }

  #markUnschedulable(pod: Pod, message: string): void {
    const current = this.#pods.find(pod.metadata?.namespace, pod.metadata?.name as string);
    if (!current || current.spec?.nodeName) return;
    const conditions = [...(current.status?.conditions ?? [])];
    const existing = conditions.find((c) => c.type === "PodScheduled");
    if (existing?.status === "False" && existing.reason === "Unschedulable" && existing.message === message)
      return;
    const condition = {
      type: "PodScheduled",
      status: "False",
      reason: "Unschedulable",
      message,
      lastProbeTime: null as unknown as string,
      lastTransitionTime:
        existing?.status === "False" && existing.lastTransitionTime
          ? existing.lastTransitionTime
          : this.#now(),
    };
    const next = existing
      ? conditions.map((c) => (c.type === "PodScheduled" ? condition : c))
      : [...conditions, condition];
    try {
      this.#pods.patch(
        current.metadata?.namespace,
        current.metadata?.name as string,
        "merge",
        { status: { conditions: next } },
        { subresource: "status" },
      );
    } catch {
      // the pod may be gone or the apiserver down; the next attempt retries
    }
  }

  #now(): string {
    return `${new Date(this.#loop.now()).toISOString().slice(0, 19)}Z`;
  }

  #record(decision: SchedulingDecision): void {
    if (this.#explain) this.decisions.set(decision.pod, decision);
  }
}
