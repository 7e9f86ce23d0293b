import type { EndpointSlice, Node, Service } from "../api/types.ts";
import { Informer } from "../client/Informer.ts";
import { Controller, type ControllerContext } from "../controllers/Controller.ts";

/**
 * Parse an address pool `203.0.113.10-203.0.113.20` (or one address, or several separated by
 * commas) into its addresses, in order.
 *
 * @example
 * ```ts
 * addressPool("203.0.113.10-203.0.113.12"); // ["203.0.113.10", "203.0.113.11", "203.0.113.12"]
 * ```
 */
export function addressPool(text: string): string[] {
  const toNum = (ip: string) => {
    const parts = ip.trim().split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
      throw new Error(`"${ip.trim()}" is not an IPv4 address`);
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
  };
  const toIP = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
  const out: string[] = [];
  for (const part of text.split(",")) {
    const [from, to] = part.split("-");
    const start = toNum(from as string);
    const end = to === undefined ? start : toNum(to);
    if (end < start) throw new Error(`the address range "${part.trim()}" ends before it starts`);
    for (let n = start; n <= end; n++) out.push(toIP(n));
  }
  return out;
}

/**
 * The service controller of cloud-controller-manager (k8s.io/cloud-provider/controllers/service)
 * with a simulated cloud whose load balancers take addresses from a pool: a LoadBalancer service
 * (without a loadBalancerClass) gets the next free address in `status.loadBalancer.ingress`,
 * with the `EnsuringLoadBalancer` / `EnsuredLoadBalancer` events; the address is released when the
 * service is deleted or changes type. The load balancer sends traffic to the nodes that are
 * Ready and not labelled `node.kubernetes.io/exclude-from-external-load-balancers` — with
 * externalTrafficPolicy Local, only to those whose health check (a local ready endpoint) passes.
 *
 * @example
 * ```ts
 * const ccm = new ServiceLoadBalancerController(ctx, addressPool("203.0.113.10-203.0.113.20"));
 * ccm.start();
 * ```
 */
export class ServiceLoadBalancerController extends Controller {
  readonly #pool: readonly string[];
  readonly #assigned = new Map<string, string>();
  #services: Informer<Service> | undefined;
  #nodes: Informer<Node> | undefined;
  #slices: Informer<EndpointSlice> | undefined;

  constructor(ctx: ControllerContext, pool: readonly string[]) {
    super("service-controller", ctx);
    this.#pool = pool;
  }

  protected override startInformers(): void {
    this.#services = new Informer<Service>(this.ctx.loop, this.client.resource<Service>("services"));
    this.#nodes = new Informer<Node>(this.ctx.loop, this.client.resource<Node>("nodes"));
    this.#slices = new Informer<EndpointSlice>(
      this.ctx.loop,
      this.client.resource<EndpointSlice>("endpointslices"),
    );
    const enqueue = (s: Service) => this.queue.add(`${s.metadata?.namespace}/${s.metadata?.name}`);
    this.#services.on({ add: enqueue, update: enqueue, delete: enqueue });
    this.#services.start();
    this.#nodes.start();
    this.#slices.start();
  }

  protected override stopInformers(): void {
    this.#services?.stop();
    this.#nodes?.stop();
    this.#slices?.stop();
  }

  protected override reconcile(key: string): void {
    const service = this.#services?.get(key);
    const wants = service?.spec?.type === "LoadBalancer" && !service.spec.loadBalancerClass;
    if (!wants) {
      this.#assigned.delete(key);
      if (service?.status?.loadBalancer?.ingress?.length) {
        const updated = structuredClone(service);
        updated.status = { loadBalancer: {} };
        this.client.resource<Service>("services").updateStatus(updated);
      }
      return;
    }
    const current = service.status?.loadBalancer?.ingress?.[0]?.ip;
    let ip = this.#assigned.get(key) ?? current;
    if (!ip) {
      const taken = new Set(this.#assigned.values());
      ip = this.#pool.find((a) => !taken.has(a));
      if (!ip) {
        this.events.record(
          service,
          "Warning",
          "SyncLoadBalancerFailed",
          "Error syncing load balancer: failed to ensure load balancer: no address left in the pool",
        );
        return;
      }
    }
    this.#assigned.set(key, ip);
    if (current === ip) return;
    this.events.record(service, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer");
    const updated = structuredClone(service);
    updated.status = { loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } };
    this.client.resource<Service>("services").updateStatus(updated);
    this.events.record(service, "Normal", "EnsuredLoadBalancer", "Ensured load balancer");
  }

  /** The nodes the load balancer at `ip` sends to, or undefined when no load balancer has it. */
  backends(ip: string): string[] | undefined {
    const key = [...this.#assigned.entries()].find(([, a]) => a === ip)?.[0];
    const service = key ? this.#services?.get(key) : undefined;
    if (!service) return undefined;
    const ready = (this.#nodes?.list() ?? []).filter(
      (n) =>
        n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") &&
        n.metadata?.labels?.["node.kubernetes.io/exclude-from-external-load-balancers"] === undefined,
    );
    const names = ready.map((n) => n.metadata?.name as string).sort();
    if (service.spec?.externalTrafficPolicy !== "Local") return names;
    // The health check node port answers 200 only on nodes with a local ready endpoint.
    const local = new Set<string>();
    for (const slice of this.#slices?.list() ?? []) {
      if (slice.metadata?.namespace !== service.metadata?.namespace) continue;
      if (slice.metadata?.labels?.["kubernetes.io/service-name"] !== service.metadata?.name) continue;
      for (const e of slice.endpoints ?? [])
        if (e.conditions?.ready !== false && e.nodeName) local.add(e.nodeName);
    }
    return names.filter((n) => local.has(n));
  }
}
