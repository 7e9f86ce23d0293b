import { type Actor, createActor } from "xstate";
import type { Selector } from "../api/labels.ts";
import { isPodTerminal } from "../api/pods.ts";
import type { KubeObject, Namespace, Node, Pod, PodCondition } from "../api/types.ts";
import { keyOf } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client, type ResourceClient } from "../client/Client.ts";
import { EventRecorder } from "../client/EventRecorder.ts";
import { Informer } from "../client/Informer.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage, NodeToStatus } from "./framework/FitError.ts";
import { Framework, type ProfileConfig } from "./framework/Framework.ts";
import type { NodeInfo } from "./framework/NodeInfo.ts";
import { type ClusterEvent, type ClusterListers, CycleState } from "./framework/Plugin.ts";
import { PodInfo } from "./framework/PodInfo.ts";
import { PluginStatus } from "./framework/Status.ts";
import { DefaultPreemption, type PreemptionEffects } from "./plugins/DefaultPreemption.ts";
import { SchedulerCache } from "./SchedulerCache.ts";
import type { NodeExplanation, SchedulingDecision } from "./SchedulingDecision.ts";
import { type QueuedPod, SchedulingQueue } from "./SchedulingQueue.ts";
import { schedulerMachine } from "./schedulerMachine.ts";

/** Configuration of one kube-scheduler process (a KubeSchedulerConfiguration). */
export interface SchedulerOptions {
  /** Single-profile shorthand: the profile's schedulerName (default `default-scheduler`). */
  name?: string;
  /** Profiles; when given, `name` only names the process. */
  profiles?: ProfileConfig[];
  /** Single-profile shorthand for NodeResourcesFit's scoring strategy. */
  scoringStrategy?: ProfileConfig["scoringStrategy"];
  /** 0 = adaptive (50 − nodes/125, at least 5). */
  percentageOfNodesToScore?: number;
  /** Keep per-node explanations of each decision (on in scenarios, off in benchmarks). */
  explain?: boolean;
  /** The host the scheduler runs on (reportingInstance `<profile>-<host>`). */
  host?: string;
}

export type {
  FilterVerdict,
  NodeExplanation,
  SchedulingDecision,
  ScoreContribution,
} from "./SchedulingDecision.ts";

const NO_SELECTORS: readonly Record<string, string>[] = Object.freeze([]);
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;
/** How many decisions per pod are kept. */
const DECISIONS_PER_POD = 20;

interface Profile {
  framework: Framework;
  preemption: DefaultPreemption | undefined;
  events: EventRecorder;
}

/** The pieces of a failed cycle that handleSchedulingFailure needs. */
interface Failure {
  message: string;
  /** Unschedulable (rejected) or SchedulerError. */
  reason: "Unschedulable" | "SchedulerError";
  plugins: Set<string>;
  /** Override of status.nominatedNodeName ("" clears), or undefined to leave it. */
  nominatedNodeName?: string;
}

/**
 * kube-scheduler: watches pods, nodes and the objects its plugins look at through the apiserver,
 * keeps a cache of node usage (including pods it assumed but has not seen bound yet), and for each
 * pod popped from the scheduling queue runs its profile's framework — PreFilter, Filter (stopping
 * after percentageOfNodesToScore of the nodes), PreScore, Score, NormalizeScore, selectHost — then
 * binds through the apiserver. Failures run DefaultPreemption and produce the FailedScheduling event
 * and PodScheduled=False condition with v1.32's message. Each attempt is kept as a
 * SchedulingDecision.
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
  readonly cache: SchedulerCache;
  /** Decisions per pod key, oldest first. */
  readonly decisions = new Map<string, SchedulingDecision[]>();
  readonly #loop: EventLoop;
  readonly #client: Client;
  readonly #pods: ResourceClient<Pod>;
  readonly #profiles = new Map<string, Profile>();
  readonly #explain: boolean;
  readonly #percentage: number;
  readonly #informers: Informer<KubeObject>[] = [];
  #podInformer: Informer<Pod> | undefined;
  #namespaceInformer: Informer<Namespace> | undefined;
  #serviceInformer: Informer<KubeObject> | undefined;
  readonly #serviceSelectors = new Map<string, Record<string, string>[]>();
  readonly #ownerInformers = new Map<string, Informer<KubeObject>>();
  #nextStartNodeIndex = 0;
  /** The actor's mode, kept up to date (asked at every step). */
  #mode: "idle" | "scheduling" | "stopped" = "idle";
  readonly #feasible: NodeInfo[] = [];
  #wakePending = false;

  constructor(loop: EventLoop, random: SeededRandom, api: ApiServer, options: SchedulerOptions = {}) {
    this.name = options.name ?? options.profiles?.[0]?.schedulerName ?? "default-scheduler";
    this.#loop = loop;
    this.#explain = options.explain ?? true;
    this.#percentage = options.percentageOfNodesToScore ?? 0;
    const user = this.name === "default-scheduler" ? "kube-scheduler" : this.name;
    this.#client = new Client(user, api);
    this.#pods = this.#client.resource<Pod>("pods");
    const host = options.host ?? "control-plane";
    const profiles = options.profiles ?? [
      {
        schedulerName: this.name,
        ...(options.scoringStrategy ? { scoringStrategy: options.scoringStrategy } : {}),
      },
    ];
    for (const config of profiles) {
      if (this.#profiles.has(config.schedulerName))
        throw new Error(`duplicate profile for scheduler name "${config.schedulerName}"`);
      const framework = new Framework(config);
      this.#profiles.set(config.schedulerName, {
        framework,
        preemption: framework.preemption ? new DefaultPreemption(framework) : undefined,
        events: new EventRecorder(loop, this.#client, {
          component: config.schedulerName,
          instance: `${config.schedulerName}-${host}`,
          api: "events.k8s.io",
        }),
      });
    }
    this.cache = new SchedulerCache(random, this.#listers());
    this.queue = new SchedulingQueue(loop, {
      preEnqueue: (pod) =>
        this.#profiles.get(pod.spec?.schedulerName ?? "")?.framework.runPreEnqueuePlugins(pod) ??
        PluginStatus.success,
      hint: (plugin, event, pod) => {
        const fwk = this.#profiles.get(pod.pod.spec?.schedulerName ?? "")?.framework;
        const p = fwk?.plugins.find((x) => x.name === plugin);
        return p?.queueingHint?.(event, pod) ?? plugin === "";
      },
    });
    this.queue.onActive = () => this.#wake();
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
    this.actor.subscribe((snapshot) => {
      if (snapshot.matches({ running: "scheduling" })) this.#mode = "scheduling";
      else if (snapshot.matches("running")) this.#mode = "idle";
      else this.#mode = "stopped";
    });
  }

  /** Profile (schedulerName) names this scheduler serves. */
  get profileNames(): string[] {
    return [...this.#profiles.keys()];
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
    return this.#mode !== "stopped";
  }

  /** Node names in the scheduler's cache with their requested cpu (millicores) and memory (bytes). */
  nodeUsage(): { node: string; cpu: number; memory: number; pods: number }[] {
    return this.cache.nodes.map((n) => ({
      node: n.name,
      cpu: n.requested.cpu,
      memory: n.requested.memory,
      pods: n.pods.length,
    }));
  }

  /** The latest decision about a pod (`namespace/name`). */
  lastDecision(key: string): SchedulingDecision | undefined {
    const list = this.decisions.get(key);
    return list?.[list.length - 1];
  }

  #listers(): ClusterListers {
    return {
      namespaceLabels: (namespace) => this.#namespaceInformer?.get(namespace)?.metadata?.labels ?? undefined,
      namespacesMatching: (selector: Selector) =>
        (this.#namespaceInformer?.list() ?? [])
          .filter((n) => selector.matches(n.metadata?.labels))
          .map((n) => n.metadata?.name as string),
      serviceSelectors: (namespace) => this.#serviceSelectors.get(namespace) ?? NO_SELECTORS,
      ownerSelector: (kind, namespace, name) => {
        const owner = this.#ownerInformers.get(kind)?.get(`${namespace}/${name}`);
        return (owner?.spec as { selector?: unknown } | undefined)?.selector;
      },
    };
  }

  #informer<T extends object>(resource: string, options = {}): Informer<T> | undefined {
    if (!this.#client.kinds.forResourceName(resource)) return undefined;
    const informer = new Informer<T>(this.#loop, this.#client.resource<T>(resource), options);
    this.#informers.push(informer as unknown as Informer<KubeObject>);
    return informer;
  }

  #startInformers(): void {
    const nodes = this.#informer<Node>("nodes") as Informer<Node>;
    nodes.on({
      add: (node) => this.#onNodeAdd(node),
      update: (node, old) => this.#onNodeUpdate(node, old),
      delete: (node) => this.cache.removeNode(node.metadata?.name as string),
    });
    this.#podInformer = this.#informer<Pod>("pods", {
      fieldSelector: "status.phase!=Succeeded,status.phase!=Failed",
    });
    this.#podInformer?.on({
      add: (pod) => this.#onPodAdd(pod),
      update: (pod, old) => this.#onPodUpdate(pod, old),
      delete: (pod) => this.#onPodDelete(pod),
    });
    this.#namespaceInformer = this.#informer<Namespace>("namespaces");
    this.#namespaceInformer?.on({ add: () => this.#event({ kind: "NamespaceChange" }) });
    this.#serviceInformer = this.#informer<KubeObject>("services");
    this.#serviceInformer?.on({
      add: () => this.#onServicesChanged(),
      update: () => this.#onServicesChanged(),
      delete: () => this.#onServicesChanged(),
    });
    for (const [kind, resource] of [
      ["ReplicaSet", "replicasets"],
      ["StatefulSet", "statefulsets"],
      ["ReplicationController", "replicationcontrollers"],
    ] as const) {
      const informer = this.#informer<KubeObject>(resource);
      if (informer) this.#ownerInformers.set(kind, informer);
    }
    for (const informer of this.#informers) informer.start();
  }

  /** Index the services' selectors by namespace (what DefaultSelector reads for every pod). */
  #onServicesChanged(): void {
    this.#serviceSelectors.clear();
    for (const service of this.#serviceInformer?.list() ?? []) {
      const namespace = service.metadata.namespace ?? "";
      const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
      const list = this.#serviceSelectors.get(namespace) ?? [];
      list.push(selector);
      this.#serviceSelectors.set(namespace, list);
    }
    this.#event({ kind: "WorkloadChange" });
  }

  #stopInformers(): void {
    for (const informer of this.#informers) informer.stop();
    this.#informers.length = 0;
    this.#ownerInformers.clear();
    this.queue.clear();
    this.cache.clear();
  }

  #event(event: ClusterEvent): void {
    this.queue.onClusterEvent(event);
  }

  // ---- event handlers (eventhandlers.go) ----

  #onNodeAdd(node: Node): void {
    this.cache.addNode(node);
    this.#event({ kind: "NodeAdd", node });
  }

  #onNodeUpdate(node: Node, old: Node): void {
    this.cache.addNode(node);
    if (nodeSchedulingPropertiesChanged(node, old)) this.#event({ kind: "NodeUpdate", node, old });
  }

  #responsibleFor(pod: Pod): boolean {
    return this.#profiles.has(pod.spec?.schedulerName ?? "default-scheduler");
  }

  /** The PodInfo of a pod, derived from the one already held for it when there is one. */
  #podInfo(pod: Pod): PodInfo {
    const key = keyOf(pod);
    const held = this.queue.get(key)?.info ?? this.cache.podInfo(key);
    if (held?.pod === pod) return held;
    return held ? held.update(pod) : new PodInfo(pod);
  }

  #onPodAdd(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      this.cache.addPod(this.#podInfo(pod), nodeName);
      this.#event({ kind: "AssignedPodAdd", pod });
      return;
    }
    if (!this.#responsibleFor(pod) || isPodTerminal(pod)) return;
    const key = keyOf(pod);
    this.queue.add(pod, key);
    this.#nominateFromStatus(pod);
  }

  #onPodUpdate(pod: Pod, old: Pod): void {
    const key = keyOf(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      if (!old.spec?.nodeName) {
        // Unassigned → assigned: out of the queue, into the cache (confirming an assumed pod).
        const info = this.#podInfo(pod);
        this.queue.delete(key);
        this.cache.unnominate(key);
        this.cache.addPod(info, nodeName);
        this.#event({ kind: "AssignedPodAdd", pod });
        return;
      }
      this.cache.addPod(this.#podInfo(pod), nodeName);
      this.#event({ kind: "AssignedPodUpdate", pod, old });
      return;
    }
    if (!this.#responsibleFor(pod) || isPodTerminal(pod)) return;
    this.queue.update(pod, key);
    this.#nominateFromStatus(pod);
  }

  #onPodDelete(pod: Pod): void {
    const key = keyOf(pod);
    if (this.cache.nodeOf(key) !== undefined) {
      this.cache.removePod(key);
      this.#event({ kind: "AssignedPodDelete", pod });
      return;
    }
    this.queue.delete(key);
    this.cache.unnominate(key);
  }

  /** The nominator follows status.nominatedNodeName of pending pods. */
  #nominateFromStatus(pod: Pod): void {
    const key = keyOf(pod);
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) this.cache.nominate(this.#podInfo(pod), nominated);
    else if (this.cache.nominatedNodeOf(key) !== undefined) this.cache.unnominate(key);
  }

  // ---- the scheduling loop ----

  #wake(): void {
    if (this.#wakePending) return;
    this.#wakePending = true;
    this.#loop.enqueue(() => {
      this.#wakePending = false;
      // Only an idle scheduler needs waking: a scheduling one picks the pod up in its next step.
      if (this.#mode === "idle" && this.queue.hasActive()) this.actor.send({ type: "WAKE" });
    });
  }

  /**
   * One step of the scheduling loop: one pod, then hand control back to the event loop; the next
   * step runs as the next task while activeQ has pods (the actor stays in `scheduling`), and the
   * actor goes back to `idle` when it is empty.
   */
  #scheduleOneStep(): void {
    const queued = this.queue.pop();
    if (queued) this.#scheduleOne(queued);
    this.#loop.enqueue(this.#continue);
  }

  readonly #continue = (): void => {
    if (this.#mode !== "scheduling") return;
    if (this.queue.hasActive()) this.#scheduleOneStep();
    else this.actor.send({ type: "DRAINED" });
  };

  /** numFeasibleNodesToFind. */
  numFeasibleNodesToFind(total: number, percentageOfNodesToScore = this.#percentage): number {
    if (total < MIN_FEASIBLE_NODES) return total;
    let percentage = percentageOfNodesToScore;
    if (percentage === 0) percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(total / 125));
    const n = Math.trunc((total * percentage) / 100);
    return Math.max(n, MIN_FEASIBLE_NODES);
  }

  #scheduleOne(queued: QueuedPod): void {
    const info = queued.info;
    const pod = info.pod;
    const key = queued.key;
    const profile = this.#profiles.get(pod.spec?.schedulerName ?? "");
    // skipPodSchedule: no profile, being deleted, or already assumed.
    if (!profile || pod.metadata?.deletionTimestamp || this.cache.isAssumed(key) || pod.spec?.nodeName) {
      this.queue.done(key);
      return;
    }
    const fwk = profile.framework;
    const explain = this.#explain;
    const decision: SchedulingDecision | undefined = explain
      ? {
          pod: key,
          profile: fwk.name,
          attempt: queued.attempts,
          cycle: queued.cycle,
          time: this.#loop.now(),
          preFilter: [],
          skippedScore: [],
          totalNodes: 0,
          nodes: [],
        }
      : undefined;
    const state = new CycleState();
    const allNodes = this.cache.nodes;
    if (decision) decision.totalNodes = allNodes.length;

    if (allNodes.length === 0) {
      this.#recordDecision(decision, ERR_NO_NODES_AVAILABLE);
      this.#handleFailure(profile, queued, {
        message: ERR_NO_NODES_AVAILABLE,
        reason: "Unschedulable",
        plugins: new Set(),
        nominatedNodeName: "",
      });
      return;
    }

    // findNodesThatFitPod
    const statuses = new NodeToStatus();
    const plugins = new Set<string>();
    const preFilter = fwk.runPreFilterPlugins(state, info, this.cache, explain);
    if (decision) decision.preFilter = preFilter.verdicts;
    let feasible: NodeInfo[] = [];
    let preFilterMsg = "";
    const explanations = new Map<string, NodeExplanation>();
    if (!preFilter.status.isSuccess()) {
      if (!preFilter.status.isRejected()) {
        this.#recordDecision(decision, preFilter.status.message());
        this.#handleFailure(profile, queued, {
          message: preFilter.status.message(),
          reason: "SchedulerError",
          plugins,
        });
        return;
      }
      statuses.absent = preFilter.status;
      preFilterMsg = preFilter.status.message();
      plugins.add(preFilter.status.plugin);
    } else {
      const nominated = pod.status?.nominatedNodeName;
      if (nominated) {
        const node = this.cache.get(nominated);
        if (node) {
          const verdicts = explain ? [] : undefined;
          const status = fwk.runFilterPluginsWithNominatedPods(state, info, node, this.cache, verdicts);
          if (status.isSuccess()) {
            feasible = [node];
            if (decision) decision.nominatedNode = nominated;
            if (verdicts)
              explanations.set(node.name, { node: node.name, filters: verdicts, feasible: true, scores: [] });
          }
        }
      }
      if (feasible.length === 0) {
        let nodes: readonly NodeInfo[] = allNodes;
        if (preFilter.nodeNames) {
          nodes = [...preFilter.nodeNames]
            .map((n) => this.cache.get(n))
            .filter((n): n is NodeInfo => n !== undefined);
          statuses.absent = PluginStatus.unresolvable(
            "",
            `node(s) didn't satisfy plugin(s) [${[...preFilter.narrowedBy].sort().join(" ")}]`,
          );
          for (const p of preFilter.narrowedBy) plugins.add(p);
        }
        feasible = this.#findNodesThatPassFilters(fwk, state, info, nodes, statuses, plugins, explanations);
        // Every cycle moves the start of the next search (schedule_one.go), kube-system's too.
        if (allNodes.length > 0)
          this.#nextStartNodeIndex =
            (this.#nextStartNodeIndex + feasible.length + statuses.size) % allNodes.length;
      }
    }

    if (feasible.length === 0) {
      // FitError, then PostFilter (DefaultPreemption).
      let postFilterMsg = "";
      let nominatedNodeName: string | undefined;
      if (profile.preemption) {
        const latest = (this.#podInformer?.get(key) as Pod | undefined) ?? pod;
        const result = profile.preemption.postFilter(
          state,
          latest === pod ? info : new PodInfo(latest),
          statuses,
          this.cache,
          this.#preemptionEffects(profile),
        );
        postFilterMsg = result.status.message();
        nominatedNodeName = result.nominatedNodeName;
        if (decision)
          decision.preemption = {
            message: postFilterMsg,
            ...(result.nominatedNodeName ? { nominatedNode: result.nominatedNodeName } : {}),
            victims: result.victims.map((v) => v.key),
          };
      }
      const message = fitErrorMessage(allNodes.length, statuses, preFilterMsg, postFilterMsg);
      if (decision) decision.nodes = [...explanations.values()];
      this.#recordDecision(decision, message);
      this.#handleFailure(profile, queued, {
        message,
        reason: "Unschedulable",
        plugins,
        ...(nominatedNodeName !== undefined ? { nominatedNodeName } : {}),
      });
      return;
    }

    let chosen: NodeInfo;
    if (feasible.length === 1) chosen = feasible[0] as NodeInfo;
    else chosen = this.#prioritize(fwk, state, info, feasible, explanations);
    if (decision) {
      decision.skippedScore = [...state.skipScore];
      decision.nodes = [...explanations.values()];
      decision.chosen = chosen.name;
    }
    this.#recordDecision(decision);
    this.#assumeAndBind(profile, queued, chosen.name);
  }

  /** findNodesThatPassFilters: from where the last cycle stopped, until enough nodes fit. */
  #findNodesThatPassFilters(
    fwk: Framework,
    state: CycleState,
    info: PodInfo,
    nodes: readonly NodeInfo[],
    statuses: NodeToStatus,
    plugins: Set<string>,
    explanations: Map<string, NodeExplanation>,
  ): NodeInfo[] {
    const wanted = this.numFeasibleNodesToFind(
      nodes.length,
      fwk.config.percentageOfNodesToScore ?? this.#percentage,
    );
    // One array reused from cycle to cycle (its capacity stays; the cycle is over before the next).
    const feasible = this.#feasible;
    let count = 0;
    const n = nodes.length;
    const start = n === 0 ? 0 : this.#nextStartNodeIndex % n;
    const explain = this.#explain;
    const nominated = this.cache.hasNominatedPods();
    for (let i = 0; i < n && count < wanted; i++) {
      const index = start + i;
      const node = nodes[index < n ? index : index - n] as NodeInfo;
      const verdicts = explain ? [] : undefined;
      const status = nominated
        ? fwk.runFilterPluginsWithNominatedPods(state, info, node, this.cache, verdicts)
        : fwk.runFilterPlugins(state, info, node, this.cache, verdicts);
      if (status.code === "Success") feasible[count++] = node;
      else {
        statuses.set(node.name, status);
        if (status.plugin) plugins.add(status.plugin);
      }
      if (verdicts)
        explanations.set(node.name, {
          node: node.name,
          filters: verdicts,
          feasible: status.code === "Success",
          scores: [],
        });
    }
    feasible.length = count;
    return feasible;
  }

  /** prioritizeNodes + selectHost (ties broken by one draw from the seeded RNG). */
  #prioritize(
    fwk: Framework,
    state: CycleState,
    info: PodInfo,
    feasible: NodeInfo[],
    explanations: Map<string, NodeExplanation>,
  ): NodeInfo {
    const status = fwk.runPreScorePlugins(state, info, feasible, this.cache);
    const nodeExplanations = this.#explain
      ? feasible.map((n) => explanations.get(n.name) as NodeExplanation)
      : undefined;
    if (!status.isSuccess()) return feasible[0] as NodeInfo;
    const totals = fwk.runScorePlugins(state, info, feasible, this.cache, nodeExplanations);
    // selectHost: the highest total; ties are broken uniformly at random. Upstream samples the
    // reservoir one tie at a time; drawing once among the k tied nodes gives the same distribution.
    let max = Number.NEGATIVE_INFINITY;
    let ties = 0;
    for (let i = 0; i < feasible.length; i++) {
      const t = totals[i] as number;
      if (t > max) {
        max = t;
        ties = 1;
      } else if (t === max) ties++;
    }
    let pick = ties > 1 ? this.cache.random.int(0, ties - 1) : 0;
    let best = 0;
    for (let i = 0; i < feasible.length; i++) {
      if (totals[i] !== max) continue;
      if (pick === 0) {
        best = i;
        break;
      }
      pick--;
    }
    if (nodeExplanations)
      for (let i = 0; i < nodeExplanations.length; i++)
        (nodeExplanations[i] as NodeExplanation).total = totals[i] as number;
    return feasible[best] as NodeInfo;
  }

  #assumeAndBind(profile: Profile, queued: QueuedPod, node: string): void {
    const { info, key } = queued;
    this.cache.assumePod(info, node);
    this.cache.unnominate(key);
    try {
      // DefaultBinder: POST pods/binding.
      this.#client.bind(info.namespace, info.pod.metadata?.name as string, node);
    } catch (error) {
      this.cache.forgetPod(key);
      this.#handleFailure(profile, queued, {
        message: `running Bind plugin "DefaultBinder": ${(error as Error).message}`,
        reason: "SchedulerError",
        plugins: new Set(),
        nominatedNodeName: "",
      });
      return;
    }
    this.queue.done(key);
    profile.events.record(
      info.pod as never,
      "Normal",
      "Scheduled",
      `Successfully assigned ${key} to ${node}`,
      undefined,
      "Binding",
    );
  }

  /** handleSchedulingFailure: event, condition, nomination, back to the queue. */
  #handleFailure(profile: Profile, queued: QueuedPod, failure: Failure): void {
    const { info, key } = queued;
    const cached = this.#podInformer?.get(key) as Pod | undefined;
    if (cached && !cached.spec?.nodeName) {
      queued.info = cached === info.pod ? info : new PodInfo(cached);
      this.queue.addUnschedulable(queued, failure.plugins, failure.reason === "SchedulerError");
    } else this.queue.done(key);
    // AddNominatedPod
    if (failure.nominatedNodeName !== undefined) this.cache.nominate(info, failure.nominatedNodeName);
    else if (info.pod.status?.nominatedNodeName) this.cache.nominate(info, info.pod.status.nominatedNodeName);
    profile.events.record(
      info.pod as never,
      "Warning",
      "FailedScheduling",
      truncateMessage(failure.message),
      undefined,
      "Scheduling",
    );
    this.#updatePodStatus(
      info.pod,
      { type: "PodScheduled", status: "False", reason: failure.reason, message: failure.message },
      failure.nominatedNodeName,
    );
  }

  /** updatePod: patch the condition (and nominatedNodeName) only when something changes. */
  #updatePodStatus(pod: Pod, condition: PodCondition, nominatedNodeName: string | undefined): void {
    const conditions = [...(pod.status?.conditions ?? [])];
    const existing = conditions.find((c) => c.type === condition.type);
    const next: PodCondition = {
      ...condition,
      lastProbeTime: null as unknown as string,
      lastTransitionTime:
        existing?.status === condition.status && existing.lastTransitionTime
          ? existing.lastTransitionTime
          : this.#now(),
    };
    const changed =
      !existing ||
      existing.status !== next.status ||
      existing.reason !== next.reason ||
      existing.message !== next.message ||
      existing.lastTransitionTime !== next.lastTransitionTime;
    const nominate =
      nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? "") !== nominatedNodeName;
    if (!changed && !nominate) return;
    const status: Record<string, unknown> = {
      conditions: existing
        ? conditions.map((c) => (c.type === condition.type ? next : c))
        : [...conditions, next],
    };
    if (nominate) status.nominatedNodeName = nominatedNodeName === "" ? null : nominatedNodeName;
    try {
      this.#pods.patch(
        pod.metadata?.namespace,
        pod.metadata?.name as string,
        "strategic",
        { status },
        {
          subresource: "status",
        },
      );
    } catch {
      // the pod may be gone or the apiserver down; the next attempt retries
    }
  }

  #preemptionEffects(profile: Profile): PreemptionEffects {
    return {
      now: () => this.#loop.now(),
      preempt: (victim, preemptor, node) => {
        const v = victim.pod;
        const namespace = v.metadata?.namespace;
        const name = v.metadata?.name as string;
        try {
          const conditions = [...(v.status?.conditions ?? [])].filter((c) => c.type !== "DisruptionTarget");
          conditions.push({
            type: "DisruptionTarget",
            status: "True",
            reason: "PreemptionByScheduler",
            message: `${preemptor.pod.spec?.schedulerName}: preempting to accommodate a higher priority pod`,
            lastProbeTime: null as unknown as string,
            lastTransitionTime: this.#now(),
          });
          this.#pods.patch(
            namespace,
            name,
            "strategic",
            { status: { conditions } },
            { subresource: "status" },
          );
          this.#pods.delete(namespace, name);
        } catch {
          return;
        }
        profile.events.record(
          v as never,
          "Normal",
          "Preempted",
          `Preempted by pod ${preemptor.uid} on node ${node}`,
          undefined,
          "Preempting",
          preemptor.pod as never,
        );
      },
      clearNominatedNodeName: (pods) => {
        for (const p of pods) {
          if (!p.pod.status?.nominatedNodeName) continue;
          try {
            this.#pods.patch(
              p.namespace,
              p.pod.metadata?.name as string,
              "strategic",
              { status: { nominatedNodeName: null } },
              { subresource: "status" },
            );
          } catch {
            // not critical
          }
        }
      },
    };
  }

  #recordDecision(decision: SchedulingDecision | undefined, message?: string): void {
    if (!decision) return;
    if (message !== undefined) decision.message = message;
    const list = this.decisions.get(decision.pod) ?? [];
    list.push(decision);
    if (list.length > DECISIONS_PER_POD) list.shift();
    this.decisions.set(decision.pod, list);
  }

  #now(): string {
    return `${new Date(this.#loop.now()).toISOString().slice(0, 19)}Z`;
  }
}

/** truncateMessage: event notes are limited to 1024 bytes. */
function truncateMessage(message: string): string {
  const limit = 1024;
  if (message.length <= limit) return message;
  const suffix = " ...";
  return message.slice(0, limit - suffix.length) + suffix;
}

/** nodeSchedulingPropertiesChange: only changes plugins care about wake waiting pods. */
function nodeSchedulingPropertiesChanged(node: Node, old: Node): boolean {
  const conditions = (n: Node) => JSON.stringify((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  return (
    (node.spec?.unschedulable ?? false) !== (old.spec?.unschedulable ?? false) ||
    JSON.stringify(node.status?.allocatable) !== JSON.stringify(old.status?.allocatable) ||
    JSON.stringify(node.metadata?.labels) !== JSON.stringify(old.metadata?.labels) ||
    JSON.stringify(node.spec?.taints) !== JSON.stringify(old.spec?.taints) ||
    JSON.stringify(node.metadata?.annotations) !== JSON.stringify(old.metadata?.annotations) ||
    conditions(node) !== conditions(old)
  );
}
