import type { SeededRandom } from "../../clock/SeededRandom.ts";

/** kubeadm's default `--service-cluster-ip-range`. */
export const SERVICE_CIDR = "10.96.0.0/12";
/** The default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** An allocation refused, with the allocator's error text (ipallocator / portallocator errors). */
export class AllocationError extends Error {
  constructor(
    message: string,
    readonly reason: "allocated" | "range" | "full",
  ) {
    super(message);
  }
}

/**
 * The bitmap allocators' random scan with an offset (allocator/bitmap.go
 * `randomScanStrategyWithOffset`): a random start in the upper band `[offset, max)` scanning
 * forward, then the lower band `[0, offset)` that is kept for static assignments.
 */
function allocateNext(used: ReadonlySet<number>, max: number, offset: number, random: SeededRandom): number {
  if (used.size >= max) throw new AllocationError("range is full", "full");
  const upper = max - offset;
  let start = random.int(0, upper - 1);
  for (let i = 0; i < upper; i++) {
    const at = ((start + i) % upper) + offset;
    if (!used.has(at)) return at;
  }
  start = random.int(0, offset - 1);
  for (let i = 0; i < offset; i++) {
    const at = (start + i) % offset;
    if (!used.has(at)) return at;
  }
  throw new AllocationError("range is full", "full");
}

/** min(max(min, size/step), max): the size of the static band (calculateRangeOffset). */
function rangeOffset(size: number, min: number, max: number, step: number): number {
  if (size <= min) return 0;
  return Math.min(Math.max(Math.floor(size / step), min), max);
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    n = n * 256 + Number(part);
  }
  return n;
}

function numberToIP(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/**
 * The ClusterIP allocator of kube-apiserver (pkg/registry/core/service/ipallocator/bitmap.go) over
 * one IPv4 range: the network and broadcast addresses are never handed out, a requested IP must be
 * in range and free, and dynamic IPs come from the upper part of the range first (the lower
 * `min(max(16, size/16), 256)` addresses are kept for static IPs such as kube-dns' 10.96.0.10).
 *
 * @example
 * ```ts
 * const ips = new ClusterIPAllocator(SERVICE_CIDR, random);
 * ips.allocate("10.96.0.10", new Set()); // "10.96.0.10"
 * ips.allocateNext(new Set(["10.96.0.1"])); // e.g. "10.103.212.4"
 * ```
 */
export class ClusterIPAllocator {
  readonly cidr: string;
  readonly #base: number;
  readonly #max: number;
  readonly #offset: number;
  readonly #random: SeededRandom;

  constructor(cidr: string, random: SeededRandom) {
    const [address, bits] = cidr.split("/");
    const network = ipToNumber(address ?? "");
    if (network === undefined || bits === undefined) throw new Error(`invalid CIDR ${cidr}`);
    const size = 2 ** (32 - Number(bits));
    this.cidr = cidr;
    this.#base = network + 1;
    this.#max = Math.max(0, size - 2);
    this.#offset = rangeOffset(size, 16, 256, 16);
    this.#random = random;
  }

  /** Whether an IP is inside the allocatable range. */
  contains(ip: string): boolean {
    const n = ipToNumber(ip);
    return n !== undefined && n >= this.#base && n < this.#base + this.#max;
  }

  /** Reserve a requested IP (Allocate): ErrNotInRange or ErrAllocated when it cannot be had. */
  allocate(ip: string, used: ReadonlySet<string>): string {
    if (!this.contains(ip))
      throw new AllocationError(
        `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`,
        "range",
      );
    if (used.has(ip)) throw new AllocationError("provided IP is already allocated", "allocated");
    return ip;
  }

  /** Reserve any free IP (AllocateNext). */
  allocateNext(used: ReadonlySet<string>): string {
    const offsets = new Set<number>();
    for (const ip of used) {
      const n = ipToNumber(ip);
      if (n !== undefined && this.contains(ip)) offsets.add(n - this.#base);
    }
    return numberToIP(this.#base + allocateNext(offsets, this.#max, this.#offset, this.#random));
  }
}

/**
 * The NodePort allocator (pkg/registry/core/service/portallocator): ports 30000–32767; a requested
 * port must be in range and free; dynamic ports prefer the upper part of the range (the lower
 * `min(max(16, size/32), 128)` ports are kept for static requests).
 *
 * @example
 * ```ts
 * const ports = new NodePortAllocator(random);
 * ports.allocate(30080, new Set([30080])); // throws "provided port is already allocated"
 * ```
 */
export class NodePortAllocator {
  readonly #offset = rangeOffset(NODE_PORT_RANGE.size, 16, 128, 32);
  readonly #random: SeededRandom;

  constructor(random: SeededRandom) {
    this.#random = random;
  }

  /** net.PortRange.String(): `30000-32767`. */
  get range(): string {
    return `${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`;
  }

  allocate(port: number, used: ReadonlySet<number>): number {
    if (port < NODE_PORT_RANGE.base || port >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size)
      throw new AllocationError(
        `provided port is not in the valid range. The range of valid ports is ${this.range}`,
        "range",
      );
    if (used.has(port)) throw new AllocationError("provided port is already allocated", "allocated");
    return port;
  }

  allocateNext(used: ReadonlySet<number>): number {
    const offsets = new Set([...used].map((p) => p - NODE_PORT_RANGE.base));
    return NODE_PORT_RANGE.base + allocateNext(offsets, NODE_PORT_RANGE.size, this.#offset, this.#random);
  }
}
