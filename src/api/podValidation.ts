/**
 * Pod validation (pkg/apis/core/validation/validation.go ValidatePodCreate / ValidatePodSpec /
 * validateContainers / ValidateTolerations), with the apiserver's field paths and messages, in the
 * order the real validator reports them.
 */
import { type FieldError, fieldErrors } from "./FieldError.ts";
import { validateLabels } from "./objectMeta.ts";
import { Quantity } from "./quantity.ts";
import type { Container, Pod, Toleration } from "./types.ts";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from "./validation.ts";

const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const checkName = (name: string, p: string) => {
    const isStandard = STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-");
    const qualified = isQualifiedName(name);
    if (qualified.length > 0) for (const msg of qualified) errors.push(fieldErrors.invalid(p, name, msg));
    else if (!isStandard && !name.includes("/"))
      errors.push(fieldErrors.invalid(p, name, "must be a standard resource for containers"));
  };
  for (const [name, value] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    checkName(name, p);
    const q = Quantity.tryParse(value);
    if (q && q.nanos < 0n)
      errors.push(fieldErrors.invalid(p, q.toString(), "must be greater than or equal to 0"));
  }
  for (const [name, value] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    checkName(name, p);
    const q = Quantity.tryParse(value);
    if (!q) continue;
    if (q.nanos < 0n) errors.push(fieldErrors.invalid(p, q.toString(), "must be greater than or equal to 0"));
    const limit = limits[name] !== undefined ? Quantity.tryParse(limits[name]) : undefined;
    if (limit && q.cmp(limit) > 0) {
      errors.push(
        fieldErrors.invalid(
          p,
          q.toString(),
          `must be less than or equal to ${name} limit of ${limit.toString()}`,
        ),
      );
    }
  }
  return errors;
}

function validateContainer(container: Container, path: string, volumes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!container.name) errors.push(fieldErrors.required(`${path}.name`));
  else
    for (const msg of isDNS1123Label(container.name))
      errors.push(fieldErrors.invalid(`${path}.name`, container.name, msg));
  if (!container.image) errors.push(fieldErrors.required(`${path}.image`));
  const policy = container.imagePullPolicy;
  if (!policy) errors.push(fieldErrors.required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(policy))
    errors.push(fieldErrors.notSupported(`${path}.imagePullPolicy`, policy, PULL_POLICIES));
  const portNames = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    const p = `${path}.ports[${i}]`;
    if (port.name) {
      if (port.name.length > 15)
        errors.push(fieldErrors.invalid(`${p}.name`, port.name, "must be no more than 15 characters"));
      else if (!IANA_SVC_NAME.test(port.name) || !/[a-z]/.test(port.name) || port.name.includes("--")) {
        errors.push(
          fieldErrors.invalid(
            `${p}.name`,
            port.name,
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
          ),
        );
      }
      if (portNames.has(port.name)) errors.push(fieldErrors.duplicate(`${p}.name`, port.name));
      portNames.add(port.name);
    }
    if (port.containerPort === 0 || port.containerPort === undefined) {
      errors.push(fieldErrors.required(`${p}.containerPort`));
    } else if (port.containerPort < 1 || port.containerPort > 65535) {
      errors.push(
        fieldErrors.invalid(
          `${p}.containerPort`,
          port.containerPort,
          "must be between 1 and 65535, inclusive",
        ),
      );
    }
    if (port.hostPort !== undefined && port.hostPort !== 0 && (port.hostPort < 1 || port.hostPort > 65535)) {
      errors.push(
        fieldErrors.invalid(`${p}.hostPort`, port.hostPort, "must be between 1 and 65535, inclusive"),
      );
    }
    if (!port.protocol) errors.push(fieldErrors.required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol))
      errors.push(fieldErrors.notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
  (container.volumeMounts ?? []).forEach((m, j) => {
    const p = `${path}.volumeMounts[${j}]`;
    if (!m.name) errors.push(fieldErrors.required(`${p}.name`));
    else if (!volumes.has(m.name)) errors.push(fieldErrors.notFound(`${p}.name`, m.name));
    if (!m.mountPath) errors.push(fieldErrors.required(`${p}.mountPath`));
  });
  errors.push(...validateResources(container, `${path}.resources`));
  return errors;
}

function validateContainers(
  containers: Container[] | undefined,
  path: string,
  required: boolean,
  volumes: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!containers || containers.length === 0) {
    if (required) errors.push(fieldErrors.required(path));
    return errors;
  }
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const p = `${path}[${i}]`;
    errors.push(...validateContainer(container, p, volumes));
    if (container.name && names.has(container.name))
      errors.push(fieldErrors.duplicate(`${p}.name`, container.name));
    if (container.name) names.add(container.name);
  });
  return errors;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: Toleration[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t.key)
      for (const msg of isQualifiedName(t.key)) errors.push(fieldErrors.invalid(`${p}.key`, t.key, msg));
    if (!t.key && t.operator !== "Exists") {
      errors.push(
        fieldErrors.invalid(
          `${p}.operator`,
          t.operator ?? "",
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errors.push(
        fieldErrors.invalid(
          `${p}.effect`,
          t.effect ?? "",
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    switch (t.operator as string | undefined) {
      case undefined:
      case "":
      case "Equal":
        break;
      case "Exists":
        if (t.value)
          errors.push(
            fieldErrors.invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"),
          );
        break;
      default:
        errors.push(fieldErrors.notSupported(`${p}.operator`, t.operator, ["Equal", "Exists"]));
        break;
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) {
      errors.push(fieldErrors.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
    }
  });
  return errors;
}

/**
 * Validate a pod's spec for create (metadata is validated by the caller).
 *
 * @example
 * ```ts
 * validatePodSpec({ spec: { containers: [{ name: "A", image: "nginx", imagePullPolicy: "Always" }] } } as Pod)
 *   .map(String)[0]; // 'spec.containers[0].name: Invalid value: "A": a lowercase RFC 1123 label ...'
 * ```
 */
export function validatePodSpec(pod: Pod): FieldError[] {
  const spec = pod.spec;
  if (!spec) return [fieldErrors.required("spec.containers")];
  const errors: FieldError[] = [];
  const volumeNames = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const p = `spec.volumes[${i}].name`;
    if (!v.name) errors.push(fieldErrors.required(p));
    else for (const msg of isDNS1123Label(v.name)) errors.push(fieldErrors.invalid(p, v.name, msg));
    if (v.name && volumeNames.has(v.name)) errors.push(fieldErrors.duplicate(p, v.name));
    volumeNames.add(v.name);
  });
  errors.push(...validateContainers(spec.containers, "spec.containers", true, volumeNames));
  errors.push(...validateContainers(spec.initContainers, "spec.initContainers", false, volumeNames));
  const allNames = new Map<string, number>();
  for (const c of spec.initContainers ?? []) if (c.name) allNames.set(c.name, 1);
  (spec.containers ?? []).forEach((c, i) => {
    if (c.name && allNames.has(c.name))
      errors.push(fieldErrors.duplicate(`spec.containers[${i}].name`, c.name));
  });
  const restart = spec.restartPolicy;
  if (!restart) errors.push(fieldErrors.required("spec.restartPolicy"));
  else if (!RESTART_POLICIES.includes(restart))
    errors.push(fieldErrors.notSupported("spec.restartPolicy", restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy;
  if (!dns) errors.push(fieldErrors.required("spec.dnsPolicy"));
  else if (!DNS_POLICIES.includes(dns))
    errors.push(fieldErrors.notSupported("spec.dnsPolicy", dns, DNS_POLICIES));
  errors.push(...validateLabels(spec.nodeSelector, "spec.nodeSelector"));
  if (spec.serviceAccountName) {
    for (const msg of isDNS1123Subdomain(spec.serviceAccountName)) {
      errors.push(fieldErrors.invalid("spec.serviceAccountName", spec.serviceAccountName, msg));
    }
  }
  if (spec.nodeName) {
    for (const msg of isDNS1123Subdomain(spec.nodeName))
      errors.push(fieldErrors.invalid("spec.nodeName", spec.nodeName, msg));
  }
  if (
    spec.activeDeadlineSeconds !== undefined &&
    (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)
  ) {
    errors.push(
      fieldErrors.invalid(
        "spec.activeDeadlineSeconds",
        spec.activeDeadlineSeconds,
        "must be between 1 and 2147483647, inclusive",
      ),
    );
  }
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errors.push(
      fieldErrors.invalid(
        "spec.terminationGracePeriodSeconds",
        spec.terminationGracePeriodSeconds,
        "must be greater than or equal to 0",
      ),
    );
  }
  if (spec.tolerations && spec.tolerations.length > 0)
    errors.push(...validateTolerations(spec.tolerations, "spec.tolerations"));
  return errors;
}
