/**
 * The iptables rules kube-proxy (iptables mode) writes for a node, as syncProxyRules does in
 * pkg/proxy/iptables/proxier.go (v1.32), and the packet walk through them that the simulated
 * network uses. Both the `iptables-restore` text kube-proxy writes and the `iptables-save` text an
 * operator reads are rendered from the same rules, so what a spec reads is what traffic follows.
 */
import type { EndpointSlice, Service } from "../api/types.ts";
import { endpointChain, probability, serviceChain, servicePortName } from "./chainNames.ts";

/** A match module of a rule, in the order kube-proxy adds it. */
type Module =
  | { kind: "comment"; text: string }
  | { kind: "proto"; protocol: string; dport?: number }
  | { kind: "statistic"; n: number }
  | { kind: "recent-check"; name: string; seconds: number }
  | { kind: "recent-set"; name: string }
  | { kind: "addrtype"; src?: "LOCAL"; dst?: "LOCAL" };

/** One iptables rule. */
export interface ProxyRule {
  readonly table: "nat" | "filter";
  readonly chain: string;
  readonly src?: string;
  readonly notSrc?: string;
  /** `-s <cidr>` (the pod network). */
  readonly srcCIDR?: string;
  readonly dst?: string;
  readonly protocol?: string;
  readonly modules: readonly Module[];
  /** A chain, or DNAT / REJECT / DROP / MARK / MASQUERADE / RETURN. */
  readonly target: string;
  readonly toDestination?: string;
  /** The rule as kube-proxy writes it to iptables-restore. */
  readonly restore: string;
}

/** An endpoint of a service port as kube-proxy sees it (from EndpointSlices). */
export interface ProxyEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName: string | undefined;
}

/** The node a rule table is for. */
export interface ProxyNode {
  readonly name: string;
  /** `--cluster-cidr` (kubeadm: the pod network). */
  readonly clusterCIDR: string;
}

/** A packet entering the node's netfilter hooks. */
export interface Packet {
  readonly src: string;
  readonly dst: string;
  readonly dport: number;
  readonly protocol: string;
  /** The source address is one of the node's own (traffic from the node itself). */
  readonly srcLocal: boolean;
  /** The destination is one of the node's own addresses (a NodePort). */
  readonly dstLocal: boolean;
}

/** Per-node state the rules consult: the RNG of `-m statistic` and the `-m recent` lists. */
export interface PacketContext {
  readonly now: number;
  random(): number;
  readonly recent: Map<string, Map<string, number>>;
}

/** Where a packet went. */
export type Verdict =
  | { kind: "dnat"; ip: string; port: number; chains: string[]; masquerade: boolean }
  | { kind: "reject" | "drop"; chains: string[]; rule: ProxyRule }
  | { kind: "accept" };

const MASQ_MARK = "0x4000/0x4000";

function quote(text: string): string {
  return /^[-_0-9A-Za-z]+$/.test(text) ? text : `"${text}"`;
}

/** iptables-save renders the probability from the kernel's 31-bit fixed point with %.11f. */
function savedProbability(n: number): string {
  return (Math.round(0x80000000 / n) / 0x80000000).toFixed(11);
}

/** Render a rule as `iptables-save` prints it (addresses and protocol first, matches in order). */
export function saveRule(rule: ProxyRule): string {
  const parts = [`-A ${rule.chain}`];
  if (rule.notSrc) parts.push(`! -s ${rule.notSrc}`);
  if (rule.src) parts.push(`-s ${rule.src}/32`);
  if (rule.srcCIDR) parts.push(`-s ${rule.srcCIDR}`);
  if (rule.dst) parts.push(`-d ${rule.dst}/32`);
  if (rule.protocol) parts.push(`-p ${rule.protocol}`);
  for (const m of rule.modules) {
    switch (m.kind) {
      case "comment":
        parts.push(`-m comment --comment ${quote(m.text)}`);
        break;
      case "proto":
        parts.push(m.dport !== undefined ? `-m ${m.protocol} --dport ${m.dport}` : `-m ${m.protocol}`);
        break;
      case "statistic":
        parts.push(`-m statistic --mode random --probability ${savedProbability(m.n)}`);
        break;
      case "recent-check":
        parts.push(
          `-m recent --rcheck --seconds ${m.seconds} --reap --name ${m.name} --mask 255.255.255.255 --rsource`,
        );
        break;
      case "recent-set":
        parts.push(`-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`);
        break;
      case "addrtype":
        parts.push(m.src ? `-m addrtype --src-type ${m.src}` : `-m addrtype --dst-type ${m.dst}`);
        break;
    }
  }
  parts.push(`-j ${rule.target}`);
  if (rule.target === "DNAT") parts.push(`--to-destination ${rule.toDestination}`);
  if (rule.target === "REJECT") parts.push("--reject-with icmp-port-unreachable");
  if (rule.target === "MARK")
    parts.push(`--set-xmark ${rule.chain === "KUBE-MARK-MASQ" ? MASQ_MARK : "0x4000/0x0"}`);
  if (rule.target === "MASQUERADE") parts.push("--random-fully");
  return parts.join(" ");
}

/** Builds rules in kube-proxy's order while keeping the restore text. */
class RuleWriter {
  readonly rules: ProxyRule[] = [];
  readonly chains = { nat: new Set<string>(), filter: new Set<string>() };

  add(rule: Omit<ProxyRule, "restore">, restore: string[]): void {
    this.rules.push({ ...rule, restore: restore.join(" ") });
    const own = rule.table === "nat" ? this.chains.nat : this.chains.filter;
    own.add(rule.chain);
  }
}

const isExternallyAccessible = (s: Service) =>
  s.spec?.type === "NodePort" || s.spec?.type === "LoadBalancer" || (s.spec?.externalIPs ?? []).length > 0;

/** The endpoints of one service port, from the service's slices (deduplicated, sorted by `ip:port`). */
export function endpointsForPort(slices: readonly EndpointSlice[], portName: string): ProxyEndpoint[] {
  const byKey = new Map<string, ProxyEndpoint>();
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? "") === portName);
    if (!port?.port) continue;
    for (const e of slice.endpoints ?? []) {
      const ip = e.addresses[0] as string;
      const ep: ProxyEndpoint = {
        ip,
        port: port.port,
        ready: e.conditions?.ready !== false,
        serving: e.conditions?.serving ?? e.conditions?.ready !== false,
        terminating: e.conditions?.terminating === true,
        nodeName: e.nodeName,
      };
      byKey.set(`${ip}:${port.port}`, ep);
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ep]) => ep);
}

/**
 * CategorizeEndpoints (pkg/proxy/topology.go): ready endpoints, or the serving terminating ones
 * when none is ready; the node-local subset likewise.
 */
function categorize(
  endpoints: readonly ProxyEndpoint[],
  node: string,
): {
  cluster: ProxyEndpoint[];
  local: ProxyEndpoint[];
} {
  const pick = (list: readonly ProxyEndpoint[]) => {
    const ready = list.filter((e) => e.ready);
    return ready.length > 0 ? ready : list.filter((e) => e.serving && e.terminating);
  };
  return { cluster: pick(endpoints), local: pick(endpoints.filter((e) => e.nodeName === node)) };
}

/**
 * A node's kube-proxy rule table.
 *
 * @example
 * ```ts
 * const rules = ProxyRules.build(services, slices, { name: "node-1", clusterCIDR: "10.244.0.0/16" });
 * rules.iptablesSave();
 * ```
 */
export class ProxyRules {
  readonly rules: readonly ProxyRule[];
  readonly #chains: { nat: Set<string>; filter: Set<string> };

  private constructor(writer: RuleWriter) {
    this.rules = writer.rules;
    this.#chains = writer.chains;
  }

  /** syncProxyRules for one node. */
  static build(services: readonly Service[], slices: readonly EndpointSlice[], node: ProxyNode): ProxyRules {
    const w = new RuleWriter();
    const sorted = [...services].sort((a, b) => {
      const ka = `${a.metadata?.namespace}/${a.metadata?.name}`;
      const kb = `${b.metadata?.namespace}/${b.metadata?.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    for (const service of sorted) {
      const spec = service.spec ?? {};
      if (spec.type === "ExternalName" || !spec.clusterIP || spec.clusterIP === "None") continue;
      const own = slices.filter(
        (s) =>
          s.metadata?.namespace === service.metadata?.namespace &&
          s.metadata?.labels?.["kubernetes.io/service-name"] === service.metadata?.name,
      );
      for (const port of spec.ports ?? []) {
        writeServicePort(w, service, port, endpointsForPort(own, port.name ?? ""), node);
      }
    }
    const nodePortsComment = "kubernetes service nodeports; NOTE: this must be the last rule in this chain";
    w.add(
      {
        table: "nat",
        chain: "KUBE-SERVICES",
        modules: [
          { kind: "comment", text: nodePortsComment },
          { kind: "addrtype", dst: "LOCAL" },
        ],
        target: "KUBE-NODEPORTS",
      },
      [
        "-A KUBE-SERVICES",
        `-m comment --comment "${nodePortsComment}"`,
        "-m addrtype --dst-type LOCAL",
        "-j KUBE-NODEPORTS",
      ],
    );
    return new ProxyRules(w);
  }

  /** The rules in a chain, in order. */
  chain(name: string, table: "nat" | "filter" = "nat"): ProxyRule[] {
    return this.rules.filter((r) => r.chain === name && r.table === table);
  }

  /** The rules kube-proxy writes (its iptables-restore input lines, `%0.10f` probabilities). */
  restoreLines(): string[] {
    return this.rules.map((r) => r.restore);
  }

  /** The node's `iptables-save` output for the filter and nat tables kube-proxy manages. */
  iptablesSave(): string {
    const table = (name: "filter" | "nat", builtins: string[], fixed: string[]) => {
      const chains = new Set(
        [...this.#chains[name]].concat(
          name === "nat"
            ? ["KUBE-MARK-MASQ", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-SERVICES"]
            : ["KUBE-EXTERNAL-SERVICES", "KUBE-SERVICES"],
        ),
      );
      const user = [...chains].sort();
      const lines = [
        `*${name}`,
        ...builtins.map((b) => `:${b} ACCEPT [0:0]`),
        ...user.map((c) => `:${c} - [0:0]`),
      ];
      lines.push(...fixed);
      for (const chain of user) lines.push(...this.chain(chain, name).map(saveRule));
      lines.push("COMMIT");
      return lines;
    };
    const filter = table(
      "filter",
      ["INPUT", "FORWARD", "OUTPUT"],
      [
        '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      ],
    );
    const nat = table(
      "nat",
      ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
      [
        '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        `-A KUBE-MARK-MASQ -j MARK --set-xmark ${MASQ_MARK}`,
        `-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_MARK} -j RETURN`,
        "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      ],
    );
    return `${[...filter, ...nat].join("\n")}\n`;
  }

  /**
   * Walk a packet through the nat table from KUBE-SERVICES (PREROUTING/OUTPUT), then, when nothing
   * translated it, through the filter table's KUBE-SERVICES / KUBE-EXTERNAL-SERVICES.
   */
  route(packet: Packet, ctx: PacketContext): Verdict {
    const trail: string[] = [];
    let masquerade = false;
    const matches = (rule: ProxyRule): boolean => {
      if (rule.src && packet.src !== rule.src) return false;
      if (rule.notSrc && inCIDR(packet.src, rule.notSrc)) return false;
      if (rule.srcCIDR && !inCIDR(packet.src, rule.srcCIDR)) return false;
      if (rule.dst && packet.dst !== rule.dst) return false;
      if (rule.protocol && rule.protocol !== packet.protocol.toLowerCase()) return false;
      for (const m of rule.modules) {
        if (m.kind === "proto" && m.dport !== undefined && m.dport !== packet.dport) return false;
        if (m.kind === "addrtype" && m.dst === "LOCAL" && !packet.dstLocal) return false;
        if (m.kind === "addrtype" && m.src === "LOCAL" && !packet.srcLocal) return false;
        if (m.kind === "recent-check") {
          const seen = ctx.recent.get(m.name)?.get(packet.src);
          if (seen === undefined || ctx.now - seen > m.seconds * 1000) return false;
        }
        if (m.kind === "statistic" && ctx.random() >= Math.round(0x80000000 / m.n) / 0x80000000) return false;
      }
      return true;
    };
    const walk = (chain: string, table: "nat" | "filter", depth: number): Verdict | undefined => {
      if (depth > 16) return undefined;
      for (const rule of this.chain(chain, table)) {
        if (!matches(rule)) continue;
        switch (rule.target) {
          case "KUBE-MARK-MASQ":
            masquerade = true;
            continue;
          case "DNAT": {
            for (const m of rule.modules)
              if (m.kind === "recent-set") {
                const list = ctx.recent.get(m.name) ?? new Map<string, number>();
                list.set(packet.src, ctx.now);
                ctx.recent.set(m.name, list);
              }
            trail.push(chain);
            const [ip, port] = (rule.toDestination as string).split(":");
            return { kind: "dnat", ip: ip as string, port: Number(port), chains: trail, masquerade };
          }
          case "REJECT":
          case "DROP":
            trail.push(chain);
            return { kind: rule.target === "REJECT" ? "reject" : "drop", chains: trail, rule };
          default: {
            trail.push(chain);
            const verdict = walk(rule.target, table, depth + 1);
            if (verdict) return verdict;
            trail.pop();
          }
        }
      }
      return undefined;
    };
    const nat = walk("KUBE-SERVICES", "nat", 0);
    if (nat) return nat;
    const filter =
      (packet.dstLocal ? undefined : walk("KUBE-SERVICES", "filter", 0)) ??
      walk("KUBE-EXTERNAL-SERVICES", "filter", 0);
    return filter ?? { kind: "accept" };
  }
}

/** Whether an IPv4 address is inside a CIDR. */
export function inCIDR(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split("/");
  const toNum = (a: string) => a.split(".").reduce((n, p) => n * 256 + Number(p), 0);
  const size = 2 ** (32 - Number(bits));
  const base = toNum(net as string);
  const n = toNum(ip);
  return n >= base && n < base + size;
}

type ServicePort = NonNullable<NonNullable<Service["spec"]>["ports"]>[number];

/** The rules of one service port (the body of syncProxyRules' per-service loop). */
function writeServicePort(
  w: RuleWriter,
  service: Service,
  port: ServicePort,
  endpoints: ProxyEndpoint[],
  node: ProxyNode,
): void {
  const spec = service.spec ?? {};
  const name = servicePortName(service.metadata?.namespace ?? "", service.metadata?.name ?? "", port.name);
  const protocol = (port.protocol ?? "TCP").toLowerCase();
  const clusterIP = spec.clusterIP as string;
  const svcChain = serviceChain("KUBE-SVC-", name, protocol);
  const svlChain = serviceChain("KUBE-SVL-", name, protocol);
  const extChain = serviceChain("KUBE-EXT-", name, protocol);
  const internalLocal = spec.internalTrafficPolicy === "Local";
  const external = isExternallyAccessible(service);
  const externalLocal = external && spec.externalTrafficPolicy === "Local";
  const { cluster, local } = categorize(endpoints, node.name);
  const usesCluster = cluster.length > 0 && (!internalLocal || (external && !externalLocal) || externalLocal);
  const usesLocal = local.length > 0 && (internalLocal || externalLocal);
  const reachable = new Map<string, ProxyEndpoint>();
  if (usesCluster) for (const e of cluster) reachable.set(`${e.ip}:${e.port}`, e);
  if (usesLocal) for (const e of local) reachable.set(`${e.ip}:${e.port}`, e);
  // Whether the service has usable endpoints on any node, not just this one (CategorizeEndpoints).
  const hasEndpoints = cluster.length > 0;
  const hasInternal = internalLocal ? local.length > 0 : cluster.length > 0;
  const hasExternal = externalLocal ? local.length > 0 : cluster.length > 0;
  const internalChain = internalLocal ? svlChain : svcChain;
  const externalPolicyChain = externalLocal ? svlChain : svcChain;
  const protoModule = { kind: "proto", protocol, dport: port.port } as const;
  const ipComment = `${name} cluster IP`;

  // Cluster IP.
  if (hasInternal) {
    w.add(
      {
        table: "nat",
        chain: "KUBE-SERVICES",
        dst: clusterIP,
        protocol,
        modules: [{ kind: "comment", text: ipComment }, protoModule],
        target: internalChain,
      },
      [
        "-A KUBE-SERVICES",
        `-m comment --comment "${ipComment}"`,
        `-m ${protocol} -p ${protocol}`,
        `-d ${clusterIP}`,
        `--dport ${port.port}`,
        `-j ${internalChain}`,
      ],
    );
  } else {
    const why = hasEndpoints ? `${name} has no local endpoints` : `${name} has no endpoints`;
    const target = hasEndpoints ? "DROP" : "REJECT";
    w.add(
      {
        table: "filter",
        chain: "KUBE-SERVICES",
        dst: clusterIP,
        protocol,
        modules: [{ kind: "comment", text: why }, protoModule],
        target,
      },
      [
        "-A KUBE-SERVICES",
        `-m comment --comment "${why}"`,
        `-m ${protocol} -p ${protocol}`,
        `-d ${clusterIP}`,
        `--dport ${port.port}`,
        `-j ${target}`,
      ],
    );
  }

  // External: node ports and load-balancer ingress IPs.
  const usesExternalChain = hasEndpoints && external;
  const externalRule = (chain: string, modules: Module[], dst: string | undefined, restore: string[]) => {
    if (usesExternalChain)
      w.add({ table: "nat", chain, protocol, modules, target: extChain, ...(dst ? { dst } : {}) }, [
        ...restore,
        `-j ${extChain}`,
      ]);
    if (!hasExternal) {
      const why = hasEndpoints ? `${name} has no local endpoints` : `${name} has no endpoints`;
      const target = hasEndpoints ? "DROP" : "REJECT";
      const filterModules: Module[] = [{ kind: "comment", text: why }, ...modules.slice(1)];
      if (!dst) filterModules.splice(1, 0, { kind: "addrtype", dst: "LOCAL" });
      w.add(
        {
          table: "filter",
          chain: "KUBE-EXTERNAL-SERVICES",
          protocol,
          modules: filterModules,
          target,
          ...(dst ? { dst } : {}),
        },
        [
          "-A KUBE-EXTERNAL-SERVICES",
          `-m comment --comment "${why}"`,
          ...(dst ? [] : ["-m addrtype --dst-type LOCAL"]),
          ...restore.slice(2),
          `-j ${target}`,
        ],
      );
    }
  };
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    if (!ingress.ip) continue;
    const comment = `${name} loadbalancer IP`;
    externalRule("KUBE-SERVICES", [{ kind: "comment", text: comment }, protoModule], ingress.ip, [
      "-A KUBE-SERVICES",
      `-m comment --comment "${comment}"`,
      `-m ${protocol} -p ${protocol}`,
      `-d ${ingress.ip}`,
      `--dport ${port.port}`,
    ]);
  }
  if (port.nodePort) {
    const np = { kind: "proto", protocol, dport: port.nodePort } as const;
    externalRule("KUBE-NODEPORTS", [{ kind: "comment", text: name }, np], undefined, [
      "-A KUBE-NODEPORTS",
      `-m comment --comment ${name}`,
      `-m ${protocol} -p ${protocol}`,
      `--dport ${port.nodePort}`,
    ]);
  }

  // The external chain.
  if (usesExternalChain) {
    if (!externalLocal) {
      const c = `masquerade traffic for ${name} external destinations`;
      w.add(
        { table: "nat", chain: extChain, modules: [{ kind: "comment", text: c }], target: "KUBE-MARK-MASQ" },
        [`-A ${extChain}`, `-m comment --comment "${c}"`, "-j KUBE-MARK-MASQ"],
      );
    } else {
      const pod = `pod traffic for ${name} external destinations`;
      w.add(
        {
          table: "nat",
          chain: extChain,
          srcCIDR: node.clusterCIDR,
          modules: [{ kind: "comment", text: pod }],
          target: svcChain,
        },
        [`-A ${extChain}`, `-m comment --comment "${pod}"`, `-s ${node.clusterCIDR}`, `-j ${svcChain}`],
      );
      const masq = `masquerade LOCAL traffic for ${name} external destinations`;
      w.add(
        {
          table: "nat",
          chain: extChain,
          modules: [
            { kind: "comment", text: masq },
            { kind: "addrtype", src: "LOCAL" },
          ],
          target: "KUBE-MARK-MASQ",
        },
        [
          `-A ${extChain}`,
          `-m comment --comment "${masq}"`,
          "-m addrtype --src-type LOCAL",
          "-j KUBE-MARK-MASQ",
        ],
      );
      const route = `route LOCAL traffic for ${name} external destinations`;
      w.add(
        {
          table: "nat",
          chain: extChain,
          modules: [
            { kind: "comment", text: route },
            { kind: "addrtype", src: "LOCAL" },
          ],
          target: svcChain,
        },
        [
          `-A ${extChain}`,
          `-m comment --comment "${route}"`,
          "-m addrtype --src-type LOCAL",
          `-j ${svcChain}`,
        ],
      );
    }
    if (hasExternal)
      w.add({ table: "nat", chain: extChain, modules: [], target: externalPolicyChain }, [
        `-A ${extChain}`,
        `-j ${externalPolicyChain}`,
      ]);
  }

  // The cluster policy chain: masquerade off-cluster sources, then spread over the endpoints.
  const affinity = spec.sessionAffinity === "ClientIP";
  const stickySeconds = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800;
  const writeEndpointRules = (chain: string, list: ProxyEndpoint[]) => {
    if (affinity)
      for (const e of list) {
        const sep = endpointChain(name, protocol, `${e.ip}:${e.port}`);
        const c = `${name} -> ${e.ip}:${e.port}`;
        w.add(
          {
            table: "nat",
            chain,
            modules: [
              { kind: "comment", text: c },
              { kind: "recent-check", name: sep, seconds: stickySeconds },
            ],
            target: sep,
          },
          [
            `-A ${chain}`,
            `-m comment --comment "${c}"`,
            `-m recent --name ${sep} --rcheck --seconds ${stickySeconds} --reap`,
            `-j ${sep}`,
          ],
        );
      }
    list.forEach((e, i) => {
      const sep = endpointChain(name, protocol, `${e.ip}:${e.port}`);
      const c = `${name} -> ${e.ip}:${e.port}`;
      const n = list.length - i;
      const last = i === list.length - 1;
      w.add(
        {
          table: "nat",
          chain,
          modules: [{ kind: "comment", text: c }, ...(last ? [] : [{ kind: "statistic", n } as const])],
          target: sep,
        },
        [
          `-A ${chain}`,
          `-m comment --comment "${c}"`,
          ...(last ? [] : [`-m statistic --mode random --probability ${probability(n)}`]),
          `-j ${sep}`,
        ],
      );
    });
  };
  if (usesCluster) {
    w.add(
      {
        table: "nat",
        chain: svcChain,
        notSrc: node.clusterCIDR,
        dst: clusterIP,
        protocol,
        modules: [{ kind: "comment", text: ipComment }, protoModule],
        target: "KUBE-MARK-MASQ",
      },
      [
        `-A ${svcChain}`,
        `-m comment --comment "${ipComment}"`,
        `-m ${protocol} -p ${protocol}`,
        `-d ${clusterIP}`,
        `--dport ${port.port}`,
        `! -s ${node.clusterCIDR}`,
        "-j KUBE-MARK-MASQ",
      ],
    );
    writeEndpointRules(svcChain, cluster);
  }
  if (usesLocal) writeEndpointRules(svlChain, local);

  // One KUBE-SEP chain per endpoint: hairpin masquerade, then DNAT.
  for (const e of reachable.values()) {
    const sep = endpointChain(name, protocol, `${e.ip}:${e.port}`);
    w.add(
      {
        table: "nat",
        chain: sep,
        src: e.ip,
        modules: [{ kind: "comment", text: name }],
        target: "KUBE-MARK-MASQ",
      },
      [`-A ${sep}`, `-m comment --comment ${name}`, `-s ${e.ip}`, "-j KUBE-MARK-MASQ"],
    );
    const modules: Module[] = [{ kind: "comment", text: name }];
    if (affinity) modules.push({ kind: "recent-set", name: sep });
    modules.push({ kind: "proto", protocol });
    w.add(
      { table: "nat", chain: sep, protocol, modules, target: "DNAT", toDestination: `${e.ip}:${e.port}` },
      [
        `-A ${sep}`,
        `-m comment --comment ${name}`,
        ...(affinity ? [`-m recent --name ${sep} --set`] : []),
        `-m ${protocol} -p ${protocol}`,
        `-j DNAT --to-destination ${e.ip}:${e.port}`,
      ],
    );
  }
}
