import { type Actor, createActor } from "xstate";
import { defaultPullPolicy, isSidecar } from "../api/pods.ts";
import { Quantity } from "../api/quantity.ts";
import type { Container, Pod } from "../api/types.ts";
import type { EventRecorder } from "../client/EventRecorder.ts";
import { formatGoDuration } from "../clock/duration.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import type { BackOff } from "./BackOff.ts";
import type { ContainerRuntime, PullResult } from "./ContainerRuntime.ts";
import { invalidImageReason } from "./ImageCatalogue.ts";
import { PROBE_USER_AGENT, type ProbeResult, type ProbeType, ProbeWorker } from "./Prober.ts";
import { podMachine } from "./podMachine.ts";
import {
  generatePodStatus,
  type PodRuntimeView,
  podConditions,
  shouldContainerBeRestarted,
} from "./podStatus.ts";
import { ProgramRunner } from "./runtime/ProgramRunner.ts";
import type { ContainerConfig, RuntimeContainer } from "./runtime/RuntimeContainer.ts";
import type { Sandbox } from "./runtime/Sandbox.ts";
import type { Effect } from "./shell/Shell.ts";

type PodStatus = NonNullable<Pod["status"]>;
type Task<T> = Generator<Effect, T, unknown>;

/** What a pod worker needs from its kubelet. */
export interface PodWorkerHost {
  readonly loop: EventLoop;
  readonly runtime: ContainerRuntime;
  readonly events: EventRecorder;
  readonly hostIP: string;
  /** Address the pod sees kubelet probes come from (the node's bridge on the pod network). */
  readonly probeSource: string;
  /** Container restart back-off (10 s → 300 s). */
  readonly backOff: BackOff;
  /** Image pull back-off (10 s → 300 s). */
  readonly imageBackOff: BackOff;
  /** The last pull error per back-off key, for the ImagePullBackOff message. */
  readonly pullErrors: Map<string, string>;
  allocateIP(): string;
  releaseIP(ip: string): void;
  /** The worker's status changed: the status manager should write it. */
  statusChanged(worker: PodWorker): void;
  /** All containers stopped and the sandbox is gone. */
  terminated(worker: PodWorker): void;
  /** For a static pod: make sure its mirror pod exists in the apiserver. */
  ensureMirrorPod?(worker: PodWorker): void;
  now(): string;
}

/** Time to create the pod sandbox (pause container, network namespace, IP). */
export const SANDBOX_MS = 1000;
/** The grace a container keeps after its preStop hook, at least (kuberuntime minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/** Kubelet event messages (pkg/kubelet/events, kuberuntime, images, prober), v1.32. */
export const KUBELET_EVENTS = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, millis: number, total: number, size: number) =>
    `Successfully pulled image "${image}" in ${formatGoDuration(millis)} (${formatGoDuration(total)} including waiting). Image size: ${size} bytes.`,
  present: (image: string) => `Container image "${image}" already present on machine`,
  created: (name: string) => `Created container: ${name}`,
  started: (name: string) => `Started container ${name}`,
  killing: (name: string) => `Stopping container ${name}`,
  failedPull: (image: string, error: string) => `Failed to pull image "${image}": ${error}`,
  backOffPull: (image: string) => `Back-off pulling image "${image}"`,
  backOffRestart: (name: string, pod: string) => `Back-off restarting failed container ${name} in pod ${pod}`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
};

/** `name_namespace(uid)`, as kubelet messages name a pod (format.Pod). */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}

function rfc3339(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

function sleep(millis: number): Effect {
  return { sleep: millis };
}

/** What SyncPod decided to do (computePodActions, simplified to what kubespec models). */
interface PodActions {
  createSandbox: boolean;
  killPod: boolean;
  initToStart: Container | undefined;
  toStart: Container[];
  toKill: { container: Container; instance: RuntimeContainer; message: string; restart: boolean }[];
}

/**
 * The kubelet's worker for one pod: drives the pod statechart ({@link podMachine}), runs SyncPod
 * against the node's container runtime (sandbox, init containers and sidecars in order, regular
 * containers, image pulls with back-off, crash-loop back-off, liveness and startup kills), runs the
 * probes, terminates gracefully (preStop hooks, stop signal, KILL at the end of the grace period)
 * and generates the API status the status manager writes.
 */
export class PodWorker {
  pod: Pod;
  readonly key: string;
  readonly uid: string;
  /** A static pod from a manifest file (its status goes to the mirror pod). */
  readonly isStatic: boolean;
  readonly actor: Actor<typeof podMachine>;
  sandbox: Sandbox | undefined;
  podIP: string | undefined;
  readonly #host: PodWorkerHost;
  readonly #history = new Map<string, RuntimeContainer[]>();
  readonly #reasons = new Map<string, { reason: string; message: string }>();
  readonly #probes = new Map<string, ProbeWorker>();
  #apiStatus: PodStatus | undefined;
  #startTime: string | undefined;
  #task: ProgramRunner | undefined;
  #pending = false;
  #stopped = false;
  #graceDeadline: number | undefined;

  constructor(pod: Pod, host: PodWorkerHost) {
    this.pod = pod;
    this.key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    this.uid = pod.metadata?.uid ?? "";
    this.isStatic = (pod.metadata?.annotations?.["kubernetes.io/config.source"] ?? "api") !== "api";
    this.#host = host;
    this.#startTime = pod.status?.startTime;
    this.actor = createActor(
      podMachine.provide({
        actions: {
          syncPod: () =>
            this.#host.loop.enqueue(() =>
              this.#run(this.#syncPod(), (failed) => this.actor.send({ type: "SYNC_DONE", failed })),
            ),
          markPending: () => {
            this.#pending = true;
          },
          cancelSync: () => {
            this.#task?.kill();
            this.#task = undefined;
          },
          terminatePod: () =>
            this.#host.loop.enqueue(() =>
              this.#run(this.#terminatePod(), () => this.actor.send({ type: "STOPPED" })),
            ),
          cleanup: () => this.#cleanup(),
        },
        guards: { pending: () => this.#pending },
      }),
      { clock: host.loop, inspect: statechartVisits.inspect },
    );
  }

  start(): void {
    if (!this.#startTime) this.#startTime = this.#host.now();
    for (const container of [
      ...(this.pod.spec?.initContainers ?? []),
      ...(this.pod.spec?.containers ?? []),
    ]) {
      const probes: [ProbeType, Container["livenessProbe"]][] = [
        ["startup", container.startupProbe],
        ["liveness", container.livenessProbe],
        ["readiness", container.readinessProbe],
      ];
      for (const [type, spec] of probes) {
        if (!spec) continue;
        if (type !== "startup" && type !== "readiness" && type !== "liveness") continue;
        if ((this.pod.spec?.initContainers ?? []).includes(container) && !isSidecar(container)) continue;
        this.#probes.set(
          `${container.name}/${type}`,
          new ProbeWorker(this.#proberHost(), container, type, spec),
        );
      }
    }
    this.actor.start();
    for (const probe of this.#probes.values()) probe.start();
  }

  /** The latest pod object from the apiserver. */
  update(pod: Pod): void {
    const specChanged =
      JSON.stringify(pod.spec?.containers?.map((c) => c.image)) !==
      JSON.stringify(this.pod.spec?.containers?.map((c) => c.image));
    this.pod = pod;
    if (pod.metadata?.deletionTimestamp) this.terminate();
    else if (specChanged) this.requestSync();
  }

  /** Something changed (a container event, a probe result): sync again. */
  requestSync(): void {
    if (!this.#stopped) this.actor.send({ type: "SYNC" });
  }

  /** Begin graceful termination (deletion or eviction). */
  terminate(): void {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.matches("terminating")) {
      this.#shortenGrace();
      return;
    }
    if (snapshot.status === "done") return;
    this.actor.send({ type: "TERMINATE" });
  }

  /** Stop at once without reporting (the pod object is gone, or the node failed). */
  abandon(): void {
    this.#stopped = true;
    this.#task?.kill();
    for (const probe of this.#probes.values()) probe.stop();
    this.actor.stop();
    if (this.sandbox) this.#host.runtime.removePodSandbox(this.sandbox);
    if (this.podIP && this.sandbox) this.#host.releaseIP(this.podIP);
    this.sandbox = undefined;
  }

  get isTerminated(): boolean {
    return this.actor.getSnapshot().status === "done";
  }

  /** The API status the kubelet would write now (the status manager's cached status). */
  status(): PodStatus {
    if (!this.#apiStatus) this.#apiStatus = this.#generate(false);
    return this.#apiStatus;
  }

  /** The instances of a container the runtime still has, latest first (for logs and exec). */
  instances(name: string): readonly RuntimeContainer[] {
    return this.#history.get(name) ?? [];
  }

  // ---- running tasks on the virtual clock ----

  #run<T>(task: Task<T>, done: (result: T) => void): void {
    this.#task?.kill();
    let value: T;
    const wrapper = function* (): Generator<Effect, number, unknown> {
      value = yield* task;
      return 0;
    };
    const runner = new ProgramRunner(this.#host.loop, wrapper(), () => {
      if (this.#task === runner) this.#task = undefined;
      done(value);
    });
    this.#task = runner;
    runner.start();
  }

  #changed(): void {
    if (!this.#stopped) this.#host.statusChanged(this);
  }

  #setStatus(status: PodStatus): void {
    this.#apiStatus = status;
    this.#changed();
  }

  // ---- runtime view and status ----

  #latest(name: string): RuntimeContainer | undefined {
    return this.#history.get(name)?.[0];
  }

  #probe(name: string, type: ProbeType): ProbeWorker | undefined {
    return this.#probes.get(`${name}/${type}`);
  }

  #started(c: RuntimeContainer): boolean {
    const startup = this.#probe(c.name, "startup");
    return !startup || startup.result(c) === "success";
  }

  #ready(c: RuntimeContainer): boolean {
    const readiness = this.#probe(c.name, "readiness");
    if (!readiness) return true;
    const result = readiness.result(c);
    if (result === undefined) {
      // No result yet for this instance: probe at once (prober manager UpdatePodStatus).
      this.#host.loop.enqueue(() => readiness.trigger());
      return false;
    }
    return result === "success";
  }

  #view(): PodRuntimeView {
    return {
      sandbox: this.sandbox,
      podIP: this.podIP,
      hostIP: this.#host.hostIP,
      startTime: this.#startTime,
      instances: (name) => this.#history.get(name) ?? [],
      reason: (name) => this.#reasons.get(name),
      started: (c) => this.#started(c),
      ready: (c) => this.#ready(c),
    };
  }

  #generate(podIsTerminal: boolean): PodStatus {
    return generatePodStatus(this.pod, this.#view(), this.#apiStatus, this.#host.now(), podIsTerminal);
  }

  #proberHost() {
    return {
      loop: this.#host.loop,
      runtime: this.#host.runtime,
      probeSource: this.#host.probeSource,
      pod: () => this.pod,
      latest: (name: string) => this.#latest(name),
      started: (c: RuntimeContainer) => this.#started(c),
      event: (container: Container, type: "Normal" | "Warning", reason: string, message: string) =>
        this.#event(container, type, reason, message),
      resultChanged: (type: ProbeType, c: RuntimeContainer, result: ProbeResult) =>
        this.#probeResult(type, c, result),
    };
  }

  /** statusManager.SetContainerReadiness / SetContainerStartup, then a sync (handleProbeSync). */
  #probeResult(type: ProbeType, c: RuntimeContainer, result: ProbeResult): void {
    if (this.#stopped || this.#latest(c.name) !== c) return;
    if ((type === "readiness" || type === "startup") && this.#apiStatus) {
      const status = structuredClone(this.#apiStatus);
      for (const list of [status.containerStatuses ?? [], status.initContainerStatuses ?? []]) {
        for (const s of list) {
          if (s.containerID !== c.id || !s.state?.running) continue;
          if (type === "startup") s.started = result === "success";
          const spec = this.#spec(s.name);
          if (spec && ((this.pod.spec?.initContainers ?? []).includes(spec) ? isSidecar(spec) : true))
            s.ready = this.#started(c) && this.#ready(c);
        }
      }
      status.conditions = podConditions(
        this.pod,
        status,
        this.pod.status?.conditions ?? status.conditions ?? [],
        this.sandbox?.ready ?? false,
        this.#host.now(),
      );
      this.#setStatus(status);
    }
    if (type !== "liveness" || result === "failure") this.requestSync();
  }

  #spec(name: string): Container | undefined {
    return [...(this.pod.spec?.initContainers ?? []), ...(this.pod.spec?.containers ?? [])].find(
      (c) => c.name === name,
    );
  }

  #event(
    container: Container | undefined,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void {
    let fieldPath: string | undefined;
    if (container) {
      const init = (this.pod.spec?.initContainers ?? []).some((c) => c.name === container.name);
      fieldPath = `spec.${init ? "initContainers" : "containers"}{${container.name}}`;
    }
    this.#host.events.record(this.pod as never, type, reason, message, fieldPath);
  }

  // ---- SyncPod ----

  #computePodActions(): PodActions {
    const pod = this.pod;
    const actions: PodActions = {
      createSandbox: false,
      killPod: false,
      initToStart: undefined,
      toStart: [],
      toKill: [],
    };
    if (!this.sandbox?.ready) {
      const ranBefore = [...this.#history.values()].some((h) => h.length > 0);
      if (ranBefore && (pod.spec?.restartPolicy ?? "Always") === "Never") return actions;
      actions.createSandbox = true;
    }
    const policy = pod.spec?.restartPolicy ?? "Always";
    const anyRegularStarted = (pod.spec?.containers ?? []).some(
      (c) => (this.#history.get(c.name)?.length ?? 0) > 0,
    );
    let initialized = true;
    for (const container of pod.spec?.initContainers ?? []) {
      const latest = this.#latest(container.name);
      if (isSidecar(container)) {
        if (!latest || latest.state === "created") {
          if (!actions.initToStart) actions.initToStart = container;
          if (!anyRegularStarted) {
            initialized = false;
            break;
          }
          continue;
        }
        if (latest.state === "running" || latest.state === "stopping") {
          const failure = this.#probeFailure(container, latest);
          if (failure) {
            actions.toKill.push({
              container,
              instance: latest,
              message: `${failure}, will be restarted`,
              restart: true,
            });
            if (!anyRegularStarted) {
              initialized = false;
              break;
            }
            continue;
          }
          if (!this.#started(latest) && !anyRegularStarted) {
            initialized = false;
            break;
          }
          continue;
        }
        // A sidecar that exited restarts, whatever the pod's restart policy.
        if (!actions.initToStart) actions.initToStart = container;
        if (!anyRegularStarted) {
          initialized = false;
          break;
        }
        continue;
      }
      if (!latest) {
        if (!anyRegularStarted) actions.initToStart = container;
        initialized = anyRegularStarted;
        break;
      }
      if (latest.state !== "exited") {
        initialized = anyRegularStarted;
        break;
      }
      if (latest.exitCode === 0) continue;
      if (policy === "Never") {
        actions.killPod = true;
        initialized = false;
        break;
      }
      actions.initToStart = container;
      initialized = false;
      break;
    }
    if (!initialized) return actions;
    let keep = 0;
    for (const container of pod.spec?.containers ?? []) {
      const latest = this.#latest(container.name);
      if (!latest) {
        actions.toStart.push(container);
        continue;
      }
      if (latest.state === "running" || latest.state === "stopping") {
        const restartable = policy !== "Never";
        let message: string | undefined;
        if (latest.config.image !== container.image)
          message = `Container ${container.name} definition changed`;
        else message = this.#probeFailure(container, latest);
        if (message) {
          const restart = restartable || latest.config.image !== container.image;
          actions.toKill.push({
            container,
            instance: latest,
            message: restart ? `${message}, will be restarted` : message,
            restart,
          });
          if (restart) actions.toStart.push(container);
          continue;
        }
        keep++;
        continue;
      }
      if (shouldContainerBeRestarted(container, pod, latest)) actions.toStart.push(container);
    }
    if (keep === 0 && actions.toStart.length === 0 && actions.toKill.length === 0) {
      // Every regular container is done for good: sidecars must not keep the pod alive.
      actions.killPod = true;
      actions.initToStart = undefined;
    }
    return actions;
  }

  /** "Container X failed liveness probe" (or startup), when that probe failed for the instance. */
  #probeFailure(container: Container, instance: RuntimeContainer): string | undefined {
    if (this.#probe(container.name, "liveness")?.result(instance) === "failure")
      return `Container ${container.name} failed liveness probe`;
    if (this.#probe(container.name, "startup")?.result(instance) === "failure")
      return `Container ${container.name} failed startup probe`;
    return undefined;
  }

  *#syncPod(): Task<boolean> {
    this.#pending = false;
    const status = this.#generate(false);
    this.#setStatus(status);
    if (this.isStatic) this.#host.ensureMirrorPod?.(this);
    if (status.phase === "Succeeded" || status.phase === "Failed") {
      // A terminal pod is torn down (its sandbox removed) but stays in the API.
      this.#host.loop.enqueue(() => this.actor.send({ type: "TERMINATE" }));
      return false;
    }
    const actions = this.#computePodActions();
    if (actions.killPod) {
      yield* this.#killContainers(this.#running(), this.#gracePeriodMillis(false));
      return false;
    }
    for (const kill of actions.toKill) {
      const grace = this.#probeGraceMillis(kill.container, kill.message);
      yield* this.#killContainer(kill.container, kill.instance, kill.message, grace);
    }
    if (actions.createSandbox) {
      yield sleep(SANDBOX_MS);
      // A host-network pod shares the node's network namespace: its IP is the node's.
      const ip = this.podIP ?? (this.pod.spec?.hostNetwork ? this.#host.hostIP : this.#host.allocateIP());
      this.podIP = ip;
      this.sandbox = this.#host.runtime.runPodSandbox({
        podUid: this.uid,
        podName: this.pod.metadata?.name ?? "",
        namespace: this.pod.metadata?.namespace ?? "default",
        ip,
      });
    }
    let failed = false;
    const results = new Map<string, { reason: string; message: string } | undefined>();
    if (actions.initToStart) {
      const result = yield* this.#startContainer(actions.initToStart);
      results.set(actions.initToStart.name, result);
      if (result) failed = true;
    }
    for (const container of actions.toStart) {
      const result = yield* this.#startContainer(container);
      results.set(container.name, result);
      if (result) failed = true;
    }
    for (const [name, result] of results) {
      if (result) this.#reasons.set(name, result);
      else this.#reasons.delete(name);
    }
    return failed;
  }

  #backOffKey(container: Container): string {
    return `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}_${this.uid}_${container.name}`;
  }

  /** Start one container: back-off, image, create, start (kuberuntime startContainer). */
  *#startContainer(container: Container): Task<{ reason: string; message: string } | undefined> {
    const host = this.#host;
    const latest = this.#latest(container.name);
    if (latest?.state === "exited") {
      const key = this.#backOffKey(container);
      if (host.backOff.isInBackOffSince(key, latest.finishedAt ?? 0)) {
        this.#event(
          container,
          "Warning",
          "BackOff",
          KUBELET_EVENTS.backOffRestart(container.name, formatPod(this.pod)),
        );
        return {
          reason: "CrashLoopBackOff",
          message: `back-off ${formatGoDuration(host.backOff.get(key))} restarting failed container=${container.name} pod=${formatPod(this.pod)}`,
        };
      }
      host.backOff.next(key, latest.finishedAt ?? 0);
    }
    const image = container.image ?? "";
    const invalid = invalidImageReason(image);
    if (invalid) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${invalid}`;
      this.#event(container, "Warning", "InspectFailed", message);
      this.#event(container, "Warning", "Failed", "Error: InvalidImageName");
      return { reason: "InvalidImageName", message };
    }
    const policy = container.imagePullPolicy ?? defaultPullPolicy(image);
    const present = host.runtime.hasImage(image);
    let pulled: Extract<PullResult, { ok: true }>;
    if (policy === "Never" && !present) {
      const message = KUBELET_EVENTS.neverPull(image);
      this.#event(container, "Warning", "ErrImageNeverPull", message);
      this.#event(container, "Warning", "Failed", "Error: ErrImageNeverPull");
      return { reason: "ErrImageNeverPull", message };
    }
    if (present && policy !== "Always") {
      this.#event(container, "Normal", "Pulled", KUBELET_EVENTS.present(image));
      pulled = (yield { call: (resume) => host.runtime.pull(image, policy, resume) }) as Extract<
        PullResult,
        { ok: true }
      >;
    } else {
      const key = `${this.uid}_${image}`;
      if (host.imageBackOff.isInBackOffSinceUpdate(key)) {
        this.#event(container, "Normal", "BackOff", KUBELET_EVENTS.backOffPull(image));
        this.#event(container, "Warning", "Failed", "Error: ImagePullBackOff");
        const previous = host.pullErrors.get(key);
        return {
          reason: "ImagePullBackOff",
          message: `${KUBELET_EVENTS.backOffPull(image)}${previous ? `: ${previous}` : ""}`,
        };
      }
      host.pullErrors.delete(key);
      this.#event(container, "Normal", "Pulling", KUBELET_EVENTS.pulling(image));
      const result = (yield { call: (resume) => host.runtime.pull(image, policy, resume) }) as PullResult;
      if (!result.ok) {
        this.#event(container, "Warning", "Failed", KUBELET_EVENTS.failedPull(image, result.message));
        host.imageBackOff.next(key, host.loop.now());
        host.pullErrors.set(key, `ErrImagePull: ${result.message}`);
        this.#event(container, "Warning", "Failed", "Error: ErrImagePull");
        return { reason: "ErrImagePull", message: result.message };
      }
      this.#event(
        container,
        "Normal",
        "Pulled",
        KUBELET_EVENTS.pulled(image, result.millis, result.totalMillis, result.image.sizeBytes),
      );
      pulled = result;
    }
    if (!this.sandbox?.ready) return { reason: "CreateContainerError", message: "the pod sandbox is gone" };
    // Without an instance in the runtime (a fresh pod, or a node that restarted and lost its
    // containers) the count continues from the container's log files.
    const previousAttempt =
      latest?.config.attempt ?? host.runtime.lastLoggedAttempt(this.uid, container.name);
    const config = this.#containerConfig(container, pulled, (previousAttempt ?? -1) + 1);
    const instance = host.runtime.createContainer(this.sandbox, config);
    const history = this.#history.get(container.name) ?? [];
    history.unshift(instance);
    // The runtime keeps the current and the previous instance (for `logs --previous`).
    for (const old of history.splice(2)) host.runtime.removeContainer(old);
    this.#history.set(container.name, history);
    this.#event(container, "Normal", "Created", KUBELET_EVENTS.created(container.name));
    const startMillis = Math.round(pulled.image.startSeconds * 1000);
    if (startMillis > 0) yield sleep(startMillis);
    const error = host.runtime.startContainer(instance);
    if (error) {
      this.#event(container, "Warning", "Failed", `Error: ${error}`);
      return { reason: "RunContainerError", message: error };
    }
    this.#event(container, "Normal", "Started", KUBELET_EVENTS.started(container.name));
    return undefined;
  }

  #containerConfig(
    container: Container,
    pulled: Extract<PullResult, { ok: true }>,
    attempt: number,
  ): ContainerConfig {
    const env: Record<string, string> = {};
    for (const e of container.env ?? []) {
      if (e.value !== undefined)
        env[e.name] = e.value.replace(
          /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
          (whole, name: string) => env[name] ?? whole,
        );
      else if (e.valueFrom?.fieldRef) {
        const path = e.valueFrom.fieldRef.fieldPath;
        const values: Record<string, string | undefined> = {
          "metadata.name": this.pod.metadata?.name,
          "metadata.namespace": this.pod.metadata?.namespace,
          "metadata.uid": this.uid,
          "spec.nodeName": this.pod.spec?.nodeName,
          "spec.serviceAccountName": this.pod.spec?.serviceAccountName,
          "status.hostIP": this.#host.hostIP,
          "status.podIP": this.podIP,
        };
        env[e.name] = values[path] ?? "";
      }
    }
    const expand = (args: readonly string[] | undefined) =>
      (args ?? []).map((a) =>
        a.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole),
      );
    const limits = container.resources?.limits ?? {};
    const requests = container.resources?.requests ?? {};
    const memory = limits.memory !== undefined ? Quantity.tryParse(limits.memory)?.value() : undefined;
    const cpu = limits.cpu !== undefined ? Quantity.tryParse(limits.cpu)?.milliValue() : undefined;
    const cpuRequest = requests.cpu !== undefined ? Quantity.tryParse(requests.cpu)?.milliValue() : undefined;
    return {
      name: container.name,
      podUid: this.uid,
      podName: this.pod.metadata?.name ?? "",
      namespace: this.pod.metadata?.namespace ?? "default",
      image: container.image ?? "",
      imageRef: pulled.normalized,
      imageID: pulled.imageID,
      imageSpec: pulled.image,
      command: expand(container.command),
      args: expand(container.args),
      env,
      mounts: (container.volumeMounts ?? []).map((m) => ({
        path: m.mountPath,
        volume: m.name,
        readOnly: m.readOnly ?? false,
      })),
      attempt,
      ...(memory !== undefined ? { memoryLimitBytes: memory } : {}),
      ...(cpu !== undefined ? { cpuLimitMillis: cpu } : {}),
      ...(cpuRequest !== undefined ? { cpuRequestMillis: cpuRequest } : {}),
    };
  }

  // ---- stopping containers ----

  #running(): { container: Container; instance: RuntimeContainer }[] {
    const result: { container: Container; instance: RuntimeContainer }[] = [];
    for (const container of [
      ...(this.pod.spec?.initContainers ?? []),
      ...(this.pod.spec?.containers ?? []),
    ]) {
      const latest = this.#latest(container.name);
      if (latest && (latest.state === "running" || latest.state === "stopping"))
        result.push({ container, instance: latest });
    }
    return result;
  }

  /** The pod's grace period: the deletion's, else terminationGracePeriodSeconds (30). */
  #gracePeriodMillis(deleting: boolean): number {
    const seconds = deleting
      ? (this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30)
      : (this.pod.spec?.terminationGracePeriodSeconds ?? 30);
    return seconds * 1000;
  }

  #probeGraceMillis(container: Container, message: string): number {
    const probe = message.includes("liveness probe")
      ? container.livenessProbe
      : message.includes("startup probe")
        ? container.startupProbe
        : undefined;
    const seconds =
      probe?.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return seconds * 1000;
  }

  /** killContainer: Killing event, preStop hook, then stop signal and KILL at the end of the grace. */
  *#killContainer(
    container: Container,
    instance: RuntimeContainer,
    message: string | undefined,
    graceMillis: number,
  ): Task<void> {
    const host = this.#host;
    if (instance.state !== "running" && instance.state !== "stopping") return;
    this.#event(container, "Normal", "Killing", message ?? KUBELET_EVENTS.killing(container.name));
    let grace = graceMillis;
    const preStop = container.lifecycle?.preStop;
    if (preStop && instance.state === "running" && grace > 0) {
      const started = host.loop.now();
      const ok = (yield { call: (resume) => this.#runHook(instance, preStop, grace, resume) }) as boolean;
      if (!ok) this.#event(container, "Warning", "FailedPreStopHook", "PreStopHook failed");
      const elapsedSeconds = Math.trunc((host.loop.now() - started) / 1000);
      grace = Math.max(grace / 1000 - elapsedSeconds, MINIMUM_GRACE_PERIOD_SECONDS) * 1000;
    }
    if (this.#graceDeadline !== undefined)
      grace = Math.min(grace, Math.max(0, this.#graceDeadline - host.loop.now()));
    yield { call: (resume) => host.runtime.stopContainer(instance, grace, () => resume(undefined)) };
  }

  /** Run a lifecycle hook (exec, httpGet or sleep); `done(false)` when it fails. */
  #runHook(
    instance: RuntimeContainer,
    hook: NonNullable<NonNullable<Container["lifecycle"]>["preStop"]>,
    graceMillis: number,
    done: (ok: boolean) => void,
  ): void {
    const host = this.#host;
    let finished = false;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      host.loop.clearTimeout(timer);
      done(ok);
    };
    // The hook may use the whole grace period; then the container is stopped anyway.
    const timer = host.loop.setTimeout(() => finish(false), graceMillis);
    if (hook.exec) {
      host.runtime.exec(instance, hook.exec.command ?? [], graceMillis, (r) =>
        finish(r.ok && r.exitCode === 0),
      );
    } else if (hook.httpGet) {
      const h = hook.httpGet;
      const port =
        typeof h.port === "number"
          ? h.port
          : Number(h.port) || this.#namedPort(instance.name, String(h.port));
      const url = `${(h.scheme ?? "HTTP").toLowerCase()}://${h.host || instance.sandbox.ip}:${port}${h.path ?? "/"}`;
      const result = host.runtime.network.httpGet(undefined, url, {
        remote: host.probeSource,
        userAgent: PROBE_USER_AGENT,
      });
      if (!result.ok) finish(false);
      else
        host.loop.setTimeout(() => finish(result.status >= 200 && result.status < 400), result.delayMillis);
    } else if (hook.sleep) {
      host.loop.setTimeout(() => finish(true), (hook.sleep.seconds ?? 0) * 1000);
    } else finish(true);
  }

  #namedPort(containerName: string, name: string): number | undefined {
    return this.#spec(containerName)?.ports?.find((p) => p.name === name)?.containerPort;
  }

  /** Stop containers: regular ones in parallel, then sidecars in reverse order. */
  *#killContainers(
    running: { container: Container; instance: RuntimeContainer }[],
    graceMillis: number,
  ): Task<void> {
    const sidecars = running.filter((r) => (this.pod.spec?.initContainers ?? []).includes(r.container));
    const regular = running.filter((r) => !sidecars.includes(r));
    if (regular.length > 0) {
      yield {
        call: (resume) => {
          let left = regular.length;
          for (const { container, instance } of regular) {
            this.#run2(this.#killContainer(container, instance, undefined, graceMillis), () => {
              if (--left === 0) resume(undefined);
            });
          }
        },
      };
    }
    for (const { container, instance } of sidecars.reverse()) {
      yield* this.#killContainer(container, instance, undefined, graceMillis);
    }
  }

  /** Run a side task that is not the worker's main task (parallel kills). */
  #run2(task: Task<void>, done: () => void): void {
    const wrapper = function* (): Generator<Effect, number, unknown> {
      yield* task;
      return 0;
    };
    new ProgramRunner(this.#host.loop, wrapper(), () => done()).start();
  }

  #shortenGrace(): void {
    const grace = this.#gracePeriodMillis(true);
    const deadline = this.#host.loop.now() + grace;
    if (this.#graceDeadline !== undefined && deadline >= this.#graceDeadline) return;
    this.#graceDeadline = deadline;
    for (const { instance } of this.#running()) {
      this.#host.runtime.stopContainer(instance, grace, () => {});
    }
  }

  /** syncTerminatingPod and syncTerminatedPod. */
  *#terminatePod(): Task<void> {
    const deleting = this.pod.metadata?.deletionTimestamp !== undefined;
    for (const probe of this.#probes.values()) if (probe.type !== "readiness") probe.stop();
    this.#setStatus(this.#generate(false));
    const grace = this.#gracePeriodMillis(deleting);
    if (deleting) this.#graceDeadline = this.#host.loop.now() + grace;
    yield* this.#killContainers(this.#running(), grace);
    if (this.sandbox) {
      this.#host.runtime.removePodSandbox(this.sandbox);
      if (this.podIP) this.#host.releaseIP(this.podIP);
    }
    for (const probe of this.#probes.values()) probe.stop();
    const status = this.#generate(true);
    // statusManager.TerminatePod: once the pod has initialized, a container without a terminated
    // state is reported as terminated with an unknown status; a pod still pending or running fails.
    const initialized =
      status.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? false;
    const unknown = (s: NonNullable<PodStatus["containerStatuses"]>[number]) => {
      s.state = {
        terminated: {
          exitCode: 137,
          finishedAt: null as unknown as string,
          message: "The container could not be located when the pod was terminated",
          reason: "ContainerStatusUnknown",
          startedAt: null as unknown as string,
        },
      };
      s.ready = false;
      s.started = false;
    };
    if (initialized) for (const s of status.containerStatuses ?? []) if (!s.state?.terminated) unknown(s);
    for (const s of status.initContainerStatuses ?? []) if (!s.state?.terminated && s.containerID) unknown(s);
    const isStatic = (this.pod.metadata?.annotations?.["kubernetes.io/config.source"] ?? "api") !== "api";
    if (!isStatic && (status.phase === "Pending" || status.phase === "Running")) status.phase = "Failed";
    this.#setStatus(status);
  }

  #cleanup(): void {
    for (const probe of this.#probes.values()) probe.stop();
    this.#changed();
    this.#host.terminated(this);
  }

  /** When the sandbox came up (for describe's Start Time). */
  get startTime(): string | undefined {
    return this.#startTime;
  }

  /** Unix ms of now, as RFC 3339. */
  static rfc3339(millis: number): string {
    return rfc3339(millis);
  }
}
