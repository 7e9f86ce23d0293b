import type { Event, KubeObject } from "../api/types.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { Client, ResourceClient } from "./Client.ts";

/** Who reports events, as it appears in `kubectl describe` (From) and in the Event object. */
export interface EventSource {
  /** `kubelet`, `default-scheduler`, `replicaset-controller`, ... */
  component: string;
  /** The node, for kubelets. */
  host?: string;
  /** reportingInstance. */
  instance?: string;
  /**
   * `events.k8s.io`: the new events API (eventTime, action, no counts), as kube-scheduler uses;
   * `core`: the legacy recorder (firstTimestamp/lastTimestamp/count), as the kubelet and most
   * controllers use.
   */
  api: "core" | "events.k8s.io";
}

function rfc3339(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

function microTime(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 23)}000Z`;
}

/**
 * Records Kubernetes Events about objects, as client-go's record.EventRecorder (and
 * events.EventRecorder) do: named `<object>.<unix-nanos in hex>`, with repeats of the same event
 * folded into one object whose count and lastTimestamp grow.
 *
 * @example
 * ```ts
 * const events = new EventRecorder(loop, client, { component: "kubelet", host: "node-1", api: "core" });
 * events.record(pod, "Normal", "Pulling", 'Pulling image "nginx"', "spec.containers{nginx}");
 * ```
 */
export class EventRecorder {
  readonly #loop: EventLoop;
  readonly #events: ResourceClient<Event>;
  readonly #source: EventSource;
  readonly #seen = new Map<string, string>();
  #lastNanos = 0n;

  constructor(loop: EventLoop, client: Client, source: EventSource) {
    this.#loop = loop;
    this.#events = client.resource<Event>("events");
    this.#source = source;
  }

  /** Record an event; writes the server cannot take (apiserver or etcd down) are retried. */
  record(
    object: KubeObject | { apiVersion?: string; kind?: string; metadata?: KubeObject["metadata"] },
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    fieldPath?: string,
    action?: string,
  ): void {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace || "default";
    const involved = {
      apiVersion: object.apiVersion ?? "v1",
      kind: object.kind ?? "",
      name: meta.name ?? "",
      namespace: meta.namespace ?? "",
      ...(meta.namespace === undefined ? {} : {}),
      resourceVersion: meta.resourceVersion ?? "",
      uid: meta.uid ?? "",
      ...(fieldPath ? { fieldPath } : {}),
    };
    if (!meta.namespace) delete (involved as { namespace?: string }).namespace;
    const now = this.#loop.now();
    const correlation = JSON.stringify([
      this.#source.component,
      this.#source.host,
      involved.kind,
      namespace,
      involved.name,
      involved.uid,
      fieldPath,
      type,
      reason,
      message,
    ]);
    this.#write(() => {
      const existingName = this.#source.api === "core" ? this.#seen.get(correlation) : undefined;
      if (existingName) {
        const existing = this.#events.find(namespace, existingName);
        if (existing) {
          this.#events.patch(namespace, existingName, "merge", {
            count: (existing.count ?? 1) + 1,
            lastTimestamp: rfc3339(now),
          });
          return;
        }
      }
      let nanos = BigInt(now) * 1_000_000n;
      if (nanos <= this.#lastNanos) nanos = this.#lastNanos + 1n;
      this.#lastNanos = nanos;
      const name = `${involved.name}.${nanos.toString(16)}`;
      const event: Event = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace },
        involvedObject: involved,
        reason,
        message,
        type,
        reportingComponent: this.#source.component,
        reportingInstance: this.#source.instance ?? this.#source.host ?? "",
        ...(this.#source.api === "core"
          ? {
              source: {
                component: this.#source.component,
                ...(this.#source.host ? { host: this.#source.host } : {}),
              },
              firstTimestamp: rfc3339(now),
              lastTimestamp: rfc3339(now),
              count: 1,
            }
          : { source: {}, eventTime: microTime(now), action: action ?? reason }),
      } as Event;
      // Real clocks make `<name>.<nanos>` unique; on one virtual clock two components can pick the
      // same nanosecond, so a clash moves to the next one.
      for (let clash = 0; ; clash++) {
        try {
          this.#events.create(event);
          break;
        } catch (error) {
          if ((error as { code?: number }).code !== 409 || clash >= 16) throw error;
          nanos = this.#lastNanos + 1n;
          this.#lastNanos = nanos;
          event.metadata = { ...event.metadata, name: `${involved.name}.${nanos.toString(16)}` };
        }
      }
      if (this.#source.api === "core") this.#seen.set(correlation, event.metadata?.name as string);
    }, 1);
  }

  /**
   * recordToSink: a write that fails because the server cannot answer is tried again every 10 s,
   * 12 times in all; other failures drop the event, as client-go does.
   */
  #write(attempt: () => void, tries: number): void {
    try {
      attempt();
    } catch (error) {
      const code = (error as { code?: number }).code;
      const retryable = code === undefined || code >= 500;
      if (retryable && tries < MAX_TRIES_PER_EVENT)
        this.#loop.setTimeout(() => this.#write(attempt, tries + 1), RETRY_SLEEP_MS);
    }
  }
}

/** client-go tools/record: maxTriesPerEvent and defaultSleepDuration. */
const MAX_TRIES_PER_EVENT = 12;
const RETRY_SLEEP_MS = 10_000;
