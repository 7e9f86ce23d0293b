import type { EndpointSlice, Service } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client } from "../client/Client.ts";
import { Informer } from "../client/Informer.ts";
import type { EventLoop } from "../clock/EventLoop.ts";

/** kubeadm's cluster domain. */
export const CLUSTER_DOMAIN = "cluster.local";
/** kubeadm's cluster DNS service IP (the 10th address of 10.96.0.0/12). */
export const CLUSTER_DNS_IP = "10.96.0.10";

/** A DNS answer: addresses, an alias, or no such name. */
export type DnsAnswer =
  | { readonly type: "A"; readonly name: string; readonly addresses: readonly string[] }
  | { readonly type: "CNAME"; readonly name: string; readonly target: string }
  | { readonly type: "NXDOMAIN"; readonly name: string };

/**
 * A pod's resolv.conf search list with dnsPolicy ClusterFirst (kubelet's dns.go):
 * `<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots 5.
 *
 * @example
 * ```ts
 * searchNames("db", "shop"); // ["db.shop.svc.cluster.local", "db.svc.cluster.local", "db.cluster.local", "db"]
 * ```
 */
export function searchNames(name: string, namespace: string): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const dots = name.split(".").length - 1;
  const expanded = search.map((s) => `${name}.${s}`);
  // With fewer than ndots (5) dots the search list goes first, then the name as given.
  return dots < 5 ? [...expanded, name] : [name, ...expanded];
}

/**
 * The records CoreDNS's kubernetes plugin serves (the coredns pods, from their watches of Services
 * and EndpointSlices): `<svc>.<ns>.svc.cluster.local` is the cluster IP, or the ready endpoints'
 * IPs for a headless service, or a CNAME to `spec.externalName`; `<hostname>.<svc>.<ns>.svc…` is a
 * headless service's pod with that hostname; `a-b-c-d.<ns>.pod.cluster.local` (pods insecure) is
 * the IP a-b-c-d. Anything else is NXDOMAIN (there is no upstream resolver in the simulation).
 *
 * @example
 * ```ts
 * const dns = new ClusterDns(loop, api);
 * dns.start();
 * dns.lookup("kubernetes.default.svc.cluster.local"); // { type: "A", addresses: ["10.96.0.1"] }
 * ```
 */
export class ClusterDns {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;

  constructor(loop: EventLoop, api: ApiServer) {
    const client = new Client("coredns", api);
    this.#services = new Informer<Service>(loop, client.resource<Service>("services"));
    this.#slices = new Informer<EndpointSlice>(loop, client.resource<EndpointSlice>("endpointslices"));
  }

  start(): void {
    this.#services.start();
    this.#slices.start();
  }

  stop(): void {
    this.#services.stop();
    this.#slices.stop();
  }

  /** Answer one fully qualified name. */
  lookup(fqdn: string): DnsAnswer {
    const name = fqdn.toLowerCase().replace(/\.$/, "");
    const nx = { type: "NXDOMAIN", name } as const;
    const suffix = `.${CLUSTER_DOMAIN}`;
    if (!name.endsWith(suffix)) return nx;
    const labels = name.slice(0, -suffix.length).split(".");
    if (labels.length === 3 && labels[2] === "pod") {
      const ip = (labels[0] as string).replace(/-/g, ".");
      return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { type: "A", name, addresses: [ip] } : nx;
    }
    if (labels[labels.length - 1] !== "svc") return nx;
    if (labels.length === 3) return this.#serviceRecord(name, labels[1] as string, labels[0] as string);
    if (labels.length === 4) {
      const [hostname, svc, ns] = labels as [string, string, string];
      const ips = this.#endpoints(ns, svc)
        .filter((e) => e.hostname === hostname)
        .map((e) => e.ip);
      return ips.length > 0 ? { type: "A", name, addresses: ips } : nx;
    }
    return nx;
  }

  /** Resolve a name as a pod in `namespace` does: the search list, following CNAMEs. */
  resolve(name: string, namespace: string): { answer: DnsAnswer; tried: string[] } {
    const tried: string[] = [];
    for (const candidate of searchNames(name, namespace)) {
      tried.push(candidate);
      let answer = this.lookup(candidate);
      for (let hops = 0; answer.type === "CNAME" && hops < 8; hops++) {
        const next = this.lookup(answer.target);
        if (next.type === "NXDOMAIN") return { answer, tried };
        answer = next;
      }
      if (answer.type !== "NXDOMAIN") return { answer, tried };
    }
    return { answer: { type: "NXDOMAIN", name }, tried };
  }

  #serviceRecord(name: string, namespace: string, svc: string): DnsAnswer {
    const service = this.#services.get(`${namespace}/${svc}`);
    if (!service) return { type: "NXDOMAIN", name };
    const spec = service.spec ?? {};
    if (spec.type === "ExternalName") return { type: "CNAME", name, target: spec.externalName ?? "" };
    if (spec.clusterIP && spec.clusterIP !== "None") return { type: "A", name, addresses: [spec.clusterIP] };
    const ips = [...new Set(this.#endpoints(namespace, svc).map((e) => e.ip))];
    return ips.length > 0 ? { type: "A", name, addresses: ips } : { type: "NXDOMAIN", name };
  }

  /** Ready endpoints of a service (publishNotReadyAddresses makes every endpoint ready). */
  #endpoints(namespace: string, svc: string): { ip: string; hostname: string | undefined }[] {
    const out: { ip: string; hostname: string | undefined }[] = [];
    for (const slice of this.#slices.list()) {
      if (slice.metadata?.namespace !== namespace) continue;
      if (slice.metadata?.labels?.["kubernetes.io/service-name"] !== svc) continue;
      for (const e of slice.endpoints ?? [])
        if (e.conditions?.ready !== false) out.push({ ip: e.addresses[0] as string, hostname: e.hostname });
    }
    return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  }
}
