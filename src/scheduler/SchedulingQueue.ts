import type { Pod } from "../api/types.ts";
import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
import type { ClusterEvent } from "./framework/Plugin.ts";
import { PodInfo } from "./framework/PodInfo.ts";
import type { PluginStatus } from "./framework/Status.ts";
import { Heap } from "./Heap.ts";

/** A pod waiting in the queue (framework.QueuedPodInfo). */
export interface QueuedPod {
  info: PodInfo;
  readonly key: string;
  /** When the pod first entered the queue (virtual ms). */
  readonly initialAttemptTimestamp: number;
  /** When it last entered a sub-queue (orders activeQ among equal priorities; starts back-off). */
  timestamp: number;
  attempts: number;
  /** The scheduling cycle of its last attempt. */
  cycle: number;
  /** Plugins that rejected it last time; events they care about bring it back. */
  unschedulablePlugins: Set<string>;
  /** Kept out of activeQ by a PreEnqueue plugin (SchedulingGates). */
  gated: boolean;
  /** Order of entry into activeQ, the final tie-break (FIFO among equals). */
  seq: number;
}

/** Default back-off: 1 s doubling up to 10 s (--pod-initial/max-backoff-seconds). */
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
/** flushBackoffQCompleted runs every second, flushUnschedulablePodsLeftover every 30 s. */
const BACKOFF_FLUSH_MS = 1000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

/** How the queue asks the framework about pods (PreEnqueue and queueing hints). */
export interface QueueHooks {
  /** RunPreEnqueuePlugins for the pod's profile. */
  preEnqueue(pod: Pod): PluginStatus;
  /** Does `plugin` (of the pod's profile) think the event may help this pod? */
  hint(plugin: string, event: ClusterEvent, pod: PodInfo): boolean;
}

/**
 * kube-scheduler's PriorityQueue: activeQ ordered by priority then arrival (PrioritySort), backoffQ
 * for pods retrying after a failure (1 s doubling to 10 s, flushed every second), and the
 * unschedulable pods, which cluster events move back when a rejecting plugin's queueing hint says
 * the event may help — or, failing that, the 30-second flush once a pod has waited 5 minutes.
 * Pods held by a PreEnqueue plugin (scheduling gates) wait among the unschedulable ones until an
 * update lets them through.
 *
 * @example
 * ```ts
 * const queue = new SchedulingQueue(loop, hooks);
 * queue.add(pod);
 * queue.pop()?.key; // "default/nginx"
 * ```
 */
export class SchedulingQueue {
  readonly #loop: EventLoop;
  readonly #hooks: QueueHooks;
  readonly #start: number;
  readonly #active = new Map<string, QueuedPod>();
  readonly #activeHeap = new Heap<QueuedPod>(lessThan);
  readonly #backoff = new Map<string, QueuedPod>();
  readonly #unschedulable = new Map<string, QueuedPod>();
  /** Pods being scheduled right now (popped but not done). */
  readonly #inFlight = new Map<string, QueuedPod>();
  #schedulingCycle = 0;
  #seq = 0;
  #backoffTimer: TimerHandle | undefined;
  #flushTimer: TimerHandle | undefined;
  /** Called when activeQ gains a pod. */
  onActive: () => void = () => {};

  constructor(loop: EventLoop, hooks: QueueHooks) {
    this.#loop = loop;
    this.#hooks = hooks;
    this.#start = loop.now();
  }

  get schedulingCycle(): number {
    return this.#schedulingCycle;
  }

  /** Counts, for diagnostics and tests. */
  sizes(): { active: number; backoff: number; unschedulable: number; gated: number } {
    let gated = 0;
    for (const q of this.#unschedulable.values()) if (q.gated) gated++;
    return {
      active: this.#active.size,
      backoff: this.#backoff.size,
      unschedulable: this.#unschedulable.size - gated,
      gated,
    };
  }

  /** The queued pod of a key, wherever it waits. */
  get(key: string): QueuedPod | undefined {
    return (
      this.#active.get(key) ??
      this.#backoff.get(key) ??
      this.#unschedulable.get(key) ??
      this.#inFlight.get(key)
    );
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A new pending pod: activeQ, or the unschedulable pods if a PreEnqueue plugin holds it. */
  add(pod: Pod, key: string): void {
    if (this.has(key)) {
      this.update(pod, key);
      return;
    }
    const now = this.#loop.now();
    const queued: QueuedPod = {
      info: new PodInfo(pod),
      key,
      initialAttemptTimestamp: now,
      timestamp: now,
      attempts: 0,
      cycle: 0,
      unschedulablePlugins: new Set(),
      gated: false,
      seq: 0,
    };
    this.#moveToActive(queued);
  }

  /**
   * A queued pod changed: keep the newest object. A waiting pod goes back for another try when the
   * change may help (its gates are gone, or a rejecting plugin's hint says so).
   */
  update(pod: Pod, key: string): void {
    const active = this.#active.get(key) ?? this.#backoff.get(key) ?? this.#inFlight.get(key);
    if (active) {
      active.info = active.info.update(pod);
      return;
    }
    const waiting = this.#unschedulable.get(key);
    if (!waiting) {
      this.add(pod, key);
      return;
    }
    const old = waiting.info.pod;
    waiting.info = waiting.info.update(pod);
    if (!specOrLabelsChanged(old, pod)) return;
    if (waiting.gated) {
      this.#unschedulable.delete(key);
      this.#moveToActive(waiting);
      return;
    }
    const event: ClusterEvent = { kind: "UnscheduledPodUpdate", pod, old };
    if (this.#wouldHelp(waiting, event)) {
      this.#unschedulable.delete(key);
      this.#requeue(waiting);
    }
  }

  delete(key: string): void {
    this.#active.delete(key);
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
    this.#inFlight.delete(key);
  }

  /** Remove every pod (the scheduler stopped). */
  clear(): void {
    this.#active.clear();
    this.#activeHeap.clear();
    this.#backoff.clear();
    this.#unschedulable.clear();
    this.#inFlight.clear();
    this.#loop.clearTimeout(this.#backoffTimer);
    this.#loop.clearTimeout(this.#flushTimer);
    this.#backoffTimer = undefined;
    this.#flushTimer = undefined;
  }

  /** PreEnqueue, then activeQ (moveToActiveQ). */
  #moveToActive(queued: QueuedPod): void {
    const status = this.#hooks.preEnqueue(queued.info.pod);
    if (!status.isSuccess()) {
      queued.gated = true;
      queued.unschedulablePlugins = new Set([status.plugin]);
      this.#unschedulable.set(queued.key, queued);
      return;
    }
    queued.gated = false;
    queued.seq = this.#seq++;
    this.#active.set(queued.key, queued);
    this.#activeHeap.push(queued);
    this.onActive();
  }

  /** Take the highest-priority pod from activeQ. */
  pop(): QueuedPod | undefined {
    let best: QueuedPod | undefined;
    while (this.#activeHeap.size > 0) {
      const candidate = this.#activeHeap.pop() as QueuedPod;
      if (this.#active.get(candidate.key) === candidate) {
        best = candidate;
        break;
      }
    }
    if (!best) return undefined;
    this.#active.delete(best.key);
    this.#schedulingCycle++;
    best.attempts++;
    best.cycle = this.#schedulingCycle;
    this.#inFlight.set(best.key, best);
    return best;
  }

  hasActive(): boolean {
    return this.#active.size > 0;
  }

  /** The pod was scheduled (or dropped): Done. */
  done(key: string): void {
    this.#inFlight.delete(key);
  }

  /**
   * AddUnschedulableIfNotPresent: the pod was rejected by `plugins` and waits among the
   * unschedulable pods (an error, with no rejecting plugin, backs off instead).
   */
  addUnschedulable(queued: QueuedPod, plugins: Iterable<string>, error = false): void {
    this.#inFlight.delete(queued.key);
    queued.timestamp = this.#loop.now();
    queued.unschedulablePlugins = new Set(plugins);
    if (error) {
      this.#toBackoff(queued);
      return;
    }
    this.#unschedulable.set(queued.key, queued);
    this.#armUnschedulableFlush();
  }

  /**
   * MoveAllToActiveOrBackoffQueue: a cluster event; every waiting pod a rejecting plugin's hint
   * says it may help goes to backoffQ (still backing off) or activeQ.
   */
  onClusterEvent(event: ClusterEvent): void {
    if (this.#unschedulable.size === 0) return;
    for (const [key, queued] of [...this.#unschedulable]) {
      if (queued.gated || !this.#wouldHelp(queued, event)) continue;
      this.#unschedulable.delete(key);
      this.#requeue(queued);
    }
  }

  #wouldHelp(queued: QueuedPod, event: ClusterEvent): boolean {
    if (queued.unschedulablePlugins.size === 0) return true;
    for (const plugin of queued.unschedulablePlugins)
      if (this.#hooks.hint(plugin, event, queued.info)) return true;
    return false;
  }

  /** calculateBackoffDuration: 1 s doubling per attempt, capped at 10 s. */
  backoffDuration(queued: QueuedPod): number {
    let duration = INITIAL_BACKOFF_MS;
    for (let i = 1; i < queued.attempts; i++) {
      if (duration > MAX_BACKOFF_MS - duration) return MAX_BACKOFF_MS;
      duration += duration;
    }
    return duration;
  }

  #backoffExpiry(queued: QueuedPod): number {
    return queued.timestamp + this.backoffDuration(queued);
  }

  #requeue(queued: QueuedPod): void {
    if (this.#backoffExpiry(queued) > this.#loop.now()) {
      this.#backoff.set(queued.key, queued);
      this.#armBackoffFlush();
    } else {
      queued.timestamp = this.#loop.now();
      this.#moveToActive(queued);
    }
  }

  #toBackoff(queued: QueuedPod): void {
    this.#backoff.set(queued.key, queued);
    this.#armBackoffFlush();
  }

  /** The next tick of a `wait.Until(f, period)` loop started with the queue. */
  #nextTick(period: number): number {
    const elapsed = this.#loop.now() - this.#start;
    return this.#start + (Math.floor(elapsed / period) + 1) * period;
  }

  #armBackoffFlush(): void {
    if (this.#backoffTimer || this.#backoff.size === 0) return;
    this.#backoffTimer = this.#loop.setTimeout(() => {
      this.#backoffTimer = undefined;
      this.#flushBackoffCompleted();
    }, this.#nextTick(BACKOFF_FLUSH_MS) - this.#loop.now());
  }

  /** flushBackoffQCompleted. */
  #flushBackoffCompleted(): void {
    const now = this.#loop.now();
    const expired = [...this.#backoff.values()]
      .filter((q) => this.#backoffExpiry(q) <= now)
      .sort((a, b) => this.#backoffExpiry(a) - this.#backoffExpiry(b));
    for (const queued of expired) {
      this.#backoff.delete(queued.key);
      queued.timestamp = now;
      this.#moveToActive(queued);
    }
    this.#armBackoffFlush();
  }

  #armUnschedulableFlush(): void {
    if (this.#flushTimer) return;
    this.#flushTimer = this.#loop.setTimeout(() => {
      this.#flushTimer = undefined;
      const now = this.#loop.now();
      let waiting = false;
      for (const [key, queued] of [...this.#unschedulable]) {
        if (queued.gated) continue;
        if (now - queued.timestamp > MAX_UNSCHEDULABLE_MS) {
          this.#unschedulable.delete(key);
          this.#requeue(queued);
        } else waiting = true;
      }
      if (waiting) this.#armUnschedulableFlush();
    }, this.#nextTick(UNSCHEDULABLE_FLUSH_MS) - this.#loop.now());
  }
}

/** isPodUpdated: anything but status, resourceVersion and managed fields changed. */
function specOrLabelsChanged(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, managedFields: _mf, generation: _g, ...meta } = p.metadata ?? {};
    return JSON.stringify([meta, p.spec]);
  };
  return strip(old) !== strip(pod);
}

function lessThan(a: QueuedPod, b: QueuedPod): boolean {
  const pa = a.info.priority;
  const pb = b.info.priority;
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}
