import { type Actor, createActor } from "xstate";
import type { Container, Pod } from "../api/types.ts";
import type { EventRecorder } from "../client/EventRecorder.ts";
import { formatGoDuration } from "../clock/duration.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { ContainerRuntime } from "./ContainerRuntime.ts";
import { podMachine } from "./podMachine.ts";
import { type ContainerRecord, generatePodStatus, type PodRuntimeState } from "./podStatus.ts";

/** What a pod worker needs from its kubelet. */
export interface PodWorkerHost {
  readonly loop: EventLoop;
  readonly runtime: ContainerRuntime;
  readonly events: EventRecorder;
  readonly hostIP: string;
  allocateIP(): string;
  releaseIP(ip: string): void;
  /** The worker's state changed: the status manager should sync the pod's status. */
  statusChanged(worker: PodWorker): void;
  /** All containers stopped after a deletion. */
  terminated(worker: PodWorker): void;
  now(): string;
}

/** Time to create the pod sandbox (pause container, network namespace, IP). */
export const SANDBOX_MS = 1000;
/** Time a container takes to exit after TERM when it handles the signal. */
export const TERM_EXIT_MS = 100;

/** Kubelet event messages (pkg/kubelet/events and kuberuntime), v1.32. */
export const KUBELET_EVENTS = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, millis: number, total: number, size: number) =>
    `Successfully pulled image "${image}" in ${formatGoDuration(millis)} (${formatGoDuration(total)} including waiting). Image size: ${size} bytes.`,
  present: (image: string) => `Container image "${image}" already present on machine`,
  created: (name: string) => `Created container: ${name}`,
  started: (name: string) => `Started container ${name}`,
  killing: (name: string) => `Stopping container ${name}`,
};

/**
 * The kubelet's worker for one pod: drives the pod statechart, runs the containers on the node's
 * runtime, records the kubelet's events and keeps the state the pod status is generated from.
 */
export class PodWorker {
  pod: Pod;
  readonly key: string;
  readonly actor: Actor<typeof podMachine>;
  readonly state: PodRuntimeState;
  readonly #host: PodWorkerHost;
  #stopped = false;

  constructor(pod: Pod, host: PodWorkerHost) {
    this.pod = pod;
    this.key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    this.#host = host;
    this.state = {
      sandboxReady: false,
      hostIP: host.hostIP,
      startTime: host.now(),
      terminating: false,
      containers: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? "",
        state: { waiting: { reason: "ContainerCreating" } },
        lastState: {},
        ready: false,
        started: false,
        restartCount: 0,
      })),
    };
    const grace = () =>
      (this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) *
      1000;
    this.actor = createActor(
      podMachine.provide({
        actions: {
          createSandbox: () => this.#createSandbox(),
          // Deferred a step: an entry action still sees the previous snapshot, and a pull of an image
          // already present answers synchronously.
          startContainers: () => this.#host.loop.enqueue(() => this.#startContainer(0)),
          stopContainers: () => this.#stopContainers(),
          killContainers: () => this.#killContainers(),
          reportTerminated: () => this.#reportTerminated(),
        },
        delays: { gracePeriod: () => grace() },
      }),
      { clock: host.loop },
    );
  }

  start(): void {
    this.actor.start();
    this.#host.statusChanged(this);
  }

  /** The latest pod object from the apiserver. */
  update(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata?.deletionTimestamp) this.terminate();
  }

  /** Begin graceful termination (deletion or eviction). */
  terminate(): void {
    this.state.terminating = true;
    this.actor.send({ type: "TERMINATE" });
  }

  /** Stop at once without reporting (the pod object is already gone). */
  abandon(): void {
    this.#stopped = true;
    this.actor.stop();
    if (this.state.podIP) this.#host.releaseIP(this.state.podIP);
  }

  get isTerminated(): boolean {
    return this.actor.getSnapshot().status === "done";
  }

  /** The API status the kubelet would write now. */
  status(): NonNullable<Pod["status"]> {
    return generatePodStatus(this.pod, this.state, this.#host.now());
  }

  #changed(): void {
    if (!this.#stopped) this.#host.statusChanged(this);
  }

  #createSandbox(): void {
    this.#host.loop.setTimeout(() => {
      if (this.#stopped || !this.actor.getSnapshot().matches({ pending: "sandbox" })) return;
      this.state.sandboxReady = true;
      this.state.podIP = this.#host.allocateIP();
      this.#changed();
      this.actor.send({ type: "SANDBOX_READY" });
    }, SANDBOX_MS);
  }

  #fieldPath(container: Container): string {
    return `spec.containers{${container.name}}`;
  }

  /** Pull, create and start containers one after another, as SyncPod does. */
  #startContainer(index: number): void {
    const containers = this.pod.spec?.containers ?? [];
    if (index >= containers.length) {
      this.actor.send({ type: "CONTAINERS_STARTED" });
      return;
    }
    const spec = containers[index] as Container;
    const record = this.state.containers[index] as ContainerRecord;
    const image = spec.image ?? "";
    const fieldPath = this.#fieldPath(spec);
    const events = this.#host.events;
    const stillStarting = () => !this.#stopped && this.actor.getSnapshot().matches({ pending: "containers" });
    if (!(spec.imagePullPolicy !== "Always" && this.#host.runtime.hasImage(image))) {
      events.record(this.pod as never, "Normal", "Pulling", KUBELET_EVENTS.pulling(image), fieldPath);
    }
    this.#host.runtime.pull(image, spec.imagePullPolicy ?? "IfNotPresent", (result) => {
      if (!stillStarting()) return;
      if (!result.ok) return;
      if (result.alreadyPresent)
        events.record(this.pod as never, "Normal", "Pulled", KUBELET_EVENTS.present(image), fieldPath);
      else
        events.record(
          this.pod as never,
          "Normal",
          "Pulled",
          KUBELET_EVENTS.pulled(image, result.millis, result.totalMillis, result.image.sizeBytes),
          fieldPath,
        );
      record.imageRef = result.normalized;
      record.imageID = result.imageID;
      record.containerID = this.#host.runtime.newContainerID();
      events.record(this.pod as never, "Normal", "Created", KUBELET_EVENTS.created(spec.name), fieldPath);
      this.#host.loop.setTimeout(
        () => {
          if (!stillStarting()) return;
          events.record(this.pod as never, "Normal", "Started", KUBELET_EVENTS.started(spec.name), fieldPath);
          record.state = { running: { startedAt: this.#host.now() } };
          record.started = true;
          record.ready = true;
          this.#changed();
          this.#startContainer(index + 1);
        },
        Math.round(result.image.startSeconds * 1000),
      );
    });
  }

  #stopContainers(): void {
    let running = 0;
    for (const [i, record] of this.state.containers.entries()) {
      if (!record.state.running) {
        if (!record.state.terminated)
          record.state = { waiting: record.state.waiting ?? { reason: "ContainerCreating" } };
        continue;
      }
      running++;
      const spec = this.pod.spec?.containers[i] as Container;
      this.#host.events.record(
        this.pod as never,
        "Normal",
        "Killing",
        KUBELET_EVENTS.killing(spec.name),
        this.#fieldPath(spec),
      );
      this.#host.loop.setTimeout(() => this.#exit(record, 0, "Completed"), TERM_EXIT_MS);
    }
    for (const record of this.state.containers) if (!record.state.running) record.ready = false;
    this.#changed();
    if (running === 0) this.actor.send({ type: "CONTAINERS_STOPPED" });
  }

  #killContainers(): void {
    for (const record of this.state.containers) if (record.state.running) this.#exit(record, 137, "Error");
  }

  #exit(record: ContainerRecord, exitCode: number, reason: string): void {
    if (!record.state.running) return;
    record.state = {
      terminated: {
        exitCode,
        reason,
        startedAt: record.state.running.startedAt as string,
        finishedAt: this.#host.now(),
        ...(record.containerID ? { containerID: record.containerID } : {}),
      },
    };
    record.ready = false;
    record.started = false;
    this.#changed();
    if (this.state.containers.every((c) => !c.state.running)) this.actor.send({ type: "CONTAINERS_STOPPED" });
  }

  #reportTerminated(): void {
    this.state.sandboxReady = false;
    if (this.state.podIP) this.#host.releaseIP(this.state.podIP);
    this.#changed();
    this.#host.terminated(this);
  }
}
