import { type FieldError, fieldErrors, GoLiteral } from "../../api/FieldError.ts";
import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject, Service } from "../../api/types.ts";
import { isDNS1123Label, isDNS1123Subdomain } from "../../api/validation.ts";
import type { Strategy, StrategyContext } from "../Strategy.ts";
import { AllocationError, ClusterIPAllocator, NodePortAllocator, SERVICE_CIDR } from "./ServiceAllocators.ts";

type ServiceSpec = NonNullable<Service["spec"]>;
type ServicePort = NonNullable<ServiceSpec["ports"]>[number];

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];

const specOf = (o: Service | KubeObject): ServiceSpec => ((o as Service).spec ??= {});

/** Whether a service is headless (`clusterIP: None`). */
export function isHeadless(service: Service): boolean {
  return service.spec?.clusterIP === "None" || service.spec?.clusterIPs?.[0] === "None";
}

/** Whether the service type needs node ports (NodePort, or LoadBalancer unless disabled). */
function shouldAllocateNodePorts(spec: ServiceSpec): boolean {
  if (spec.type === "NodePort") return true;
  return spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false;
}

/** service.NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
function needsHealthCheck(spec: ServiceSpec): boolean {
  return spec.type === "LoadBalancer" && spec.externalTrafficPolicy === "Local";
}

function goStrings(values: readonly string[]): GoLiteral {
  return new GoLiteral(`[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`);
}

/** The IPs and node ports other services hold (the allocators' bitmaps, rebuilt from storage). */
function usedResources(ctx: StrategyContext, self: KubeObject): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const other of ctx.list?.("Service") ?? []) {
    if (other.metadata.namespace === self.metadata.namespace && other.metadata.name === self.metadata.name)
      continue;
    const spec = (other as Service).spec ?? {};
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) ips.add(ip);
    for (const p of spec.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
    if (spec.healthCheckNodePort) ports.add(spec.healthCheckNodePort);
  }
  return { ips, ports };
}

function invalid(service: Service, errors: FieldError[]): StatusError {
  return StatusError.invalid({ group: "", kind: "Service" }, service.metadata?.name ?? "", errors);
}

/** initIPFamilyFields for a single-stack IPv4 cluster. */
function initIPFamilies(service: Service): void {
  const spec = specOf(service);
  if (spec.type === "ExternalName") return;
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ["IPv4"];
  // Headless services without a selector may carry both families' endpoints.
  spec.ipFamilyPolicy ??= isHeadless(service) && !spec.selector ? "RequireDualStack" : "SingleStack";
}

/** allocClusterIPs: a requested IP is reserved, an empty one allocated (alloc.go). */
function allocateClusterIP(service: Service, ctx: StrategyContext, used: Set<string>): void {
  const spec = specOf(service);
  if (spec.type === "ExternalName" || isHeadless(service) || !ctx.random) return;
  const allocator = new ClusterIPAllocator(SERVICE_CIDR, ctx.random);
  const requested = spec.clusterIPs?.[0] ?? spec.clusterIP;
  let ip: string;
  if (requested) {
    try {
      ip = allocator.allocate(requested, used);
    } catch (error) {
      if (!(error instanceof AllocationError)) throw error;
      throw invalid(service, [
        fieldErrors.invalid(
          "spec.clusterIPs",
          goStrings(spec.clusterIPs ?? [requested]),
          `failed to allocate IP ${requested}: ${error.message}`,
        ),
      ]);
    }
  } else ip = allocator.allocateNext(used);
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

/** initNodePorts / updateNodePorts: requested ports reserved, missing ones allocated (alloc.go). */
function allocateNodePorts(
  service: Service,
  ctx: StrategyContext,
  used: Set<number>,
  held: ReadonlySet<number>,
): void {
  const spec = specOf(service);
  if (!ctx.random) return;
  const allocator = new NodePortAllocator(ctx.random);
  const byServicePort = new Map<number, number>();
  const reserve = (port: number, index: number) => {
    if (held.has(port) && !used.has(port)) {
      used.add(port);
      return;
    }
    try {
      allocator.allocate(port, used);
      used.add(port);
    } catch (error) {
      if (!(error instanceof AllocationError)) throw error;
      throw invalid(service, [fieldErrors.invalid(`spec.ports[${index}].nodePort`, port, error.message)]);
    }
  };
  (spec.ports ?? []).forEach((port, i) => {
    if (!port.nodePort && !shouldAllocateNodePorts(spec)) return;
    const shared = byServicePort.get(port.port);
    if (port.nodePort) {
      if (shared !== port.nodePort) reserve(port.nodePort, i);
    } else if (shared) port.nodePort = shared;
    else {
      try {
        port.nodePort = allocator.allocateNext(used);
      } catch (error) {
        throw StatusError.internal(`failed to allocate a nodePort: ${(error as Error).message}`);
      }
      used.add(port.nodePort);
    }
    byServicePort.set(port.port, port.nodePort);
  });
  if (needsHealthCheck(spec) && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = allocator.allocateNext(used);
    used.add(spec.healthCheckNodePort);
  } else if (!needsHealthCheck(spec)) delete spec.healthCheckNodePort;
}

/**
 * dropTypeDependentFields (pkg/registry/core/service/strategy.go): a type change drops the
 * allocated values the new type does not use, when the update left them as they were.
 */
function dropTypeDependentFields(service: Service, old: Service): void {
  const spec = specOf(service);
  const oldSpec = old.spec ?? {};
  if (spec.type === oldSpec.type) return;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (spec.type === "ExternalName" && same(spec.clusterIPs, oldSpec.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (!shouldAllocateNodePorts(spec) && spec.type !== "NodePort" && spec.type !== "LoadBalancer") {
    const oldPorts = new Map((oldSpec.ports ?? []).map((p) => [`${p.port}/${p.protocol}`, p.nodePort]));
    for (const p of spec.ports ?? [])
      if (p.nodePort && oldPorts.get(`${p.port}/${p.protocol}`) === p.nodePort) delete p.nodePort;
  }
  if (!needsHealthCheck(spec) && spec.healthCheckNodePort === oldSpec.healthCheckNodePort)
    delete spec.healthCheckNodePort;
  if (
    spec.type !== "LoadBalancer" &&
    spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts
  )
    delete spec.allocateLoadBalancerNodePorts;
  if (spec.type !== "NodePort" && spec.type !== "LoadBalancer" && !(spec.externalIPs ?? []).length)
    if (spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

/** patchAllocatedValues (service storage rest.go): an update that omits allocated values keeps them. */
function patchAllocatedValues(service: Service, old: Service): void {
  const spec = specOf(service);
  const oldSpec = old.spec ?? {};
  if (spec.type !== "ExternalName" && oldSpec.type !== "ExternalName") {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs) spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if (shouldAllocateNodePorts(spec)) {
    const oldByPort = new Map((oldSpec.ports ?? []).map((p) => [`${p.port}/${p.protocol}`, p.nodePort]));
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const kept = oldByPort.get(`${p.port}/${p.protocol}`);
        if (kept) p.nodePort = kept;
      }
    }
  }
  if (needsHealthCheck(spec) && oldSpec.healthCheckNodePort && !spec.healthCheckNodePort)
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
}

function validatePorts(service: Service): FieldError[] {
  const spec = specOf(service);
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(service) && spec.type !== "ExternalName")
    errors.push(fieldErrors.required("spec.ports"));
  const names = new Set<string>();
  ports.forEach((port: ServicePort, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) errors.push(fieldErrors.required(`${path}.name`));
    else if (port.name) {
      for (const msg of isDNS1123Label(port.name))
        errors.push(fieldErrors.invalid(`${path}.name`, port.name, msg));
      if (names.has(port.name)) errors.push(fieldErrors.duplicate(`${path}.name`, port.name));
      names.add(port.name);
    }
    if (!(port.port >= 1 && port.port <= 65535))
      errors.push(fieldErrors.invalid(`${path}.port`, port.port, "must be between 1 and 65535, inclusive"));
    if (port.protocol && !PROTOCOLS.includes(port.protocol))
      errors.push(fieldErrors.notSupported(`${path}.protocol`, port.protocol, PROTOCOLS));
    const target = port.targetPort;
    if (typeof target === "number" && !(target >= 1 && target <= 65535))
      errors.push(
        fieldErrors.invalid(`${path}.targetPort`, target, "must be between 1 and 65535, inclusive"),
      );
    if (typeof target === "string") {
      if (target.length > 15)
        errors.push(fieldErrors.invalid(`${path}.targetPort`, target, "must be no more than 15 characters"));
      if (!/[a-z]/.test(target))
        errors.push(
          fieldErrors.invalid(`${path}.targetPort`, target, "must contain at least one letter (a-z)"),
        );
    }
    if (spec.type === "ClusterIP" && port.nodePort)
      errors.push(fieldErrors.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  return errors;
}

/** ValidateService (pkg/apis/core/validation/validation.go), the rules specs meet most. */
function validateService(object: KubeObject): FieldError[] {
  const service = object as Service;
  const spec = specOf(service);
  const errors: FieldError[] = [];
  if (spec.type && !SERVICE_TYPES.includes(spec.type))
    errors.push(fieldErrors.notSupported("spec.type", spec.type, SERVICE_TYPES));
  if (spec.type === "ExternalName") {
    if (spec.clusterIPs?.length)
      errors.push(fieldErrors.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    const cname = (spec.externalName ?? "").replace(/\.$/, "");
    if (!cname) errors.push(fieldErrors.required("spec.externalName"));
    else
      for (const msg of isDNS1123Subdomain(cname))
        errors.push(fieldErrors.invalid("spec.externalName", cname, msg));
  }
  if (isHeadless(service) && (spec.type === "NodePort" || spec.type === "LoadBalancer"))
    errors.push(
      fieldErrors.invalid("spec.clusterIPs[0]", "None", `may not be set to 'None' for ${spec.type} services`),
    );
  errors.push(...validatePorts(service));
  if (spec.sessionAffinity && !["ClientIP", "None"].includes(spec.sessionAffinity))
    errors.push(fieldErrors.notSupported("spec.sessionAffinity", spec.sessionAffinity, ["ClientIP", "None"]));
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (timeout !== undefined && !(timeout > 0 && timeout <= 86400))
    errors.push(
      fieldErrors.invalid(
        "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
        timeout,
        "must be greater than 0 and less than 86400",
      ),
    );
  for (const [field, value] of [
    ["spec.externalTrafficPolicy", spec.externalTrafficPolicy],
    ["spec.internalTrafficPolicy", spec.internalTrafficPolicy],
  ] as const) {
    if (value !== undefined && !["Cluster", "Local"].includes(value))
      errors.push(fieldErrors.notSupported(field, value, ["Cluster", "Local"]));
  }
  if (
    spec.externalTrafficPolicy &&
    spec.type !== "NodePort" &&
    spec.type !== "LoadBalancer" &&
    !(spec.externalIPs ?? []).length
  )
    errors.push(
      fieldErrors.invalid(
        "spec.externalTrafficPolicy",
        spec.externalTrafficPolicy,
        "may only be set for externally-accessible services",
      ),
    );
  return errors;
}

function validateServiceUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(object);
  const oldSpec = (old as Service).spec ?? {};
  const errors = validateService(object);
  if (spec.type !== "ExternalName" && oldSpec.type !== "ExternalName") {
    const before = oldSpec.clusterIPs?.[0];
    const after = spec.clusterIPs?.[0];
    if (before && after !== before)
      errors.push(
        fieldErrors.invalid(
          "spec.clusterIPs[0]",
          goStrings(spec.clusterIPs ?? []),
          "may not change once set",
        ),
      );
  }
  return errors;
}

/**
 * The Service registry (pkg/registry/core/service): names are DNS-1035 labels; creates and updates
 * allocate cluster IPs from 10.96.0.0/12 and node ports from 30000–32767 (storage/alloc.go) before
 * validation, with the allocators' errors as field errors; updates keep allocated values an
 * update leaves out; status is a subresource.
 *
 * @example
 * ```ts
 * STRATEGIES.Service === serviceStrategy;
 * ```
 */
export const serviceStrategy: Strategy = {
  nameRule: "dns1035",
  statusSubresource: true,
  fieldLabels: ["spec.clusterIP", "spec.type"],
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fields: (o) => ({
    "spec.clusterIP": (o.spec as { clusterIP?: string } | undefined)?.clusterIP ?? "",
    "spec.type": (o.spec as { type?: string } | undefined)?.type ?? "",
  }),
  prepareForCreate(object, ctx) {
    const service = object as Service;
    service.status = { loadBalancer: {} };
    initIPFamilies(service);
    const used = usedResources(ctx, object);
    allocateClusterIP(service, ctx, used.ips);
    allocateNodePorts(service, ctx, used.ports, new Set());
  },
  prepareForUpdate(object, old, ctx) {
    const service = object as Service;
    const before = old as Service;
    service.status = structuredClone(before.status ?? { loadBalancer: {} });
    patchAllocatedValues(service, before);
    dropTypeDependentFields(service, before);
    const spec = specOf(service);
    const oldSpec = before.spec ?? {};
    const used = usedResources(ctx, object);
    if (oldSpec.type === "ExternalName" && spec.type !== "ExternalName") {
      initIPFamilies(service);
      allocateClusterIP(service, ctx, used.ips);
    }
    if (spec.type === "ExternalName" && oldSpec.type !== "ExternalName") {
      delete spec.ipFamilies;
      delete spec.ipFamilyPolicy;
    }
    const held = new Set((oldSpec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0));
    allocateNodePorts(service, ctx, used.ports, held);
  },
  validate: validateService,
  validateUpdate: validateServiceUpdate,
};
