import { CLUSTER_DNS_IP, type ClusterDns, type DnsAnswer } from "../dns/ClusterDns.ts";
import type { KubeProxy } from "../kube-proxy/KubeProxy.ts";
import { inCIDR, type Verdict } from "../kube-proxy/ProxyRules.ts";
import type { Kubelet } from "../kubelet/Kubelet.ts";
import type { PodNetwork } from "../kubelet/runtime/PodNetwork.ts";
import type { Endpoint, HttpResponse, Sandbox } from "../kubelet/runtime/Sandbox.ts";

/** Where a request starts. */
export type TrafficSource =
  | { readonly kind: "pod"; readonly namespace: string; readonly name: string }
  | { readonly kind: "node"; readonly node: string }
  | { readonly kind: "outside" }
  /** The machine running kubectl (its `kubectl port-forward` ports on localhost). */
  | { readonly kind: "local" };

/** The address outside clients come from (TEST-NET-3). */
export const OUTSIDE_CLIENT_IP = "203.0.113.200";

/** How a request ended. */
export type TrafficResult =
  | {
      readonly ok: true;
      /** The pod that answered, `namespace/name`, and its IP and node. */
      readonly pod: string;
      readonly podIP: string;
      readonly port: number;
      readonly node: string | undefined;
      /** The client address the server saw (after any SNAT). */
      readonly remote: string;
      /** The resolved destination address and the node whose rules translated it. */
      readonly address: string;
      readonly via: string | undefined;
      readonly chains: readonly string[];
      readonly response: HttpResponse | undefined;
    }
  | {
      readonly ok: false;
      readonly error: "nxdomain" | "refused" | "timeout";
      readonly message: string;
      readonly address: string | undefined;
      readonly chains: readonly string[];
    };

interface Parsed {
  host: string;
  port: number;
  path: string;
  http: boolean;
}

function parseTarget(target: string): Parsed {
  const url = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?(\/.*)?$/.exec(target);
  if (url) {
    const https = url[1] === "https";
    return {
      host: url[2] as string,
      port: url[3] ? Number(url[3]) : https ? 443 : 80,
      path: url[4] ?? "/",
      http: true,
    };
  }
  const hostPort = /^([^/:]+):(\d+)$/.exec(target);
  if (hostPort) return { host: hostPort[1] as string, port: Number(hostPort[2]), path: "/", http: false };
  throw new Error(`"${target}" is neither a URL (http://host[:port]/path) nor host:port`);
}

const isIP = (text: string) => /^\d+\.\d+\.\d+\.\d+$/.test(text);

/**
 * The data plane of the simulated cluster: names resolve through cluster DNS (for pods, with their
 * search path), packets follow the kube-proxy rules of the node they pass through (the source
 * node; for a NodePort, the node addressed; for a load-balancer IP, a node the cloud load balancer
 * picks), and land on a pod sandbox that listens on the port — or fail as the real network does:
 * NXDOMAIN, connection refused (REJECT rule, or nothing listening) or a timeout (DROP rule, no
 * route). It also serves `wget`/`curl` inside containers through the pod network's hooks.
 *
 * @example
 * ```ts
 * const result = network.request({ kind: "pod", namespace: "default", name: "client" }, "http://web/");
 * if (result.ok) result.pod; // "default/web-7d4b9c-abcde"
 * ```
 */
export class ServiceNetwork {
  readonly #pods: PodNetwork;
  readonly #dns: ClusterDns;
  readonly #proxies: ReadonlyMap<string, KubeProxy>;
  readonly #kubelets: ReadonlyMap<string, Kubelet>;
  readonly #pickNode: (nodes: readonly string[]) => string;
  readonly #dnsAvailable: (node: string | undefined) => boolean;
  readonly #loadBalancerNode: (ip: string) => readonly string[] | undefined;
  /** kubectl port-forward: local port → pod port. */
  readonly #forwards = new Map<number, { namespace: string; pod: string; port: number }>();

  constructor(options: {
    pods: PodNetwork;
    dns: ClusterDns;
    proxies: ReadonlyMap<string, KubeProxy>;
    kubelets: ReadonlyMap<string, Kubelet>;
    /** The cloud load balancer's choice among healthy nodes (seeded). */
    pickNode: (nodes: readonly string[]) => string;
    /**
     * Whether the cluster DNS service answers a client on this node (undefined: a node's own
     * resolver); without it, DNS always answers (a cluster without kubeadm's coredns add-on).
     */
    dnsAvailable?: (node: string | undefined) => boolean;
    /** The nodes a load-balancer IP sends to (its healthy backends), when the IP is one. */
    loadBalancerNodes?: (ip: string) => readonly string[] | undefined;
  }) {
    this.#pods = options.pods;
    this.#dns = options.dns;
    this.#proxies = options.proxies;
    this.#kubelets = options.kubelets;
    this.#pickNode = options.pickNode;
    this.#dnsAvailable = options.dnsAvailable ?? (() => true);
    this.#loadBalancerNode = options.loadBalancerNodes ?? (() => undefined);
    this.#pods.isNodeIP = (ip) => this.#nodeByIP(ip) !== undefined;
    this.#pods.resolve = (name, namespace, source) => {
      if (!this.#dnsAvailable(source ? this.#nodeOfIP(source) : undefined)) return undefined;
      const { answer } = this.#dns.resolve(name, namespace);
      return answer.type === "A" ? answer.addresses[0] : undefined;
    };
    this.#pods.route = (ip, port, protocol, source) => {
      const from = source ? this.#nodeOfIP(source) : undefined;
      if (!from) return undefined;
      const verdict = this.#forward(from, {
        src: source as string,
        dst: ip,
        port,
        protocol,
        srcLocal: false,
      });
      if (verdict.kind === "dnat") return { ip: verdict.ip, port: verdict.port, remote: verdict.remote };
      if (verdict.kind === "reject") return { error: "refused" };
      if (verdict.kind === "drop") return { error: "unreachable" };
      return undefined;
    };
  }

  /** `kubectl port-forward`: the local port now leads to the pod's port. */
  forward(namespace: string, pod: string, localPort: number, podPort: number): void {
    this.#forwards.set(localPort, { namespace, pod, port: podPort });
  }

  /** A request from the kubectl machine to a forwarded `localhost` port (through the kubelet, no kube-proxy). */
  #requestLocal(parsed: Parsed, target: string, userAgent: string): TrafficResult {
    const local = parsed.host === "localhost" || parsed.host === "127.0.0.1";
    const forward = local ? this.#forwards.get(parsed.port) : undefined;
    if (!forward)
      return this.#fail(
        "refused",
        `Failed to connect to ${parsed.host} port ${parsed.port}: Connection refused`,
        parsed.host,
        [],
      );
    const sandbox = this.#sandboxOf(forward.namespace, forward.pod);
    const endpoint = sandbox?.endpoint(forward.port, "TCP");
    if (!sandbox || !endpoint?.accepting)
      return this.#fail(
        "refused",
        `an error occurred forwarding ${parsed.port} -> ${forward.port}: connection refused`,
        parsed.host,
        [],
      );
    return this.#answer(endpoint, sandbox, parsed, target, userAgent, {
      port: forward.port,
      remote: "127.0.0.1",
      address: parsed.host,
      via: undefined,
      chains: [],
    });
  }

  /** The listening container answers (an HTTP request is logged by the program). */
  #answer(
    endpoint: Endpoint,
    sandbox: Sandbox,
    parsed: Parsed,
    target: string,
    userAgent: string,
    route: {
      port: number;
      remote: string;
      address: string;
      via: string | undefined;
      chains: readonly string[];
    },
  ): TrafficResult {
    const response = parsed.http
      ? endpoint.http({
          method: "GET",
          path: parsed.path,
          host: target.match(/^https?:\/\/([^/]+)/)?.[1] ?? parsed.host,
          remote: route.remote,
          userAgent,
        })
      : undefined;
    return {
      ok: true,
      pod: `${sandbox.namespace}/${sandbox.podName}`,
      podIP: sandbox.ip,
      node: this.#nodeOfIP(sandbox.ip),
      ...route,
      response,
    };
  }

  /**
   * Resolve a name as a pod in `namespace` on `node` would (undefined when no DNS server answers
   * there).
   */
  resolve(name: string, namespace: string, node?: string): DnsAnswer | undefined {
    if (!this.#dnsAvailable(node)) return undefined;
    return this.#dns.resolve(name, namespace).answer;
  }

  /**
   * Whether a DNS query from `node` to the cluster DNS service (10.96.0.10:53/UDP) reaches a
   * server: the node's kube-proxy rules translate it to a coredns endpoint, and a ready pod there
   * listens on 53/UDP. Otherwise the resolver times out.
   */
  dnsServerReachable(node: string | undefined): boolean {
    const from = node ?? [...this.#kubelets.keys()][0];
    const proxy = from ? this.#proxies.get(from) : undefined;
    const src = (from && this.#kubelets.get(from)?.config.internalIP) || "";
    if (!proxy) return false;
    // The resolver tries again after a timeout, so any server the rules may pick will do. The
    // rules are walked with fixed draws (the first and the last endpoint) and a scratch affinity
    // table: a lookup must not move the node's RNG, which spreads the service traffic.
    for (const draw of [0, 0.999999]) {
      const verdict = proxy.rules.route(
        { src, dst: CLUSTER_DNS_IP, dport: 53, protocol: "UDP", srcLocal: false, dstLocal: false },
        { now: 0, random: () => draw, recent: new Map() },
      );
      if (verdict.kind !== "dnat") continue;
      const sandbox = this.#pods.sandbox(verdict.ip);
      if (sandbox?.ready && sandbox.endpoint(verdict.port, "UDP")?.accepting) return true;
    }
    return false;
  }

  /** The node a pod IP or node IP belongs to. */
  #nodeOfIP(ip: string): string | undefined {
    for (const [name, kubelet] of this.#kubelets) {
      if (kubelet.config.internalIP === ip) return name;
      if (kubelet.config.podCIDR && inCIDR(ip, kubelet.config.podCIDR)) return name;
    }
    return undefined;
  }

  #nodeByIP(ip: string): string | undefined {
    for (const [name, kubelet] of this.#kubelets) if (kubelet.config.internalIP === ip) return name;
    return undefined;
  }

  /**
   * A packet's trip from a node: its rules first, then (when it is addressed to another node) the
   * rules of that node, as a NodePort sees them.
   */
  #forward(
    node: string,
    p: { src: string; dst: string; port: number; protocol: string; srcLocal: boolean },
  ):
    | { kind: "dnat"; ip: string; port: number; remote: string; via: string; chains: string[] }
    | { kind: "reject" | "drop" | "accept"; chains: string[]; via: string } {
    const hop = (at: string, dstLocal: boolean, srcLocal: boolean): Verdict => {
      const proxy = this.#proxies.get(at);
      if (!proxy) return { kind: "accept" };
      return proxy.route({ src: p.src, dst: p.dst, dport: p.port, protocol: p.protocol, srcLocal, dstLocal });
    };
    const ownIP = this.#kubelets.get(node)?.config.internalIP;
    let via = node;
    let verdict = hop(node, p.dst === ownIP, p.srcLocal);
    if (verdict.kind === "accept") {
      const target = this.#nodeByIP(p.dst);
      if (target && target !== node) {
        via = target;
        verdict = hop(target, true, false);
      }
    }
    if (verdict.kind === "dnat") {
      const viaIP = this.#kubelets.get(via)?.config.internalIP ?? p.src;
      // SNAT (KUBE-MARK-MASQ → MASQUERADE) makes the server see the node that translated the packet.
      const remote = verdict.masquerade ? viaIP : p.src;
      return { kind: "dnat", ip: verdict.ip, port: verdict.port, remote, via, chains: verdict.chains };
    }
    if (verdict.kind === "accept") return { kind: "accept", chains: [], via };
    return { kind: verdict.kind, chains: verdict.chains, via };
  }

  /**
   * Send a request (an `http://host[:port]/path` URL, or `host:port` for a plain TCP connection)
   * from a pod, a node or outside the cluster.
   */
  request(source: TrafficSource, target: string, userAgent = "curl/8.11.1"): TrafficResult {
    const parsed = parseTarget(target);
    if (source.kind === "local") return this.#requestLocal(parsed, target, userAgent);
    let from: Sandbox | undefined;
    let node: string | undefined;
    let srcIP: string;
    if (source.kind === "pod") {
      from = this.#sandboxOf(source.namespace, source.name);
      if (!from)
        throw new Error(`pod "${source.name}" in namespace "${source.namespace}" has no running sandbox`);
      node = this.#nodeOfIP(from.ip);
      srcIP = from.ip;
    } else if (source.kind === "node") {
      const kubelet = this.#kubelets.get(source.node);
      if (!kubelet) throw new Error(`node "${source.node}" is not part of the cluster`);
      node = source.node;
      srcIP = kubelet.config.internalIP;
    } else srcIP = OUTSIDE_CLIENT_IP;

    // Name resolution: pods use cluster DNS with their search path; nodes and outside clients
    // only know addresses.
    let address = parsed.host;
    if (!isIP(parsed.host)) {
      const answer = source.kind === "pod" ? this.resolve(parsed.host, source.namespace, node) : undefined;
      if (source.kind === "pod" && answer === undefined)
        return this.#fail(
          "timeout",
          `connection timed out; no servers could be reached (${CLUSTER_DNS_IP}:53)`,
          undefined,
          [],
        );
      if (answer?.type !== "A")
        return this.#fail("nxdomain", `could not resolve host: ${parsed.host} (NXDOMAIN)`, undefined, []);
      address = answer.addresses[0] as string;
    }

    // The node whose rules see the packet first.
    let chains: string[] = [];
    let dst = { ip: address, port: parsed.port };
    let remote = srcIP;
    let via: string | undefined;
    if (source.kind === "outside") {
      const lbNodes = this.#loadBalancerNode(address);
      const entry = lbNodes
        ? lbNodes.length > 0
          ? this.#pickNode(lbNodes)
          : undefined
        : this.#nodeByIP(address);
      if (lbNodes && !entry)
        return this.#fail(
          "timeout",
          `connection to ${address}:${parsed.port} timed out (no healthy backend)`,
          address,
          [],
        );
      node = entry;
    }
    if (node) {
      const hop = this.#forward(node, {
        src: srcIP,
        dst: address,
        port: parsed.port,
        protocol: "TCP",
        srcLocal: source.kind === "node",
      });
      chains = hop.chains;
      via = hop.via;
      if (hop.kind === "reject")
        return this.#fail("refused", `connection to ${address}:${parsed.port} refused`, address, chains);
      if (hop.kind === "drop")
        return this.#fail("timeout", `connection to ${address}:${parsed.port} timed out`, address, chains);
      if (hop.kind === "dnat") {
        dst = { ip: hop.ip, port: hop.port };
        remote = hop.remote;
      }
    }
    const sandbox = this.#pods.sandbox(dst.ip);
    if (!sandbox?.ready) {
      const kubelet = this.#nodeByIP(dst.ip);
      if (kubelet)
        return this.#fail("refused", `connection to ${dst.ip}:${dst.port} refused`, address, chains);
      return this.#fail("timeout", `connection to ${address}:${parsed.port} timed out`, address, chains);
    }
    const endpoint = sandbox.endpoint(dst.port, "TCP");
    if (!endpoint?.accepting)
      return this.#fail("refused", `connection to ${dst.ip}:${dst.port} refused`, address, chains);
    return this.#answer(endpoint, sandbox, parsed, target, userAgent, {
      port: dst.port,
      remote,
      address,
      via,
      chains,
    });
  }

  #fail(
    error: "nxdomain" | "refused" | "timeout",
    message: string,
    address: string | undefined,
    chains: string[],
  ): TrafficResult {
    return { ok: false, error, message, address, chains };
  }

  #sandboxOf(namespace: string, name: string): Sandbox | undefined {
    for (const kubelet of this.#kubelets.values()) {
      for (const sandbox of kubelet.runtime.sandboxes())
        if (sandbox.namespace === namespace && sandbox.podName === name && sandbox.ready) return sandbox;
    }
    return undefined;
  }
}
