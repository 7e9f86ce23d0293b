import { readdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { BUILTIN_KINDS, KindRegistry, type ResourceType } from "../api/kinds.ts";
import type { Namespace, Pod } from "../api/types.ts";
import { ApiServer } from "../apiserver/ApiServer.ts";
import { ADMISSION_CHAIN } from "../apiserver/admission/index.ts";
import { SYSTEM_PRIORITY_CLASSES } from "../apiserver/registry/priorityclasses.ts";
import { Client } from "../client/Client.ts";
import { EventLoop } from "../clock/EventLoop.ts";
import { SeededRandom } from "../clock/SeededRandom.ts";
import { ControllerManager } from "../controllers/ControllerManager.ts";
import { Etcd } from "../etcd/Etcd.ts";
import { Kubectl, type KubectlResult } from "../kubectl/Kubectl.ts";
import { ImageCatalogue } from "../kubelet/ImageCatalogue.ts";
import { Kubelet, type NodeConfig } from "../kubelet/Kubelet.ts";
import type { ScoringStrategy, ScoringStrategyType } from "../scheduler/plugins/NodeResourcesFit.ts";
import { Scheduler, type SchedulerOptions } from "../scheduler/Scheduler.ts";
import type { SchedulingDecision } from "../scheduler/SchedulingDecision.ts";
import type { Cluster, CommandResult } from "./Cluster.ts";
import { type ClusterSpec, clusterSpecSchema } from "./ClusterSpec.ts";
import { Conversation, type ConversationMessage } from "./Conversation.ts";

/** Namespaces every cluster has from the start. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** Options that are not part of the cluster's shape. */
export interface SimulatedClusterOptions {
  /** Directory `kubectl -f` paths are relative to. */
  workingDirectory?: string;
  /** Record the control-plane conversation (requests, storage, watch deliveries). */
  record?: boolean;
}

/**
 * A whole Kubernetes control plane and its nodes in this process, on one virtual clock: etcd,
 * kube-apiserver, kube-scheduler, kube-controller-manager and a kubelet per node, assembled the way
 * kubeadm lays a cluster out.
 *
 * @example
 * ```ts
 * const cluster = SimulatedCluster.create(clusterWithWorkers(3));
 * cluster.kubectlSync("run nginx --image=nginx");
 * cluster.loop.advance(30_000);
 * ```
 */
export class SimulatedCluster implements Cluster {
  readonly spec: ClusterSpec;
  readonly seed: number;
  readonly loop: EventLoop;
  readonly random: SeededRandom;
  readonly kinds: KindRegistry;
  readonly etcd: Etcd;
  readonly apiserver: ApiServer;
  readonly controllerManager: ControllerManager;
  readonly schedulers = new Map<string, Scheduler>();
  readonly kubelets = new Map<string, Kubelet>();
  readonly images = new ImageCatalogue();
  readonly recorder: Conversation | undefined;
  readonly #kubectl: Kubectl;
  readonly #workingDirectory: string;

  private constructor(spec: ClusterSpec, options: SimulatedClusterOptions) {
    this.spec = spec;
    this.seed = spec.seed ?? 1;
    this.#workingDirectory = options.workingDirectory ?? process.cwd();
    this.loop = new EventLoop(Date.parse(spec.startTime));
    this.random = new SeededRandom(this.seed);
    this.kinds = new KindRegistry(BUILTIN_KINDS);
    this.etcd = new Etcd(this.loop);
    this.apiserver = new ApiServer({
      loop: this.loop,
      random: this.random,
      etcd: this.etcd,
      kinds: this.kinds,
      admission: ADMISSION_CHAIN,
    });
    if (options.record ?? true) {
      this.recorder = new Conversation(this.loop);
      this.apiserver.observer = this.recorder.observer;
    }
    this.#bootstrapNamespaces();
    const ctx = { loop: this.loop, random: this.random, api: this.apiserver };
    this.controllerManager = new ControllerManager(ctx);
    this.controllerManager.start();
    this.startScheduler({ name: "default-scheduler", explain: spec.explainScheduling });
    spec.nodes.forEach((node, i) => {
      this.addNode(node, i);
    });
    this.loop.settle();
    const client = new Client("kubectl", this.apiserver);
    this.#kubectl = new Kubectl({
      client,
      now: () => this.loop.now(),
      wait: (done, timeout) => this.loop.advanceUntil(this.loop.now() + timeout, done),
      readFile: (path) => readFileSync(resolve(this.#workingDirectory, path), "utf8"),
      listDirectory: (path) => {
        const full = resolve(this.#workingDirectory, path);
        try {
          if (!statSync(full).isDirectory()) return undefined;
        } catch {
          return undefined;
        }
        return readdirSync(full)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .sort()
          .map((f) => resolve(full, f));
      },
    });
  }

  /** Build and start a cluster from a spec (validated). */
  static create(spec: ClusterSpec | unknown, options: SimulatedClusterOptions = {}): SimulatedCluster {
    return new SimulatedCluster(clusterSpecSchema.parse(spec), options);
  }

  #bootstrapNamespaces(): void {
    const namespaces = this.kinds.forResourceName("namespaces") as ResourceType;
    for (const name of SYSTEM_NAMESPACES) {
      this.apiserver.create<Namespace>("kube-apiserver", namespaces, undefined, {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name },
      });
    }
    // The apiserver creates the system priority classes at start-up (scheduling post-start hook).
    const priorityClasses = this.kinds.forResourceName("priorityclasses") as ResourceType;
    for (const pc of SYSTEM_PRIORITY_CLASSES) {
      this.apiserver.create("kube-apiserver", priorityClasses, undefined, {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
      });
    }
  }

  /** Start a kube-scheduler (a second one with another name serves pods that ask for it). */
  startScheduler(options: SchedulerOptions): Scheduler {
    const name = options.name ?? "default-scheduler";
    const scheduler = new Scheduler(this.loop, this.random, this.apiserver, options);
    this.schedulers.set(name, scheduler);
    scheduler.start();
    return scheduler;
  }

  /** Add a node (its kubelet starts and registers). */
  addNode(node: ClusterSpec["nodes"][number], index = this.kubelets.size): Kubelet {
    const config: NodeConfig = {
      name: node.name,
      cpu: node.cpu,
      memory: node.memory,
      pods: node.pods,
      ephemeralStorage: node.ephemeralStorage,
      labels: node.labels,
      taints: node.taints.map((t) => ({
        key: t.key,
        effect: t.effect,
        ...(t.value !== undefined ? { value: t.value } : {}),
      })),
      podCIDR: `10.244.${index}.0/24`,
      internalIP: `172.18.0.${index + 2}`,
    };
    const kubelet = new Kubelet(this.loop, this.random, this.apiserver, this.images, config);
    this.kubelets.set(node.name, kubelet);
    kubelet.start();
    return kubelet;
  }

  /** Run kubectl synchronously. */
  kubectlSync(commandLine: string, stdin = ""): KubectlResult {
    const result = this.#kubectl.runLine(commandLine, stdin);
    this.loop.settle();
    return result;
  }

  // ---- Cluster ----

  async kubectl(commandLine: string, stdin = ""): Promise<CommandResult> {
    return this.kubectlSync(commandLine, stdin);
  }

  async advance(millis: number): Promise<void> {
    this.loop.advance(millis);
  }

  async step(deadline: number): Promise<boolean> {
    this.loop.settle();
    const next = this.loop.nextTimerAt();
    const now = this.loop.now();
    if (now >= deadline) return false;
    this.loop.advanceUntil(next !== undefined && next <= deadline ? next : deadline, () => false);
    return true;
  }

  now(): number {
    return this.loop.now();
  }

  async getPod(namespace: string, name: string): Promise<Pod | undefined> {
    return this.apiserver.peek(this.kinds.forResourceName("pods") as ResourceType, namespace, name) as
      | Pod
      | undefined;
  }

  async listPods(namespace: string | undefined, labelSelector: string): Promise<Pod[]> {
    const pods = this.kinds.forResourceName("pods") as ResourceType;
    return this.apiserver.list<Pod>("kubespec", pods, namespace, { labelSelector, resourceVersion: "0" })
      .items;
  }

  async conversation(): Promise<readonly ConversationMessage[]> {
    if (!this.recorder) throw new Error("this cluster was created without recording its conversation");
    return this.recorder.messages;
  }

  async schedulingDecision(namespace: string, name: string): Promise<SchedulingDecision | undefined> {
    let latest: SchedulingDecision | undefined;
    for (const scheduler of this.schedulers.values()) {
      const d = scheduler.lastDecision(`${namespace}/${name}`);
      if (d && (!latest || d.time > latest.time || (d.time === latest.time && d.cycle > latest.cycle)))
        latest = d;
    }
    return latest;
  }

  async addScheduler(options: { name: string; scoringStrategy?: ScoringStrategyType }): Promise<void> {
    if (this.schedulers.has(options.name))
      throw new Error(`a scheduler named "${options.name}" is already running`);
    this.startScheduler({
      name: options.name,
      explain: this.spec.explainScheduling,
      ...(options.scoringStrategy ? { scoringStrategy: scoringStrategyOf(options.scoringStrategy) } : {}),
    });
    this.loop.settle();
  }

  async dispose(): Promise<void> {
    for (const kubelet of this.kubelets.values()) kubelet.actor.stop();
    for (const scheduler of this.schedulers.values()) scheduler.actor.stop();
    this.controllerManager.actor.stop();
    this.etcd.actor.stop();
  }
}

/** A scoring strategy by name; RequestedToCapacityRatio gets the bin-packing shape of the docs. */
function scoringStrategyOf(type: ScoringStrategyType): ScoringStrategy {
  if (type === "RequestedToCapacityRatio")
    return {
      type,
      requestedToCapacityRatio: {
        shape: [
          { utilization: 0, score: 0 },
          { utilization: 100, score: 10 },
        ],
      },
    };
  return { type };
}
