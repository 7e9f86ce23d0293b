import { type Actor, createActor } from "xstate";
import type { Controller, ControllerContext } from "./Controller.ts";
import { controllerManagerMachine } from "./controllerManagerMachine.ts";
import { GarbageCollector } from "./GarbageCollector.ts";
import { NamespaceController } from "./NamespaceController.ts";
import { ServiceAccountsController } from "./ServiceAccountsController.ts";

/**
 * kube-controller-manager: runs the controllers, each a reconcile loop on informers.
 *
 * @example
 * ```ts
 * const cm = new ControllerManager(ctx);
 * cm.start();
 * ```
 */
export class ControllerManager {
  readonly controllers: Controller[];
  readonly actor: Actor<typeof controllerManagerMachine>;

  constructor(ctx: ControllerContext) {
    this.controllers = [
      new ServiceAccountsController(ctx),
      new NamespaceController(ctx),
      new GarbageCollector(ctx),
    ];
    this.actor = createActor(
      controllerManagerMachine.provide({
        actions: {
          startControllers: () => {
            for (const c of this.controllers) c.start();
          },
          stopControllers: () => {
            for (const c of this.controllers) c.stop();
          },
        },
      }),
      { clock: ctx.loop },
    );
  }

  start(): void {
    this.actor.start();
  }

  stop(): void {
    this.actor.send({ type: "STOP" });
  }

  resume(): void {
    this.actor.send({ type: "START" });
  }

  get running(): boolean {
    return this.actor.getSnapshot().matches("running");
  }
}
