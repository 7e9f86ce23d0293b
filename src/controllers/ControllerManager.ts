import { type Actor, createActor } from "xstate";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import type { Controller, ControllerContext } from "./Controller.ts";
import { controllerManagerMachine } from "./controllerManagerMachine.ts";
import { CronJobController } from "./cronjob/CronJobController.ts";
import { DaemonSetController } from "./daemonset/DaemonSetController.ts";
import { DeploymentController } from "./deployment/DeploymentController.ts";
import { EndpointsController } from "./endpoint/EndpointsController.ts";
import { EndpointSliceController } from "./endpointslice/EndpointSliceController.ts";
import { GarbageCollector } from "./GarbageCollector.ts";
import { JobController } from "./job/JobController.ts";
import { NamespaceController } from "./NamespaceController.ts";
import { NodeLifecycleController } from "./nodelifecycle/NodeLifecycleController.ts";
import { TaintEvictionController } from "./nodelifecycle/TaintEvictionController.ts";
import { PodGCController } from "./podgc/PodGCController.ts";
import { ReplicaSetController } from "./replicaset/ReplicaSetController.ts";
import { ServiceAccountsController } from "./ServiceAccountsController.ts";
import { StatefulSetController } from "./statefulset/StatefulSetController.ts";

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
      new ReplicaSetController(ctx),
      new DeploymentController(ctx),
      new DaemonSetController(ctx),
      new StatefulSetController(ctx),
      new JobController(ctx),
      new CronJobController(ctx),
      new EndpointsController(ctx),
      new EndpointSliceController(ctx),
      new NodeLifecycleController(ctx),
      new TaintEvictionController(ctx),
      new PodGCController(ctx),
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
      { clock: ctx.loop, inspect: statechartVisits.inspect },
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
