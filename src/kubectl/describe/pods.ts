import type { Container, ContainerStatus, Event, KubeObject, Pod } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./PrefixWriter.ts";

type State = NonNullable<ContainerStatus["state"]>;
type Volume = NonNullable<NonNullable<Pod["spec"]>["volumes"]>[number];
type Toleration = NonNullable<NonNullable<Pod["spec"]>["tolerations"]>[number];

function describeStatus(name: string, state: State, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, "%s:\tRunning\n", name);
    w.write(LEVEL_3, "Started:\t%v\n", rfc1123z(state.running.startedAt));
  } else if (state.waiting) {
    w.write(LEVEL_2, "%s:\tWaiting\n", name);
    if (state.waiting.reason) w.write(LEVEL_3, "Reason:\t%s\n", state.waiting.reason);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, "%s:\tTerminated\n", name);
    if (t.reason) w.write(LEVEL_3, "Reason:\t%s\n", t.reason);
    if (t.message) w.write(LEVEL_3, "Message:\t%s\n", t.message);
    w.write(LEVEL_3, "Exit Code:\t%d\n", t.exitCode);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, "Signal:\t%d\n", t.signal);
    w.write(LEVEL_3, "Started:\t%s\n", rfc1123z(t.startedAt));
    w.write(LEVEL_3, "Finished:\t%s\n", rfc1123z(t.finishedAt));
  } else {
    w.write(LEVEL_2, "%s:\tWaiting\n", name);
  }
}

function resourceLines(
  title: string,
  list: Record<string, string | number> | undefined,
  w: PrefixWriter,
): void {
  const names = Object.keys(list ?? {}).sort();
  if (names.length > 0) w.write(LEVEL_2, `${title}:\n`);
  for (const name of names)
    w.write(LEVEL_3, "%s:\t%s\n", name, (list as Record<string, string | number>)[name]);
}

function probeText(probe: NonNullable<Container["livenessProbe"]>): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const host = h.host ?? "";
    return `http-get ${(h.scheme ?? "HTTP").toLowerCase()}://${host}:${h.port}${h.path ?? ""} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ""}:${probe.tcpSocket.port} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

/**
 * describeContainers: one block per container; `space` indents the block inside a pod template
 * (`DescribePodTemplate` passes two spaces, and container names then get one more).
 */
export function describeContainers(
  label: string,
  containers: Container[],
  statuses: ContainerStatus[],
  w: PrefixWriter,
  space = "",
): void {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const nameIndent = space ? " " : "";
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, "%s%v:\n", nameIndent, c.name);
    if (status) w.write(LEVEL_2, "Container ID:\t%s\n", status.containerID ?? "");
    w.write(LEVEL_2, "Image:\t%s\n", c.image ?? "");
    if (status) w.write(LEVEL_2, "Image ID:\t%s\n", status.imageID);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(LEVEL_2, ports.includes(",") ? "Ports:\t%s\n" : "Port:\t%s\n", ports || "<none>");
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(
      LEVEL_2,
      hostPorts.includes(",") ? "Host Ports:\t%s\n" : "Host Port:\t%s\n",
      hostPorts || "<none>",
    );
    if (c.restartPolicy) w.write(LEVEL_2, "Restart Policy:\t%s\n", c.restartPolicy);
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, "Command:\n");
      for (const part of c.command ?? []) for (const line of part.split("\n")) w.write(LEVEL_3, "%s\n", line);
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, "Args:\n");
      for (const part of c.args ?? []) for (const line of part.split("\n")) w.write(LEVEL_3, "%s\n", line);
    }
    if (status) {
      describeStatus("State", status.state ?? {}, w);
      if (status.lastState?.terminated) describeStatus("Last State", status.lastState, w);
      w.write(LEVEL_2, "Ready:\t%v\n", status.ready ? "True" : "False");
      w.write(LEVEL_2, "Restart Count:\t%d\n", status.restartCount);
    }
    resourceLines("Limits", c.resources?.limits, w);
    resourceLines("Requests", c.resources?.requests, w);
    if (c.livenessProbe) w.write(LEVEL_2, "Liveness:\t%s\n", probeText(c.livenessProbe));
    if (c.readinessProbe) w.write(LEVEL_2, "Readiness:\t%s\n", probeText(c.readinessProbe));
    if (c.startupProbe) w.write(LEVEL_2, "Startup:\t%s\n", probeText(c.startupProbe));
    const env = c.env ?? [];
    if (env.length === 0) w.write(LEVEL_2, "Environment:\t<none>\n");
    else {
      w.write(LEVEL_2, "Environment:\n");
      for (const e of env) {
        if (e.valueFrom?.fieldRef)
          w.write(
            LEVEL_3,
            "%s:\t (%s:%s)\n",
            e.name,
            e.valueFrom.fieldRef.apiVersion ?? "v1",
            e.valueFrom.fieldRef.fieldPath,
          );
        else if (e.valueFrom?.configMapKeyRef)
          w.write(
            LEVEL_3,
            "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %v\n",
            e.name,
            e.valueFrom.configMapKeyRef.key,
            e.valueFrom.configMapKeyRef.name,
            e.valueFrom.configMapKeyRef.optional ?? false,
          );
        else if (e.valueFrom?.secretKeyRef)
          w.write(
            LEVEL_3,
            "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %v\n",
            e.name,
            e.valueFrom.secretKeyRef.key,
            e.valueFrom.secretKeyRef.name,
            e.valueFrom.secretKeyRef.optional ?? false,
          );
        else
          (e.value ?? "").split("\n").forEach((line, i) => {
            if (i === 0) w.write(LEVEL_3, "%s:\t%s\n", e.name, line);
            else w.write(LEVEL_3, "\t%s\n", line);
          });
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? "ro" : "rw"];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(LEVEL_3, "%s from %s (%s)\n", m.mountPath, m.name, flags.join(","));
    }
  }
}

/** describeVolumes; `space` as for describeContainers. */
export function describeVolumes(volumes: Volume[], w: PrefixWriter, space = ""): void {
  if (volumes.length === 0) {
    w.write(LEVEL_0, "%sVolumes:\t<none>\n", space);
    return;
  }
  w.write(LEVEL_0, "%sVolumes:\n", space);
  for (const v of volumes) {
    w.write(LEVEL_1, "%s%v:\n", space ? " " : "", v.name);
    if (v.emptyDir) {
      const size = v.emptyDir.sizeLimit && v.emptyDir.sizeLimit !== "0" ? v.emptyDir.sizeLimit : "<unset>";
      w.write(
        LEVEL_2,
        "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t%s\n    SizeLimit:\t%v\n",
        v.emptyDir.medium ?? "",
        size,
      );
    } else if (v.hostPath) {
      w.write(
        LEVEL_2,
        "Type:\tHostPath (bare host directory volume)\n    Path:\t%v\n    HostPathType:\t%v\n",
        v.hostPath.path,
        v.hostPath.type ?? "",
      );
    } else if (v.configMap) {
      w.write(
        LEVEL_2,
        "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%v\n    Optional:\t%v\n",
        v.configMap.name ?? "",
        v.configMap.optional ?? false,
      );
    } else if (v.secret) {
      w.write(
        LEVEL_2,
        "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t%v\n    Optional:\t%v\n",
        v.secret.secretName ?? "",
        v.secret.optional ?? false,
      );
    } else if (v.projected) {
      w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(
            LEVEL_2,
            "SecretName:\t%v\n    SecretOptionalName:\t%v\n",
            s.secret.name ?? "",
            s.secret.optional ?? "<nil>",
          );
        else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
        else if (s.configMap)
          w.write(
            LEVEL_2,
            "ConfigMapName:\t%v\n    ConfigMapOptional:\t%v\n",
            s.configMap.name ?? "",
            s.configMap.optional ?? "<nil>",
          );
        else if (s.serviceAccountToken)
          w.write(LEVEL_2, "TokenExpirationSeconds:\t%d\n", s.serviceAccountToken.expirationSeconds ?? 3607);
      }
    } else if (v.persistentVolumeClaim) {
      w.write(
        LEVEL_2,
        "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t%v\n    ReadOnly:\t%v\n",
        v.persistentVolumeClaim.claimName,
        v.persistentVolumeClaim.readOnly ?? false,
      );
    } else {
      w.write(LEVEL_2, "<unknown>\n");
    }
  }
}

/** printPodTolerationsMultiline, under `title` (`Tolerations`, or `  Tolerations` in a template). */
export function printTolerations(w: PrefixWriter, tolerations: Toleration[], title = "Tolerations"): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0,
  );
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    let text = t.key ?? "";
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) text += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, "%s\n", text);
  });
}

/** printController: `ReplicaSet/web-7d4b9c8f5`. */
function controlledBy(object: KubeObject): string {
  const owner = (object.metadata.ownerReferences ?? []).find((r) => r.controller);
  return owner ? `${owner.kind}/${owner.name}` : "";
}

/**
 * `kubectl describe pod` (staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod).
 *
 * @example
 * ```ts
 * describePod(pod, events, now); // "Name:             nginx\nNamespace:        default\n..."
 * ```
 */
export function describePod(pod: Pod, events: readonly Event[], now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec;
  const status = pod.status ?? {};
  const meta = pod.metadata ?? {};
  w.write(LEVEL_0, "Name:\t%s\n", meta.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", meta.namespace);
  if (spec?.priority !== undefined) w.write(LEVEL_0, "Priority:\t%d\n", spec.priority);
  if (spec?.priorityClassName) w.write(LEVEL_0, "Priority Class Name:\t%s\n", spec.priorityClassName);
  if (spec?.runtimeClassName) w.write(LEVEL_0, "Runtime Class Name:\t%s\n", spec.runtimeClassName);
  if (spec?.serviceAccountName) w.write(LEVEL_0, "Service Account:\t%s\n", spec.serviceAccountName);
  if (!spec?.nodeName) w.write(LEVEL_0, "Node:\t<none>\n");
  else w.write(LEVEL_0, "Node:\t%s\n", `${spec.nodeName}/${status.hostIP ?? ""}`);
  if (status.startTime) w.write(LEVEL_0, "Start Time:\t%s\n", rfc1123z(status.startTime));
  printLabelsMultiline(w, "Labels", meta.labels);
  printAnnotationsMultiline(w, "Annotations", meta.annotations);
  if (meta.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    w.write(
      LEVEL_0,
      "Status:\tTerminating (lasts %s)\n",
      // translateTimestampSince of a future deletionTimestamp: `<invalid>` during the grace period.
      timestampSince(meta.deletionTimestamp, now),
    );
    w.write(LEVEL_0, "Termination Grace Period:\t%ds\n", meta.deletionGracePeriodSeconds ?? 0);
  } else {
    w.write(LEVEL_0, "Status:\t%s\n", status.phase ?? "");
  }
  if (status.reason) w.write(LEVEL_0, "Reason:\t%s\n", status.reason);
  if (status.message) w.write(LEVEL_0, "Message:\t%s\n", status.message);
  const seccomp = pod.spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, "SeccompProfile:\t%s\n", seccomp.type ?? "");
    if (seccomp.type === "Localhost")
      w.write(LEVEL_0, "LocalhostProfile:\t%s\n", seccomp.localhostProfile ?? "");
  }
  w.write(LEVEL_0, "IP:\t%s\n", status.podIP ?? "");
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, "IPs:\t<none>\n");
  else {
    w.write(LEVEL_0, "IPs:\n");
    for (const ip of ips) w.write(LEVEL_1, "IP:\t%s\n", ip.ip);
  }
  const owner = controlledBy(pod as unknown as KubeObject);
  if (owner) w.write(LEVEL_0, "Controlled By:\t%s\n", owner);
  if (status.nominatedNodeName) w.write(LEVEL_0, "NominatedNodeName:\t%s\n", status.nominatedNodeName);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers("Init Containers", spec?.initContainers ?? [], status.initContainerStatuses ?? [], w);
  }
  describeContainers("Containers", spec?.containers ?? [], status.containerStatuses ?? [], w);
  if ((spec?.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of spec?.readinessGates ?? []) {
      const s = (status.conditions ?? []).find((c) => c.type === g.conditionType)?.status ?? "<none>";
      w.write(LEVEL_1, "%v \t%v \n", g.conditionType, s);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
    for (const c of status.conditions ?? []) w.write(LEVEL_1, "%v \t%v \n", c.type, c.status);
  }
  describeVolumes(spec?.volumes ?? [], w);
  w.write(LEVEL_0, "QoS Class:\t%s\n", status.qosClass ?? "");
  printLabelsMultiline(w, "Node-Selectors", spec?.nodeSelector);
  printTolerations(w, spec?.tolerations ?? []);
  describeEvents(events, w, now);
  return w.toString();
}
