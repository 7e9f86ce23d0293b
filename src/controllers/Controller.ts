import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client } from "../client/Client.ts";
import { EventRecorder } from "../client/EventRecorder.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { WorkQueue } from "./WorkQueue.ts";

/** What every controller gets from the controller-manager. */
export interface ControllerContext {
  readonly loop: EventLoop;
  readonly random: SeededRandom;
  readonly api: ApiServer;
}

/**
 * The shape every controller shares: informer events put keys on a work queue, and `reconcile(key)`
 * drives the world toward the desired state through the apiserver. A reconcile that throws is
 * retried with back-off.
 *
 * @example
 * ```ts
 * class MyController extends Controller {
 *   protected override startInformers() {}
 *   protected override reconcile(key: string) {}
 * }
 * ```
 */
export abstract class Controller {
  readonly name: string;
  protected readonly ctx: ControllerContext;
  protected readonly client: Client;
  protected readonly events: EventRecorder;
  protected readonly queue: WorkQueue;

  constructor(name: string, ctx: ControllerContext) {
    this.name = name;
    this.ctx = ctx;
    this.client = new Client(name, ctx.api);
    this.events = new EventRecorder(ctx.loop, this.client, { component: name, api: "core" });
    this.queue = new WorkQueue(ctx.loop, (key) => this.reconcile(key));
  }

  start(): void {
    this.queue.start();
    this.startInformers();
  }

  stop(): void {
    this.queue.stop();
    this.stopInformers();
  }

  protected abstract startInformers(): void;
  protected abstract stopInformers(): void;
  protected abstract reconcile(key: string): void;
}
