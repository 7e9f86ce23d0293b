import { type KubeObject, keyOf, type Pod, type Service } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { servicesForPod } from "./endpointUtil.ts";

/**
 * The informer wiring the Endpoints and EndpointSlice controllers share: a service's key is queued
 * when it changes and when a pod it selects (before or after the change) does.
 *
 * @example
 * ```ts
 * class MyController extends ServiceEndpointsController { protected override reconcile(key: string) {} }
 * ```
 */
export abstract class ServiceEndpointsController extends Controller {
  protected services: Informer<Service> | undefined;
  protected pods: Informer<Pod> | undefined;

  constructor(name: string, ctx: ControllerContext) {
    super(name, ctx);
  }

  protected override startInformers(): void {
    this.services = new Informer<Service>(this.ctx.loop, this.client.resource<Service>("services"));
    this.pods = new Informer<Pod>(this.ctx.loop, this.client.resource<Pod>("pods"));
    const enqueueService = (s: Service) => this.queue.add(keyOf(s as KubeObject));
    this.services.on({ add: enqueueService, update: enqueueService, delete: enqueueService });
    const enqueuePod = (pod: Pod, old?: Pod) => {
      const services = this.services?.list() ?? [];
      const keys = new Set([...servicesForPod(pod, services), ...(old ? servicesForPod(old, services) : [])]);
      for (const key of keys) this.queue.add(key);
    };
    this.pods.on({
      add: (p) => enqueuePod(p),
      update: (p, old) => enqueuePod(p, old),
      delete: (p) => enqueuePod(p),
    });
    this.services.start();
    this.pods.start();
  }

  protected override stopInformers(): void {
    this.services?.stop();
    this.pods?.stop();
  }
}
