import { readdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { type Actor, createActor } from "xstate";
import { BUILTIN_KINDS, KindRegistry, type ResourceType } from "../api/kinds.ts";
import type { Namespace, Node, Pod } from "../api/types.ts";
import { ApiServer } from "../apiserver/ApiServer.ts";
import { ADMISSION_CHAIN } from "../apiserver/admission/index.ts";
import { apiserverMachine } from "../apiserver/apiserverMachine.ts";
import { Client } from "../client/Client.ts";
import { EventLoop } from "../clock/EventLoop.ts";
import { SeededRandom } from "../clock/SeededRandom.ts";
import {
  addressPool,
  ServiceLoadBalancerController,
} from "../cloud-controller-manager/ServiceLoadBalancerController.ts";
import { ControllerManager } from "../controllers/ControllerManager.ts";
import { ClusterDns, type DnsAnswer } from "../dns/ClusterDns.ts";
import { Etcd } from "../etcd/Etcd.ts";
import { KubeProxy } from "../kube-proxy/KubeProxy.ts";
import { Kubectl, type KubectlResult } from "../kubectl/Kubectl.ts";
import { ImageCatalogue } from "../kubelet/ImageCatalogue.ts";
import { Kubelet, type NodeConfig } from "../kubelet/Kubelet.ts";
import { KubeletConnections } from "../kubelet/KubeletConnections.ts";
import { PodNetwork } from "../kubelet/runtime/PodNetwork.ts";
import type { RuntimeContainer } from "../kubelet/runtime/RuntimeContainer.ts";
import type { ScoringStrategy, ScoringStrategyType } from "../scheduler/plugins/NodeResourcesFit.ts";
import { Scheduler, type SchedulerOptions } from "../scheduler/Scheduler.ts";
import type { SchedulingDecision } from "../scheduler/SchedulingDecision.ts";
import type { Cluster, CommandResult, WatchedEvent, WatchRequest } from "./Cluster.ts";
import { type ClusterSpec, clusterSpecSchema, nodeSpecSchema } from "./ClusterSpec.ts";
import { Conversation, type ConversationMessage } from "./Conversation.ts";
import { ADDON_IMAGES, coreDnsAddon, kubeProxyAddon } from "./KubeadmAddons.ts";
import {
  CONTROL_PLANE_COMPONENTS,
  CONTROL_PLANE_IMAGES,
  type ControlPlaneComponent,
  controlPlaneComponentOf,
  kubeadmStaticPods,
} from "./KubeadmControlPlane.ts";
import { removeEditedFile, runEditor } from "./runEditor.ts";
import { ServiceNetwork, type TrafficResult, type TrafficSource } from "./ServiceNetwork.ts";
import { statechartVisits } from "./StatechartVisits.ts";
import { bootstrapKubernetesService } from "./systemServices.ts";

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
  /** kube-apiserver's modes (serving / stopped). */
  readonly apiserverActor: Actor<typeof apiserverMachine>;
  readonly controllerManager: ControllerManager;
  readonly schedulers = new Map<string, Scheduler>();
  readonly kubelets = new Map<string, Kubelet>();
  /** The apiserver's connections to the kubelets (`pods/log`, `pods/exec`). */
  readonly kubeletConnections: KubeletConnections;
  readonly images = new ImageCatalogue();
  /** Every pod sandbox by IP, across nodes (probes, wget/curl in containers, later kube-proxy). */
  readonly network = new PodNetwork();
  readonly recorder: Conversation | undefined;
  /** kube-proxy of each node (iptables mode). */
  readonly kubeProxies = new Map<string, KubeProxy>();
  /** Cluster DNS (CoreDNS's kubernetes plugin). */
  readonly dns: ClusterDns;
  /** Service traffic: DNS, each node's kube-proxy rules, the pod network. */
  readonly serviceNetwork: ServiceNetwork;
  readonly #kubectl: Kubectl;
  #cloudControllerManager: ServiceLoadBalancerController | undefined;
  readonly #workingDirectory: string;
  #nextNodeIndex = 0;
  /** Static pod manifests taken out of a node's directory, by node then name (to put them back). */
  readonly #removedManifests = new Map<string, Map<string, Pod>>();
  /** The cluster was made by `kubeadm init` (it has a control-plane node): it has kubeadm's add-ons. */
  readonly #kubeadm: boolean;

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
    this.apiserverActor = createActor(
      apiserverMachine.provide({
        actions: {
          serve: () => {
            this.apiserver.serving = true;
          },
          refuse: () => {
            this.apiserver.serving = false;
          },
        },
      }),
      { clock: this.loop, inspect: statechartVisits.inspect },
    );
    this.apiserverActor.start();
    if (options.record ?? true) {
      this.recorder = new Conversation(this.loop);
      this.apiserver.observer = this.recorder.observer;
    }
    this.kubeletConnections = new KubeletConnections(this.apiserver, (node) => this.kubelets.get(node));
    this.#bootstrapNamespaces();
    const ctx = { loop: this.loop, random: this.random.fork("kube-controller-manager"), api: this.apiserver };
    this.controllerManager = new ControllerManager(ctx);
    this.controllerManager.start();
    this.startScheduler({ name: "default-scheduler", explain: spec.explainScheduling });
    this.dns = new ClusterDns(this.loop, this.apiserver);
    this.dns.start();
    this.#kubeadm = spec.nodes.some((n) => n.controlPlane);
    const loadBalancerRandom = this.random.fork("cloud-load-balancer");
    this.serviceNetwork = new ServiceNetwork({
      pods: this.network,
      dns: this.dns,
      proxies: this.kubeProxies,
      kubelets: this.kubelets,
      pickNode: (nodes) => loadBalancerRandom.pick(nodes),
      ...(this.#kubeadm ? { dnsAvailable: (node) => this.serviceNetwork.dnsServerReachable(node) } : {}),
      loadBalancerNodes: (ip) => this.#cloudControllerManager?.backends(ip),
    });
    let addons = false;
    spec.nodes.forEach((node, i) => {
      this.addNode(node, i);
      if (node.controlPlane && !addons) {
        addons = true;
        this.#applyAddons();
      }
    });
    this.#nextNodeIndex = spec.nodes.length;
    this.loop.settle();
    const client = new Client("kubectl", this.apiserver);
    this.#kubectl = new Kubectl({
      client,
      now: () => this.loop.now(),
      wait: (done, timeout) => this.loop.advanceUntil(this.loop.now() + timeout, done),
      kubelets: this.kubeletConnections,
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
      edit: (editor, content) => runEditor(editor, content),
      removeTempFile: (path) => removeEditedFile(path),
      portForward: (namespace, pod, localPort, podPort) =>
        this.serviceNetwork.forward(namespace, pod, localPort, podPort),
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
    this.apiserver.bootstrapSystemPriorityClasses();
    bootstrapKubernetesService(this.apiserver);
  }

  /**
   * kubeadm init's `addon` phase: the kube-proxy DaemonSet and the CoreDNS Deployment with the
   * kube-dns Service, applied once the control-plane node is up and before any worker joins — so,
   * as after a real `kubeadm init`, both coredns pods land on the control-plane node. The loop
   * settles (no virtual time passes) so that they are created and scheduled there now.
   */
  #applyAddons(): void {
    for (const object of [...kubeProxyAddon(), ...coreDnsAddon()]) {
      const plural = `${object.kind.toLowerCase()}s`;
      const type = this.kinds.forResourceName(plural) as ResourceType;
      this.apiserver.create("kubernetes-admin", type, "kube-system", object);
    }
    this.loop.settle();
  }

  /** Start a kube-scheduler (a second one with another name serves pods that ask for it). */
  startScheduler(options: SchedulerOptions): Scheduler {
    const name = options.name ?? "default-scheduler";
    const scheduler = new Scheduler(
      this.loop,
      this.random.fork(`scheduler/${name}`),
      this.apiserver,
      options,
    );
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
      staticPods: [
        ...(node.controlPlane ? kubeadmStaticPods(`172.18.0.${index + 2}`, node.name) : []),
        ...(node.staticPods as unknown as Pod[]),
      ],
      // kubeadm pre-pulls the control-plane images on the control-plane node, and every node of a
      // kubeadm cluster (kind's node image) has the add-on images.
      preloadedImages: [
        ...(node.controlPlane ? Object.values(CONTROL_PLANE_IMAGES) : []),
        ...(this.#kubeadm ? Object.values(ADDON_IMAGES) : []),
      ],
    };
    const kubelet = new Kubelet(
      this.loop,
      this.random.fork(`kubelet/${node.name}`),
      this.apiserver,
      this.images,
      config,
      this.network,
    );
    this.kubelets.set(node.name, kubelet);
    const proxy = new KubeProxy(
      this.loop,
      this.random.fork(`kube-proxy/${node.name}`),
      this.apiserver,
      node.name,
    );
    this.kubeProxies.set(node.name, proxy);
    const components = node.controlPlane ? this.#runComponentsFromStaticPods(kubelet) : undefined;
    const kubeProxyPod = this.#kubeadm ? this.#runKubeProxyFromPod(proxy) : undefined;
    if (components || kubeProxyPod)
      kubelet.onContainerChange = (container) => {
        components?.(container);
        kubeProxyPod?.(container);
      };
    kubelet.start();
    proxy.start();
    return kubelet;
  }

  /**
   * The control-plane components are the containers of the node's kubeadm static pods: when one
   * stops (its manifest was removed, the machine failed) the component stops, and it runs again when
   * the container runs again. The components are up from the cluster's creation, as after
   * `kubeadm init`.
   */
  #runComponentsFromStaticPods(kubelet: Kubelet): (container: RuntimeContainer) => void {
    const node = kubelet.config.name.toLowerCase();
    return (container) => {
      if (container.config.namespace !== "kube-system") return;
      const component = CONTROL_PLANE_COMPONENTS.find(
        (c) => container.config.name === c && container.config.podName === `${c}-${node}`,
      );
      if (!component) return;
      if (container.state === "running") this.#setComponentRunning(component, true);
      else if (container.state === "stopping" || container.state === "exited")
        this.#setComponentRunning(component, false);
    };
  }

  /**
   * kube-proxy is the container of the node's kube-proxy pod (DaemonSet `kube-proxy`): it runs from
   * the node's creation (as the control-plane components do), stops when that container stops
   * (the pod was deleted, the machine failed) and runs again when a container of a kube-proxy pod
   * runs on the node again. Its rules stay in the kernel while it is stopped.
   */
  #runKubeProxyFromPod(proxy: KubeProxy): (container: RuntimeContainer) => void {
    // The container kube-proxy runs as: an old pod's container ending after its replacement's
    // started does not stop it.
    let current: RuntimeContainer | undefined;
    return (container) => {
      if (container.config.namespace !== "kube-system" || container.config.name !== "kube-proxy") return;
      if (!container.config.podName.startsWith("kube-proxy-")) return;
      if (container.state === "running") {
        current = container;
        if (!proxy.running) proxy.start();
      } else if ((container.state === "stopping" || container.state === "exited") && container === current) {
        current = undefined;
        if (proxy.running) proxy.stop();
      }
    };
  }

  #setComponentRunning(component: ControlPlaneComponent, running: boolean): void {
    switch (component) {
      case "etcd":
        if (running) this.etcd.recover();
        else this.etcd.fail();
        break;
      case "kube-apiserver":
        this.apiserverActor.send({ type: running ? "START" : "STOP" });
        break;
      case "kube-controller-manager":
        if (running) this.controllerManager.resume();
        else this.controllerManager.stop();
        break;
      case "kube-scheduler": {
        const scheduler = this.schedulers.get("default-scheduler");
        if (running) scheduler?.resume();
        else scheduler?.stop();
        break;
      }
    }
  }

  async addImages(images: readonly unknown[]): Promise<void> {
    for (const image of images) this.images.add(image);
  }

  /** Place a static pod manifest on a node (as a file in its `/etc/kubernetes/manifests`). */
  async addStaticPod(node: string, manifest: Pod): Promise<void> {
    const kubelet = this.kubelets.get(node);
    if (!kubelet)
      throw new Error(
        `there is no node "${node}" in this cluster (nodes: ${[...this.kubelets.keys()].join(", ")})`,
      );
    kubelet.addStaticPod(manifest);
    this.loop.settle();
  }

  /** Remove a static pod manifest from a node. */
  async removeStaticPod(node: string, name: string): Promise<void> {
    const kubelet = this.kubelets.get(node);
    if (!kubelet)
      throw new Error(
        `there is no node "${node}" in this cluster (nodes: ${[...this.kubelets.keys()].join(", ")})`,
      );
    const manifest = kubelet.staticPodManifest(name);
    kubelet.removeStaticPod(name);
    // A component whose container had not started yet stops with its manifest too.
    const component = controlPlaneComponentOf(name);
    if (component && kubelet.onContainerChange) this.#setComponentRunning(component, false);
    if (manifest) {
      const removed = this.#removedManifests.get(node) ?? new Map<string, Pod>();
      removed.set(name, manifest);
      this.#removedManifests.set(node, removed);
    }
    this.loop.settle();
  }

  /** Put a removed static pod manifest back (`mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/`). */
  async restoreStaticPod(node: string, name: string): Promise<void> {
    const manifest = this.#removedManifests.get(node)?.get(name);
    if (!manifest)
      throw new Error(`no static pod manifest "${name}" was removed from node "${node}" to put back`);
    this.#removedManifests.get(node)?.delete(name);
    await this.addStaticPod(node, manifest);
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

  async getNode(name: string): Promise<Node | undefined> {
    return this.apiserver.peek(this.kinds.forResourceName("nodes") as ResourceType, undefined, name) as
      | Node
      | undefined;
  }

  #kubelet(name: string): Kubelet {
    const kubelet = this.kubelets.get(name);
    if (!kubelet) {
      throw new Error(
        `there is no node "${name}" in this cluster (nodes: ${[...this.kubelets.keys()].join(", ")})`,
      );
    }
    return kubelet;
  }

  async nodeOperation(
    operation: "fail" | "partition" | "recover" | "remove" | "join" | "restartKubelet",
    name: string,
  ): Promise<void> {
    if (operation === "join") {
      if (this.kubelets.has(name)) throw new Error(`node "${name}" is already part of the cluster`);
      this.addNode(nodeSpecSchema.parse({ name }), this.#nextNodeIndex++);
      this.loop.settle();
      return;
    }
    const kubelet = this.#kubelet(name);
    switch (operation) {
      case "fail":
        kubelet.stop();
        this.kubeProxies.get(name)?.stop();
        break;
      case "partition":
        kubelet.partition();
        break;
      case "recover":
        if (kubelet.state === "partitioned") kubelet.heal();
        else {
          kubelet.start();
          // In a kubeadm cluster kube-proxy runs again with its pod's container.
          if (!this.#kubeadm) this.kubeProxies.get(name)?.start();
        }
        break;
      case "restartKubelet":
        kubelet.restart();
        break;
      case "remove": {
        kubelet.stop();
        this.kubeProxies.get(name)?.stop();
        const nodes = this.kinds.forResourceName("nodes") as ResourceType;
        this.apiserver.delete("kubectl", nodes, undefined, name);
        break;
      }
    }
    this.loop.settle();
  }

  async controlPlaneComponent(component: string, action: "stop" | "start"): Promise<void> {
    // kubeadm's components are static pods: stopping one takes its manifest out of the directory
    // (as `mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/` does), starting puts it back.
    const host = [...this.kubelets.values()].find(
      (k) =>
        k.staticPodManifest(component) !== undefined ||
        this.#removedManifests.get(k.config.name)?.has(component),
    );
    if (host && controlPlaneComponentOf(component)) {
      const running = host.staticPodManifest(component) !== undefined;
      if (action === "stop" && running) await this.removeStaticPod(host.config.name, component);
      if (action === "start" && !running) await this.restoreStaticPod(host.config.name, component);
      return;
    }
    const scheduler = this.schedulers.get(component === "kube-scheduler" ? "default-scheduler" : component);
    const target =
      component === "kube-controller-manager" ? this.controllerManager : (scheduler ?? undefined);
    if (!target) {
      throw new Error(
        `unknown control-plane component "${component}": use etcd, kube-apiserver, kube-scheduler or kube-controller-manager`,
      );
    }
    if (action === "stop") target.stop();
    else target.resume();
    this.loop.settle();
  }

  async conversation(): Promise<readonly ConversationMessage[]> {
    if (!this.recorder) throw new Error("this cluster was created without recording its conversation");
    return this.recorder.messages;
  }

  async setEtcdAvailable(available: boolean): Promise<void> {
    if (available) this.etcd.recover();
    else this.etcd.fail();
    this.loop.settle();
  }

  async watch(request: WatchRequest, onEvent: (event: WatchedEvent) => void): Promise<{ stop(): void }> {
    const type = this.kinds.forResourceName(request.resource);
    if (!type) throw new Error(`the server doesn't have a resource type "${request.resource}"`);
    const handle = this.apiserver.watch(
      "kubespec",
      type,
      type.namespaced ? request.namespace : undefined,
      {
        ...(request.resourceVersion !== undefined ? { resourceVersion: request.resourceVersion } : {}),
        ...(request.allowWatchBookmarks ? { allowWatchBookmarks: true } : {}),
        ...(request.labelSelector ? { labelSelector: request.labelSelector } : {}),
        ...(request.fieldSelector ? { fieldSelector: request.fieldSelector } : {}),
      },
      (event) =>
        onEvent({
          type: event.type,
          name: event.object.metadata.name ?? "",
          namespace: event.object.metadata.namespace,
          resourceVersion: event.object.metadata.resourceVersion ?? "",
        }),
    );
    this.loop.settle();
    return handle;
  }

  async evict(namespace: string, name: string): Promise<void> {
    this.apiserver.evict("kubespec", namespace, name, { metadata: { name } });
    this.loop.settle();
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

  /**
   * Start cloud-controller-manager with a simulated cloud whose load balancers take addresses from
   * the pool (`203.0.113.10-203.0.113.20`); without it LoadBalancer services stay `<pending>`.
   */
  async enableCloudLoadBalancers(pool: string): Promise<void> {
    if (this.#cloudControllerManager) throw new Error("cloud-controller-manager is already running");
    const ctx = {
      loop: this.loop,
      random: this.random.fork("cloud-controller-manager"),
      api: this.apiserver,
    };
    this.#cloudControllerManager = new ServiceLoadBalancerController(ctx, addressPool(pool));
    this.#cloudControllerManager.start();
    this.loop.settle();
  }

  async sendRequest(source: TrafficSource, target: string): Promise<TrafficResult> {
    const result = this.serviceNetwork.request(source, target);
    this.loop.settle();
    return result;
  }

  async proxyRules(node: string): Promise<{ save: string; restore: readonly string[] }> {
    const proxy = this.kubeProxies.get(node);
    if (!proxy) throw new Error(`node "${node}" is not part of the cluster`);
    return { save: proxy.rules.iptablesSave(), restore: proxy.rules.restoreLines() };
  }

  async resolveName(namespace: string, name: string, pod?: string): Promise<DnsAnswer | undefined> {
    const node = pod ? (await this.getPod(namespace, pod))?.spec?.nodeName : undefined;
    return this.serviceNetwork.resolve(name, namespace, node);
  }

  async dispose(): Promise<void> {
    for (const kubelet of this.kubelets.values()) kubelet.actor.stop();
    for (const scheduler of this.schedulers.values()) scheduler.actor.stop();
    this.controllerManager.actor.stop();
    this.apiserverActor.stop();
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
