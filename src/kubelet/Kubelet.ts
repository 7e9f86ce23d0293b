import { type Actor, createActor } from "xstate";
import { Quantity } from "../api/quantity.ts";
import { isStatusError } from "../api/StatusError.ts";
import type { Lease, Node, NodeCondition, Pod, Taint } from "../api/types.ts";
import { keyOf } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client, type ResourceClient } from "../client/Client.ts";
import { EventRecorder } from "../client/EventRecorder.ts";
import { Informer } from "../client/Informer.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { BackOff } from "./BackOff.ts";
import { ContainerRuntime, type ExecResult } from "./ContainerRuntime.ts";
import { containerIDForLogs, formatLogs, KubeletError, type LogOptions } from "./containerLogs.ts";
import type { ImageCatalogue } from "./ImageCatalogue.ts";
import { HEARTBEAT_MS, kubeletMachine } from "./kubeletMachine.ts";
import { Pleg } from "./Pleg.ts";
import { canAdmitPod } from "./PodAdmission.ts";
import { PodWorker, type PodWorkerHost } from "./PodWorker.ts";
import { PodNetwork } from "./runtime/PodNetwork.ts";
import type { RuntimeContainer } from "./runtime/RuntimeContainer.ts";
import { isMirrorPod, mirrorPodFor, staticPodFromManifest } from "./StaticPods.ts";

/** How a node is built (what kubeadm and the kubelet's flags would say). */
export interface NodeConfig {
  name: string;
  cpu: string;
  memory: string;
  pods: number;
  ephemeralStorage: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** e.g. 10.244.1.0/24. */
  podCIDR: string;
  internalIP: string;
  /** Manifests in the node's static pod directory (`/etc/kubernetes/manifests`). */
  staticPods?: readonly Pod[];
  /** Images already on the node when it starts (kubeadm pre-pulls the control-plane images). */
  preloadedImages?: readonly string[];
}

/** kubelet --node-status-report-frequency. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** Lease duration the kubelet writes (--node-lease-duration-seconds). */
export const LEASE_DURATION_SECONDS = 40;
/** Default --eviction-hard memory.available, subtracted from allocatable. */
const EVICTION_HARD_MEMORY = Quantity.parse("100Mi");
const KUBELET_VERSION = "v1.32.0";

function rfc3339(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

function microTime(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 23)}000Z`;
}

/**
 * The node agent: registers its Node with capacity and labels, renews its Lease every 10 s, posts
 * node status on change or every 5 minutes, and runs the pods bound to it through pod workers,
 * writing their status back. It talks to the control plane only through the apiserver.
 *
 * @example
 * ```ts
 * const kubelet = new Kubelet(loop, random, apiserver, catalogue, nodeConfig);
 * kubelet.start();
 * ```
 */
export class Kubelet {
  readonly config: NodeConfig;
  readonly actor: Actor<typeof kubeletMachine>;
  readonly runtime: ContainerRuntime;
  /** Static pod workers whose manifest was removed, until they have terminated. */
  readonly #removedStatic = new Set<PodWorker>();
  /** Told of every container state change on the node (the cluster ties components to their static pods). */
  onContainerChange: ((container: RuntimeContainer) => void) | undefined;
  readonly workers = new Map<string, PodWorker>();
  readonly #loop: EventLoop;
  readonly #client: Client;
  readonly #pods: ResourceClient<Pod>;
  readonly #nodes: ResourceClient<Node>;
  readonly #leases: ResourceClient<Lease>;
  readonly #events: EventRecorder;
  readonly #dirty = new Set<PodWorker>();
  readonly #written = new Map<string, string>();
  #syncScheduled = false;
  #informer: Informer<Pod> | undefined;
  #lastReport = 0;
  #lastReportedStatus = "";
  #usedIPs = new Set<number>();
  /** Container restart and image pull back-off, per container and per image. */
  readonly #backOff: BackOff;
  readonly #imageBackOff: BackOff;
  readonly #pullErrors = new Map<string, string>();
  readonly #pleg: Pleg;
  readonly #workersByUid = new Map<string, PodWorker>();
  /** Static pods by their manifest name, as read from the manifest directory. */
  readonly #manifests = new Map<string, Pod>();
  /** Index (0 = .2) of the last address handed out. */
  #lastIP = -1;

  constructor(
    loop: EventLoop,
    random: SeededRandom,
    api: ApiServer,
    catalogue: ImageCatalogue,
    config: NodeConfig,
    network: PodNetwork = new PodNetwork(),
  ) {
    this.config = config;
    this.#loop = loop;
    this.#client = new Client(`kubelet/${config.name}`, api);
    this.#pods = this.#client.resource<Pod>("pods");
    this.#nodes = this.#client.resource<Node>("nodes");
    this.#leases = this.#client.resource<Lease>("leases");
    this.#events = new EventRecorder(loop, this.#client, {
      component: "kubelet",
      host: config.name,
      api: "core",
    });
    this.runtime = new ContainerRuntime(loop, random, catalogue, network);
    this.#backOff = new BackOff(() => loop.now());
    this.#imageBackOff = new BackOff(() => loop.now());
    this.#pleg = new Pleg(loop, (uid) => this.#workersByUid.get(uid)?.requestSync());
    this.runtime.onContainerChange = (container) => {
      this.#pleg.changed(container.config.podUid);
      this.onContainerChange?.(container);
    };
    for (const image of config.preloadedImages ?? []) {
      if (!this.runtime.preload(image)) throw new Error(`no image "${image}" in the registry to preload`);
    }
    this.runtime.onSandboxChange = (sandbox) => this.#pleg.changed(sandbox.podUid);
    for (const manifest of config.staticPods ?? [])
      this.#manifests.set(manifest.metadata?.name ?? "", manifest);
    this.actor = createActor(
      kubeletMachine.provide({
        actions: {
          register: () => this.#register(),
          heartbeat: () => this.#heartbeat(),
          shutdown: () => this.#shutdown(),
          disconnect: () => this.#disconnect(),
          reconnect: () => this.#reconnect(),
          restarting: () => this.#restarting(),
        },
      }),
      { clock: loop, inspect: statechartVisits.inspect },
    );
  }

  get name(): string {
    return this.config.name;
  }

  #started = false;

  /** Start the kubelet, or restart it after {@link stop}. */
  start(): void {
    if (!this.#started) {
      this.#started = true;
      this.actor.start();
    } else this.actor.send({ type: "START" });
  }

  /** The node fails: the kubelet and every container on it stop; nothing is reported. */
  stop(): void {
    this.actor.send({ type: "STOP" });
  }

  /** The node is cut off from the control plane: containers keep running, nothing is reported. */
  partition(): void {
    this.actor.send({ type: "PARTITION" });
  }

  /** The partition heals: the kubelet lists its pods again and reports at once. */
  heal(): void {
    this.actor.send({ type: "HEAL" });
  }

  /** The kubelet process restarts; its containers keep running. */
  restart(): void {
    this.actor.send({ type: "RESTART" });
  }

  get running(): boolean {
    return this.actor.getSnapshot().matches("running");
  }

  /** `registering`, `running`, `partitioned` or `stopped`. */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  // ---- registration and heartbeats ----

  #capacity(): Record<string, string> {
    return {
      cpu: Quantity.parse(this.config.cpu).toString(),
      "ephemeral-storage": Quantity.parse(this.config.ephemeralStorage).toString(),
      "hugepages-1Gi": "0",
      "hugepages-2Mi": "0",
      memory: Quantity.parse(this.config.memory).toString(),
      pods: String(this.config.pods),
    };
  }

  /** What the node offers pods (capacity minus the eviction threshold). */
  allocatable(): Record<string, string> {
    return this.#allocatable();
  }

  #allocatable(): Record<string, string> {
    const capacity = this.#capacity();
    const memory = Quantity.parse(this.config.memory);
    const storage = Quantity.parse(this.config.ephemeralStorage);
    // --eviction-hard defaults: memory.available<100Mi, nodefs.available<10%.
    return {
      ...capacity,
      memory: new Quantity(memory.nanos - EVICTION_HARD_MEMORY.nanos, memory.format).toString(),
      "ephemeral-storage": String(((storage.nanos / 1_000_000_000n) * 9n) / 10n),
    };
  }

  #conditions(now: string, previous: readonly NodeCondition[] = []): NodeCondition[] {
    const make = (type: string, status: "True" | "False", reason: string, message: string): NodeCondition => {
      const old = previous.find((c) => c.type === type);
      return {
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: now,
        lastTransitionTime: old && old.status === status ? (old.lastTransitionTime as string) : now,
      };
    };
    return [
      make(
        "MemoryPressure",
        "False",
        "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available",
      ),
      make("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      make("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      make("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ];
  }

  #nodeStatus(now: string, previous?: Node): NonNullable<Node["status"]> {
    return {
      addresses: [
        { type: "InternalIP", address: this.config.internalIP },
        { type: "Hostname", address: this.config.name },
      ],
      allocatable: this.#allocatable(),
      capacity: this.#capacity(),
      conditions: this.#conditions(now, previous?.status?.conditions),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: this.runtime.images(),
      nodeInfo: {
        architecture: "amd64",
        bootID: `${this.config.name}-boot`,
        containerRuntimeVersion: "containerd://1.7.24",
        kernelVersion: "6.8.0-kubespec",
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: this.config.name,
        operatingSystem: "linux",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        systemUUID: this.config.name,
      },
    } as NonNullable<Node["status"]>;
  }

  #register(): void {
    const now = rfc3339(this.#loop.now());
    const node: Node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: this.config.name,
        annotations: {
          "node.alpha.kubernetes.io/ttl": "0",
          "volumes.kubernetes.io/controller-managed-attach-detach": "true",
        },
        labels: {
          "beta.kubernetes.io/arch": "amd64",
          "beta.kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          "kubernetes.io/hostname": this.config.name,
          "kubernetes.io/os": "linux",
          ...this.config.labels,
        },
      },
      spec: {
        podCIDR: this.config.podCIDR,
        podCIDRs: [this.config.podCIDR],
        ...(this.config.taints.length > 0 ? { taints: this.config.taints } : {}),
      },
      status: this.#nodeStatus(now),
    };
    let registered: Node;
    try {
      registered = this.#nodes.create(node);
      this.#nodeEvents();
    } catch (error) {
      if (!isStatusError(error) || error.code !== 409) return; // retried at the next heartbeat
      try {
        // Already registered (a restart or a recovered node): post a fresh status at once.
        const existing = this.#nodes.get(undefined, this.config.name);
        registered = this.#nodes.updateStatus({ ...existing, status: this.#nodeStatus(now, existing) });
      } catch {
        return;
      }
    }
    this.#lastReport = this.#loop.now();
    this.#lastReportedStatus = JSON.stringify(this.#comparableStatus(registered));
    this.#renewLease(registered);
    this.#startInformer();
    this.actor.send({ type: "REGISTERED" });
  }

  #nodeEvents(): void {
    const ref = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: this.config.name, uid: this.config.name },
    };
    const name = this.config.name;
    this.#events.record(ref, "Normal", "Starting", "Starting kubelet.");
    this.#events.record(
      ref,
      "Normal",
      "NodeHasSufficientMemory",
      `Node ${name} status is now: NodeHasSufficientMemory`,
    );
    this.#events.record(
      ref,
      "Normal",
      "NodeHasNoDiskPressure",
      `Node ${name} status is now: NodeHasNoDiskPressure`,
    );
    this.#events.record(
      ref,
      "Normal",
      "NodeHasSufficientPID",
      `Node ${name} status is now: NodeHasSufficientPID`,
    );
    this.#events.record(
      ref,
      "Normal",
      "NodeAllocatableEnforced",
      "Updated Node Allocatable limit across pods",
    );
  }

  #renewLease(node: Node): void {
    const now = microTime(this.#loop.now());
    try {
      const existing = this.#leases.find("kube-node-lease", this.config.name);
      if (existing) {
        this.#leases.update({ ...existing, spec: { ...existing.spec, renewTime: now } });
        return;
      }
      this.#leases.create({
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: {
          name: this.config.name,
          namespace: "kube-node-lease",
          ownerReferences: [
            { apiVersion: "v1", kind: "Node", name: this.config.name, uid: node.metadata?.uid as string },
          ],
        },
        spec: {
          holderIdentity: this.config.name,
          leaseDurationSeconds: LEASE_DURATION_SECONDS,
          renewTime: now,
        },
      });
    } catch {
      // apiserver or etcd unavailable: the next heartbeat retries
    }
  }

  #comparableStatus(node: Node): unknown {
    const status = node.status ?? {};
    return {
      ...status,
      conditions: (status.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: undefined })),
    };
  }

  #heartbeat(force = false): void {
    let node: Node | undefined;
    try {
      node = this.#nodes.get(undefined, this.config.name);
    } catch {
      return;
    }
    this.#renewLease(node);
    const now = this.#loop.now();
    const status = this.#nodeStatus(rfc3339(now), node);
    const changed = JSON.stringify(this.#comparableStatus({ ...node, status })) !== this.#lastReportedStatus;
    if (force || changed || now - this.#lastReport >= NODE_STATUS_REPORT_MS) {
      try {
        const written = this.#nodes.updateStatus({ ...node, status });
        this.#lastReport = now;
        this.#lastReportedStatus = JSON.stringify(this.#comparableStatus(written));
      } catch {
        // retried at the next heartbeat
      }
    }
    if (this.#dirty.size > 0) this.#scheduleSync();
  }

  #disconnect(): void {
    this.#informer?.stop();
    this.#informer = undefined;
  }

  #reconnect(): void {
    this.#startInformer();
    this.#heartbeat(true);
    if (this.#dirty.size > 0) this.#scheduleSync();
  }

  #restarting(): void {
    this.#informer?.stop();
    this.#informer = undefined;
    const ref = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: this.config.name, uid: this.config.name },
    };
    this.#events.record(ref, "Normal", "Starting", "Starting kubelet.");
  }

  #shutdown(): void {
    this.#informer?.stop();
    this.#informer = undefined;
    for (const worker of this.workers.values()) worker.abandon();
    this.workers.clear();
    this.#workersByUid.clear();
    this.#removedStatic.clear();
    this.#pleg.reset();
    this.runtime.reset();
    this.#dirty.clear();
    this.#written.clear();
  }

  // ---- pods ----

  // ---- static pods (the file source) and their mirror pods ----

  /**
   * Put a manifest in the node's static pod directory: the kubelet runs it as `<name>-<node>` and
   * mirrors it into the apiserver. A manifest of the same name is replaced.
   */
  addStaticPod(manifest: Pod): void {
    const name = manifest.metadata?.name ?? "";
    staticPodFromManifest(manifest, this.config.name, this.#loop.now()); // validates
    const previous = this.#manifests.get(name);
    this.#manifests.set(name, manifest);
    if (previous) this.#stopStaticPod(previous);
    if (this.#informer) this.#startStaticPods();
  }

  /** Remove a manifest: the static pod stops and its mirror pod is deleted. */
  removeStaticPod(name: string): void {
    const manifest = this.#manifests.get(name);
    if (!manifest) throw new Error(`node "${this.config.name}" has no static pod manifest "${name}"`);
    this.#manifests.delete(name);
    this.#stopStaticPod(manifest);
  }

  /** The manifest of that name in the node's static pod directory. */
  staticPodManifest(name: string): Pod | undefined {
    return this.#manifests.get(name);
  }

  /** Names of the static pod manifests. */
  staticPodManifests(): string[] {
    return [...this.#manifests.keys()];
  }

  #staticKey(manifest: Pod): string {
    return `${manifest.metadata?.namespace || "default"}/${manifest.metadata?.name}-${this.config.name.toLowerCase()}`;
  }

  #stopStaticPod(manifest: Pod): void {
    const key = this.#staticKey(manifest);
    const worker = this.workers.get(key);
    if (!worker) return;
    this.#removedStatic.add(worker);
    worker.terminate();
    const [namespace, name] = key.split("/") as [string, string];
    try {
      this.#pods.delete(namespace, name, { gracePeriodSeconds: 0 });
    } catch {
      // no mirror pod (yet)
    }
  }

  #startStaticPods(): void {
    for (const manifest of this.#manifests.values()) {
      const key = this.#staticKey(manifest);
      if (this.workers.get(key)?.isStatic) continue;
      const pod = staticPodFromManifest(manifest, this.config.name, this.#loop.now());
      const worker = new PodWorker(pod, this.#workerHost());
      this.workers.set(key, worker);
      this.#workersByUid.set(worker.uid, worker);
      worker.start();
    }
  }

  /** tryReconcileMirrorPods: the mirror pod exists, matches the static pod, and is not being deleted. */
  #ensureMirrorPod(worker: PodWorker): void {
    if (!this.running) return;
    const pod = worker.pod;
    const namespace = pod.metadata?.namespace as string;
    const name = pod.metadata?.name as string;
    const hash = pod.metadata?.annotations?.["kubernetes.io/config.hash"];
    try {
      const mirror = this.#pods.find(namespace, name);
      if (
        mirror &&
        isMirrorPod(mirror) &&
        !mirror.metadata?.deletionTimestamp &&
        mirror.metadata?.annotations?.["kubernetes.io/config.mirror"] === hash
      )
        return;
      if (mirror)
        this.#pods.delete(namespace, name, {
          gracePeriodSeconds: 0,
          preconditions: { uid: mirror.metadata?.uid as string },
        });
      const node = this.#nodes.get(undefined, this.config.name);
      this.#pods.create(mirrorPodFor(pod, node));
      this.#written.delete(worker.key);
      this.#dirty.add(worker);
      this.#scheduleSync();
    } catch {
      // the apiserver is unreachable or the node is not registered yet: the next sync retries
    }
  }

  #startInformer(): void {
    this.#startStaticPods();
    this.#informer?.stop();
    this.#informer = new Informer<Pod>(this.#loop, this.#pods, {
      fieldSelector: `spec.nodeName=${this.config.name}`,
    });
    this.#informer.on({
      add: (pod) => this.#onPod(pod),
      update: (pod) => this.#onPod(pod),
      delete: (pod) => this.#onPodDeleted(pod),
    });
    this.#informer.start();
  }

  #onPod(pod: Pod): void {
    const key = keyOf(pod);
    const existing = this.workers.get(key);
    if (isMirrorPod(pod)) {
      // A mirror pod only reflects a static pod; one being deleted is recreated by the next sync.
      if (existing?.isStatic && pod.metadata?.deletionTimestamp) existing.requestSync();
      return;
    }
    if (existing && existing.pod.metadata?.uid === pod.metadata?.uid) {
      existing.update(pod);
      return;
    }
    if (existing) {
      existing.abandon();
      this.runtime.removeLogDirectories(existing.uid);
      this.workers.delete(key);
      this.#workersByUid.delete(existing.uid);
    }
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    const rejection = pod.metadata?.deletionTimestamp ? undefined : this.#admit(pod);
    if (rejection) {
      this.#reject(pod, rejection.reason, rejection.message);
      return;
    }
    const worker = new PodWorker(pod, this.#workerHost());
    this.workers.set(key, worker);
    this.#workersByUid.set(worker.uid, worker);
    worker.start();
    if (pod.metadata?.deletionTimestamp) worker.terminate();
  }

  #onPodDeleted(pod: Pod): void {
    const key = keyOf(pod);
    const worker = this.workers.get(key);
    if (worker?.isStatic) {
      worker.requestSync();
      return;
    }
    if (!worker || worker.pod.metadata?.uid !== pod.metadata?.uid) return;
    worker.abandon();
    this.runtime.removeLogDirectories(worker.uid);
    this.workers.delete(key);
    this.#workersByUid.delete(worker.uid);
    this.#dirty.delete(worker);
    this.#written.delete(key);
  }

  /** canAdmitPod against the pods this kubelet runs (not yet terminal). */
  #admit(pod: Pod) {
    const admitted = [...this.workers.values()]
      .filter((w) => !w.isTerminated && w.status().phase !== "Succeeded" && w.status().phase !== "Failed")
      .map((w) => w.pod);
    return canAdmitPod(pod, admitted, this.#allocatable());
  }

  /** rejectPod: a Warning event and a Failed status carrying the reason. */
  #reject(pod: Pod, reason: string, message: string): void {
    this.#events.record(pod as never, "Warning", reason, message);
    try {
      this.#pods.patch(
        pod.metadata?.namespace,
        pod.metadata?.name as string,
        "merge",
        {
          status: {
            phase: "Failed",
            reason,
            message: `Pod was rejected: ${message}`,
            qosClass: pod.status?.qosClass,
          },
        },
        { subresource: "status" },
      );
    } catch {
      // the pod is gone, or the apiserver is unreachable: the next update retries
    }
  }

  // ---- the kubelet's API (what the apiserver proxies for logs and exec) ----

  #workerFor(namespace: string, name: string): PodWorker | undefined {
    return this.workers.get(`${namespace}/${name}`);
  }

  /**
   * GET /containerLogs/{namespace}/{pod}/{container}: the container's log, or the kubelet's error
   * (container waiting to start, no previous container, …) as a {@link KubeletError}.
   */
  containerLogs(namespace: string, name: string, container: string, options: LogOptions = {}): string {
    const worker = this.#workerFor(namespace, name);
    if (!worker) throw new KubeletError(`pod "${name}" cannot be found - no logs available`);
    const id = containerIDForLogs(name, worker.status(), container, options.previous ?? false);
    const instance = worker.instances(container).find((c) => c.id === id);
    return instance ? formatLogs(instance.logs, options, this.#loop.now()) : "";
  }

  /**
   * POST /exec/{namespace}/{pod}/{container}: run a command in the running container; `done`
   * gets its output and exit code, or why it could not run.
   */
  exec(
    namespace: string,
    name: string,
    container: string,
    argv: readonly string[],
    done: (result: ExecResult) => void,
  ): void {
    const instance = this.#workerFor(namespace, name)?.instances(container)[0];
    if (!instance || (instance.state !== "running" && instance.state !== "stopping")) {
      done({ ok: false, timedOut: false, message: `container not found ("${container}")` });
      return;
    }
    this.runtime.exec(instance, argv, Number.POSITIVE_INFINITY, done);
  }

  #workerHost(): PodWorkerHost {
    const gateway = `${this.config.podCIDR.split("/")[0]?.split(".").slice(0, 3).join(".")}.1`;
    return {
      loop: this.#loop,
      runtime: this.runtime,
      events: this.#events,
      hostIP: this.config.internalIP,
      probeSource: gateway,
      backOff: this.#backOff,
      imageBackOff: this.#imageBackOff,
      pullErrors: this.#pullErrors,
      ensureMirrorPod: (worker) => this.#ensureMirrorPod(worker),
      allocateIP: () => this.#allocateIP(),
      releaseIP: (ip) => {
        if (ip !== this.config.internalIP) this.#usedIPs.delete(Number(ip.split(".")[3]));
      },
      statusChanged: (worker) => {
        this.#dirty.add(worker);
        this.#scheduleSync();
      },
      terminated: (worker) => {
        if (this.#removedStatic.delete(worker)) {
          // The manifest is gone and its pod has stopped: forget the worker, and start the pod of
          // a manifest put back meanwhile (the pod workers start a pod only once its namesake is
          // fully terminated).
          if (this.workers.get(worker.key) === worker) this.workers.delete(worker.key);
          if (this.#workersByUid.get(worker.uid) === worker) this.#workersByUid.delete(worker.uid);
          this.runtime.removeLogDirectories(worker.uid);
          this.#dirty.delete(worker);
          this.#written.delete(worker.key);
          if (this.#informer) this.#startStaticPods();
          return;
        }
        this.#dirty.add(worker);
        this.#scheduleSync();
      },
      now: () => rfc3339(this.#loop.now()),
    };
  }

  /** host-local IPAM: the next free address after the last one handed out, wrapping around. */
  #allocateIP(): string {
    const base = this.config.podCIDR.split("/")[0]?.split(".").slice(0, 3).join(".");
    for (let i = 1; i <= 253; i++) {
      const index = (this.#lastIP + i) % 253;
      const octet = index + 2;
      if (!this.#usedIPs.has(octet)) {
        this.#usedIPs.add(octet);
        this.#lastIP = index;
        return `${base}.${octet}`;
      }
    }
    throw new Error(`no IP addresses available in range set: ${this.config.podCIDR}`);
  }

  #scheduleSync(): void {
    if (this.#syncScheduled) return;
    this.#syncScheduled = true;
    this.#loop.enqueue(() => {
      this.#syncScheduled = false;
      this.#syncStatuses();
    });
  }

  /** The status manager: write each changed pod status; delete pods whose deletion has finished. */
  #syncStatuses(): void {
    if (!this.running) return;
    for (const worker of [...this.#dirty]) {
      this.#dirty.delete(worker);
      if (this.workers.get(worker.key) !== worker) continue;
      const pod = worker.pod;
      const status = worker.status();
      const text = JSON.stringify(status);
      try {
        if (this.#written.get(worker.key) !== text) {
          const updated = this.#pods.patch(
            pod.metadata?.namespace,
            pod.metadata?.name as string,
            "merge",
            { status },
            { subresource: "status" },
          );
          if (!worker.isStatic) worker.pod = updated;
          this.#written.set(worker.key, text);
        }
        if (worker.isTerminated && pod.metadata?.deletionTimestamp) {
          this.#pods.delete(pod.metadata.namespace, pod.metadata.name as string, {
            gracePeriodSeconds: 0,
            preconditions: { uid: pod.metadata.uid as string },
          });
        }
      } catch {
        this.#dirty.add(worker); // retried at the next heartbeat
      }
    }
  }

  /** Heartbeat interval, for tests and docs. */
  static readonly heartbeatMillis = HEARTBEAT_MS;
}
