import type { Pod } from "../api/types.ts";
import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
import { Heap } from "./Heap.ts";

/** A pod waiting in the queue (framework.QueuedPodInfo). */
export interface QueuedPod {
  pod: Pod;
  readonly key: string;
  /** When the pod first entered the queue (virtual ms). */
  readonly initialAttemptTimestamp: number;
  /** When it last entered activeQ/backoffQ (orders activeQ among equal priorities). */
  timestamp: number;
  attempts: number;
  /** The scheduling cycle of its last attempt. */
  cycle: number;
}

/** Default back-off: 1 s doubling up to 10 s (--pod-initial/max-backoff-seconds). */
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

function priorityOf(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/**
 * kube-scheduler's PriorityQueue: activeQ ordered by priority then arrival, backoffQ for pods
 * retrying after a failure (1 s → 10 s), and the unschedulable set, which cluster events (a node
 * added or changed, an assigned pod deleted) move back for another try — or, failing that, a flush
 * every 30 s of pods that have waited 5 minutes.
 */
export class SchedulingQueue {
  readonly #loop: EventLoop;
  readonly #active = new Map<string, QueuedPod>();
  readonly #activeHeap = new Heap<QueuedPod>(lessThan);
  readonly #backoff = new Map<string, QueuedPod>();
  readonly #unschedulable = new Map<string, { info: QueuedPod; since: number }>();
  /** Pods being scheduled right now (popped but not done). */
  readonly #inFlight = new Map<string, QueuedPod>();
  #schedulingCycle = 0;
  #moveRequestCycle = -1;
  #backoffTimer: TimerHandle | undefined;
  #backoffTimerAt = Number.POSITIVE_INFINITY;
  #flushTimer: TimerHandle | undefined;
  /** Called when activeQ gains a pod. */
  onActive: () => void = () => {};

  constructor(loop: EventLoop) {
    this.#loop = loop;
  }

  get schedulingCycle(): number {
    return this.#schedulingCycle;
  }

  /** Counts, for diagnostics and tests. */
  sizes(): { active: number; backoff: number; unschedulable: number } {
    return {
      active: this.#active.size,
      backoff: this.#backoff.size,
      unschedulable: this.#unschedulable.size,
    };
  }

  has(key: string): boolean {
    return (
      this.#active.has(key) ||
      this.#backoff.has(key) ||
      this.#unschedulable.has(key) ||
      this.#inFlight.has(key)
    );
  }

  /** A new pending pod. */
  add(pod: Pod, key: string): void {
    if (this.has(key)) {
      this.update(pod, key);
      return;
    }
    const now = this.#loop.now();
    this.#activate({ pod, key, initialAttemptTimestamp: now, timestamp: now, attempts: 0, cycle: 0 });
    this.onActive();
  }

  /** A queued pod changed: keep the newest object; an unschedulable pod gets another try. */
  update(pod: Pod, key: string): void {
    for (const q of [this.#active, this.#backoff]) {
      const info = q.get(key);
      if (info) {
        info.pod = pod;
        return;
      }
    }
    const flight = this.#inFlight.get(key);
    if (flight) {
      flight.pod = pod;
      return;
    }
    const waiting = this.#unschedulable.get(key);
    if (waiting) {
      const before = waiting.info.pod;
      waiting.info.pod = pod;
      if (
        JSON.stringify(before.spec) !== JSON.stringify(pod.spec) ||
        JSON.stringify(before.metadata?.labels) !== JSON.stringify(pod.metadata?.labels)
      ) {
        this.#unschedulable.delete(key);
        this.#requeue(waiting.info);
      }
      return;
    }
    this.add(pod, key);
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
  }

  #activate(info: QueuedPod): void {
    this.#active.set(info.key, info);
    this.#activeHeap.push(info);
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

  /** The pod was scheduled (or dropped). */
  done(key: string): void {
    this.#inFlight.delete(key);
  }

  /**
   * The pod could not be scheduled. If the cluster changed while it was being scheduled it backs
   * off for another try; otherwise it waits among the unschedulable pods.
   */
  addUnschedulable(info: QueuedPod): void {
    this.#inFlight.delete(info.key);
    if (this.#moveRequestCycle >= info.cycle) {
      this.#toBackoff(info);
    } else {
      this.#unschedulable.set(info.key, { info, since: this.#loop.now() });
      this.#armFlush();
    }
  }

  /** A cluster event that may make unschedulable pods schedulable (MoveAllToActiveOrBackoffQueue). */
  moveAllToActiveOrBackoff(): void {
    this.#moveRequestCycle = this.#schedulingCycle;
    if (this.#unschedulable.size === 0) return;
    const waiting = [...this.#unschedulable.values()];
    this.#unschedulable.clear();
    for (const { info } of waiting) this.#requeue(info);
  }

  backoffDuration(info: QueuedPod): number {
    let duration = INITIAL_BACKOFF_MS;
    for (let i = 1; i < info.attempts; i++) {
      duration *= 2;
      if (duration > MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
    }
    return duration;
  }

  #backoffExpiry(info: QueuedPod): number {
    return info.timestamp + this.backoffDuration(info);
  }

  #requeue(info: QueuedPod): void {
    if (this.#backoffExpiry(info) > this.#loop.now()) this.#toBackoff(info);
    else {
      info.timestamp = this.#loop.now();
      this.#activate(info);
      this.onActive();
    }
  }

  #toBackoff(info: QueuedPod): void {
    info.timestamp = this.#loop.now();
    this.#backoff.set(info.key, info);
    this.#armBackoff();
  }

  #armBackoff(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const info of this.#backoff.values()) earliest = Math.min(earliest, this.#backoffExpiry(info));
    if (earliest === Number.POSITIVE_INFINITY || earliest >= this.#backoffTimerAt) return;
    this.#loop.clearTimeout(this.#backoffTimer);
    this.#backoffTimerAt = earliest;
    this.#backoffTimer = this.#loop.setTimeout(() => {
      this.#backoffTimer = undefined;
      this.#backoffTimerAt = Number.POSITIVE_INFINITY;
      this.#flushBackoff();
    }, earliest - this.#loop.now());
  }

  #flushBackoff(): void {
    const now = this.#loop.now();
    let moved = false;
    for (const [key, info] of [...this.#backoff]) {
      if (this.#backoffExpiry(info) <= now) {
        this.#backoff.delete(key);
        info.timestamp = now;
        this.#activate(info);
        moved = true;
      }
    }
    this.#armBackoff();
    if (moved) this.onActive();
  }

  #armFlush(): void {
    if (this.#flushTimer) return;
    this.#flushTimer = this.#loop.setTimeout(() => {
      this.#flushTimer = undefined;
      const now = this.#loop.now();
      for (const [key, waiting] of [...this.#unschedulable]) {
        if (now - waiting.since > MAX_UNSCHEDULABLE_MS) {
          this.#unschedulable.delete(key);
          this.#requeue(waiting.info);
        }
      }
      if (this.#unschedulable.size > 0) this.#armFlush();
    }, UNSCHEDULABLE_FLUSH_MS);
  }
}

function lessThan(a: QueuedPod, b: QueuedPod): boolean {
  const pa = priorityOf(a.pod);
  const pb = priorityOf(b.pod);
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.key < b.key;
}
