import type { Event, KubeObject } from "../api/types.ts";
import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
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

let lastMicroMillis = Number.NaN;
let lastMicroTime = "";

/** metav1.MicroTime text (the last instant is remembered: events come in bursts). */
function microTime(millis: number): string {
  if (millis !== lastMicroMillis) {
    lastMicroMillis = millis;
    lastMicroTime = `${new Date(millis).toISOString().slice(0, 23)}000Z`;
  }
  return lastMicroTime;
}

/** client-go tools/events: a series ends after 6 minutes without a repeat; open series are re-sent every 30. */
const FINISH_TIME_MS = 6 * 60_000;
const REFRESH_TIME_MS = 30 * 60_000;

/** The last event timestamp handed out per clock. */
const LAST_NANOS = new WeakMap<EventLoop, bigint>();

type Recordable = KubeObject | { apiVersion?: string; kind?: string; metadata?: KubeObject["metadata"] };

/** An event the events.k8s.io recorder remembers (its isomorphic-event cache entry). */
interface CachedEvent {
  name: string;
  namespace: string;
  eventTime: number;
  series?: { count: number; lastObservedTime: number };
}

/**
 * Records Kubernetes Events about objects, as client-go does. The `core` flavour
 * (record.EventRecorder, used by the kubelet and most controllers) folds repeats into one object
 * whose count and lastTimestamp grow. The `events.k8s.io` flavour (tools/events, used by
 * kube-scheduler) writes the first event, turns the second identical one into a series
 * (`series.count: 2`), counts later ones in memory and writes the count when the series ends
 * (6 minutes without a repeat) or every 30 minutes. Events are named `<object>.<unix-nanos in hex>`.
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
  readonly #series = new Map<string, CachedEvent>();
  readonly #start: number;
  #finishTimer: TimerHandle | undefined;
  #refreshTimer: TimerHandle | undefined;
  #openSeries = 0;

  constructor(loop: EventLoop, client: Client, source: EventSource) {
    this.#loop = loop;
    this.#events = client.resource<Event>("events");
    this.#source = source;
    this.#start = loop.now();
  }

  /** Record an event; writes the server cannot take (apiserver or etcd down) are retried. */
  record(
    object: Recordable,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    fieldPath?: string,
    action?: string,
    related?: Recordable,
  ): void {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace || "default";
    const involved = reference(object, fieldPath);
    const now = this.#loop.now();
    if (this.#source.api === "events.k8s.io") {
      this.#recordSeries(involved, namespace, type, reason, message, action ?? reason, related, now);
      return;
    }
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
      const existingName = this.#seen.get(correlation);
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
      const name = this.#name(involved.name ?? "", now);
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
        source: {
          component: this.#source.component,
          ...(this.#source.host ? { host: this.#source.host } : {}),
        },
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        count: 1,
      } as Event;
      this.#events.create(event);
      this.#seen.set(correlation, name);
    }, 1);
  }

  /**
   * recordToSink: a write that fails because the server cannot answer (apiserver or etcd down) is
   * tried again every 10 s, 12 times in all; other failures drop the event, as client-go does.
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

  /**
   * `<object>.<unix nanos in hex>`. Virtual time has millisecond steps, so the nanoseconds count up
   * from there, shared by every recorder on the clock (two components writing about the same object
   * in the same millisecond must not collide, as they practically never do in a real cluster).
   */
  #name(object: string, now: number): string {
    let nanos = BigInt(now) * 1_000_000n;
    const last = LAST_NANOS.get(this.#loop) ?? 0n;
    if (nanos <= last) nanos = last + 1n;
    LAST_NANOS.set(this.#loop, nanos);
    return `${object}.${nanos.toString(16)}`;
  }

  /** eventBroadcasterImpl.recordToSink with its isomorphic-event cache. */
  #recordSeries(
    involved: Event["involvedObject"],
    namespace: string,
    type: string,
    reason: string,
    note: string,
    action: string,
    related: Recordable | undefined,
    now: number,
  ): void {
    const relatedRef = related ? reference(related) : undefined;
    // getKey: action, reason, reportingController (this recorder's), regarding (with its
    // resourceVersion), related, note.
    const key = `${action}\u0000${reason}\u0000${referenceKey(involved)}\u0000${relatedRef ? referenceKey(relatedRef) : ""}\u0000${note}`;
    const cached = this.#series.get(key);
    if (cached) {
      if (cached.series) {
        cached.series.count++;
        cached.series.lastObservedTime = now;
        return;
      }
      cached.series = { count: 2, lastObservedTime: now };
      this.#openSeries++;
      this.#writeSeries(cached);
      this.#armTimers();
      return;
    }
    const name = this.#name(involved.name ?? "", now);
    const entry: CachedEvent = { name, namespace, eventTime: now };
    this.#series.set(key, entry);
    try {
      this.#events.create({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace },
        involvedObject: involved,
        reason,
        message: note,
        type,
        reportingComponent: this.#source.component,
        reportingInstance: this.#source.instance ?? this.#source.host ?? "",
        source: {},
        eventTime: microTime(now),
        action,
        ...(relatedRef ? { related: relatedRef } : {}),
      } as Event);
    } catch {
      // dropped, as client-go drops what it cannot write
    }
    this.#armTimers();
  }

  /** recordEvent for a series: patch series {count, lastObservedTime}; re-create it if it is gone. */
  #writeSeries(entry: CachedEvent): void {
    const series = entry.series as { count: number; lastObservedTime: number };
    const patch = { series: { count: series.count, lastObservedTime: microTime(series.lastObservedTime) } };
    try {
      this.#events.patch(entry.namespace, entry.name, "strategic", patch);
    } catch {
      // the event may have expired; client-go then creates it anew
    }
  }

  /** The next tick of a `wait.Until(f, period)` loop started with the recorder. */
  #nextTick(period: number): number {
    const elapsed = this.#loop.now() - this.#start;
    return this.#start + (Math.floor(elapsed / period) + 1) * period;
  }

  #armTimers(): void {
    if (!this.#finishTimer && this.#series.size > 0) {
      this.#finishTimer = this.#loop.setTimeout(() => {
        this.#finishTimer = undefined;
        this.#finishSeries();
        this.#armTimers();
      }, this.#nextTick(FINISH_TIME_MS) - this.#loop.now());
    }
    if (!this.#refreshTimer && this.#openSeries > 0) {
      this.#refreshTimer = this.#loop.setTimeout(() => {
        this.#refreshTimer = undefined;
        for (const entry of this.#series.values()) if (entry.series) this.#writeSeries(entry);
        this.#armTimers();
      }, this.#nextTick(REFRESH_TIME_MS) - this.#loop.now());
    }
  }

  /** finishSeries: write the final count of ended series; forget old singletons. */
  #finishSeries(): void {
    const cutoff = this.#loop.now() - FINISH_TIME_MS;
    for (const [key, entry] of [...this.#series]) {
      if (entry.series) {
        if (entry.series.lastObservedTime < cutoff) {
          this.#writeSeries(entry);
          this.#series.delete(key);
          this.#openSeries--;
        }
      } else if (entry.eventTime < cutoff) this.#series.delete(key);
    }
  }
}

/** An object reference as a cache key: its uid and resourceVersion name the object version. */
function referenceKey(ref: NonNullable<Event["involvedObject"]>): string {
  return ref.uid
    ? `${ref.uid}/${ref.resourceVersion}/${ref.fieldPath ?? ""}`
    : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The ObjectReference of an object (reference.GetReference), with an optional field path. */
function reference(object: Recordable, fieldPath?: string): NonNullable<Event["involvedObject"]> {
  const meta = object.metadata ?? {};
  return {
    apiVersion: object.apiVersion ?? "v1",
    kind: object.kind ?? "",
    name: meta.name ?? "",
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    resourceVersion: meta.resourceVersion ?? "",
    uid: meta.uid ?? "",
    ...(fieldPath ? { fieldPath } : {}),
  };
}

/** client-go tools/record: maxTriesPerEvent and defaultSleepDuration. */
const MAX_TRIES_PER_EVENT = 12;
const RETRY_SLEEP_MS = 10_000;
