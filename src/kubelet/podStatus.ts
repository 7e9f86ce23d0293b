import { isSidecar, podQOSClass } from "../api/pods.ts";
import type { Container, ContainerStatus, Pod, PodCondition } from "../api/types.ts";
import type { RuntimeContainer } from "./runtime/RuntimeContainer.ts";

type ContainerState = NonNullable<ContainerStatus["state"]>;
type PodStatus = NonNullable<Pod["status"]>;

/** What the kubelet knows about a pod's containers when it generates the API status. */
export interface PodRuntimeView {
  /** The pod's sandbox: ready while its network namespace exists. */
  sandbox: { ready: boolean; ip: string } | undefined;
  /** The pod IP last assigned (kept in the status after the sandbox is gone). */
  podIP: string | undefined;
  hostIP: string;
  startTime: string | undefined;
  /** The container's instances in the runtime, latest first. */
  instances(name: string): readonly RuntimeContainer[];
  /** The last start failure of a container (the kubelet's reason cache). */
  reason(name: string): { reason: string; message: string } | undefined;
  /** Whether a running instance passed its startup probe (true without one). */
  started(container: RuntimeContainer): boolean;
  /** Whether a started instance passes its readiness probe (true without one). */
  ready(container: RuntimeContainer): boolean;
}

function rfc3339(millis: number | undefined): string {
  return `${new Date(millis ?? 0).toISOString().slice(0, 19)}Z`;
}

/** A runtime container's state as the API shows it (convertContainerStatus). */
function apiState(c: RuntimeContainer): ContainerState {
  switch (c.state) {
    case "running":
    case "stopping":
      return { running: { startedAt: rfc3339(c.startedAt) } };
    case "created":
      return { waiting: {} };
    case "exited":
      return {
        terminated: {
          containerID: c.id,
          exitCode: c.exitCode ?? 0,
          finishedAt: rfc3339(c.finishedAt),
          ...(c.message ? { message: c.message } : {}),
          ...(c.reason ? { reason: c.reason } : {}),
          startedAt: rfc3339(c.startedAt),
        },
      };
  }
}

/** kubecontainer.ShouldContainerBeRestarted. */
export function shouldContainerBeRestarted(
  container: Container,
  pod: Pod,
  latest: RuntimeContainer | undefined,
): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (!latest) return true;
  if (latest.state === "running" || latest.state === "stopping") return false;
  if (latest.state === "created") return true;
  if (isSidecar(container)) return true;
  const policy = pod.spec?.restartPolicy ?? "Always";
  if (policy === "Never") return false;
  if (policy === "OnFailure" && latest.exitCode === 0) return false;
  return true;
}

/** convertToAPIContainerStatuses (pkg/kubelet/kubelet_pods.go), for one list of containers. */
function containerStatuses(
  pod: Pod,
  view: PodRuntimeView,
  specs: readonly Container[],
  previous: readonly ContainerStatus[],
  isInit: boolean,
): ContainerStatus[] {
  const hasInit = (pod.spec?.initContainers ?? []).length > 0;
  const defaultWaiting: ContainerState = {
    waiting: { reason: hasInit ? "PodInitializing" : "ContainerCreating" },
  };
  const old = new Map(previous.map((s) => [s.name, s]));
  const result: ContainerStatus[] = [];
  for (const spec of specs) {
    const mounts = (spec.volumeMounts ?? []).map((m) => ({
      mountPath: m.mountPath,
      name: m.name,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}),
    }));
    let status: ContainerStatus = {
      image: spec.image ?? "",
      imageID: "",
      lastState: {},
      name: spec.name,
      ready: false,
      restartCount: 0,
      started: false,
      state: defaultWaiting,
    };
    const before = old.get(spec.name);
    if (before) {
      if (before.state?.terminated) status = structuredClone(before);
      else {
        status.restartCount = before.restartCount;
        status.lastState = before.lastState ?? {};
      }
    }
    const [latest, second] = view.instances(spec.name);
    if (latest) {
      status = {
        containerID: latest.id,
        image: latest.config.imageRef,
        imageID: latest.config.imageID,
        lastState: second ? apiState(second) : {},
        name: spec.name,
        ready: false,
        restartCount: latest.config.attempt,
        started: false,
        state: apiState(latest),
      };
      const running = latest.state === "running" || latest.state === "stopping";
      const started = running && view.started(latest);
      status.started = started;
      if (isInit && !isSidecar(spec)) status.ready = latest.state === "exited" && latest.exitCode === 0;
      else status.ready = started && view.ready(latest);
    } else if (before?.state?.running && !status.lastState?.terminated) {
      // It ran before but the runtime has lost it (the node restarted): it terminated, exit unknown.
      status.state = defaultWaiting;
      status.lastState = {
        terminated: {
          exitCode: 137,
          finishedAt: null as unknown as string,
          message:
            "The container could not be located when the pod was deleted.  The container used to be Running",
          reason: "ContainerStatusUnknown",
          startedAt: null as unknown as string,
        },
      };
      if (!pod.metadata?.deletionTimestamp) status.restartCount += 1;
    }
    // A container that will be (re)started shows why it is waiting.
    const skip = isInit && latest?.state === "exited" && latest.exitCode === 0 && !isSidecar(spec);
    if (!skip && shouldContainerBeRestarted(spec, pod, latest)) {
      const reason = view.reason(spec.name);
      if (reason) {
        if (status.state?.terminated) status.lastState = status.state;
        status.state = { waiting: { message: reason.message, reason: reason.reason } };
        if (!reason.message) delete status.state.waiting?.message;
      }
    }
    if (mounts.length > 0) (status as unknown as { volumeMounts: unknown }).volumeMounts = mounts;
    result.push(status);
  }
  if (!isInit) result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return result;
}

function hasAnyRegularContainerStarted(pod: Pod, statuses: readonly ContainerStatus[]): boolean {
  const regular = new Set((pod.spec?.containers ?? []).map((c) => c.name));
  return statuses.some((s) => regular.has(s.name) && (s.state?.running || s.state?.terminated));
}

/** getPhase (pkg/kubelet/kubelet_pods.go, v1.32). */
export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

export function getPhase(pod: Pod, statuses: readonly ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const spec = pod.spec;
  const byName = new Map(statuses.map((s) => [s.name, s]));
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of spec?.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = byName.get(c.name);
    if (!s) pendingInitialization++;
    else if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec?.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = byName.get(c.name);
    if (!s) unknown++;
    else if (s.state?.running) {
      if (!s.started) pendingInitialization++;
      running++;
    } else if (s.state?.terminated) {
      // terminated sidecars do not count
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingInitialization++;
        waiting++;
      }
    } else {
      pendingInitialization++;
      unknown++;
    }
  }
  for (const c of spec?.containers ?? []) {
    const s = byName.get(c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec?.restartPolicy ?? "Always";
  if (failedInitialization > 0 && policy === "Never") return "Failed";
  if ((pendingInitialization > 0 && !hasAnyRegularContainerStarted(pod, statuses)) || waiting > 0)
    return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    const isStatic =
      pod.metadata?.annotations?.["kubernetes.io/config.source"] !== undefined &&
      pod.metadata?.annotations?.["kubernetes.io/config.source"] !== "api";
    if (podIsTerminal && !isStatic) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function condition(
  previous: readonly PodCondition[],
  type: string,
  status: "True" | "False",
  now: string,
  reason?: string,
  message?: string,
): PodCondition {
  const old = previous.find((c) => c.type === type);
  const c: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : now,
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

function list(names: readonly string[]): string {
  return `[${names.join(" ")}]`;
}

/** GenerateContainersReadyCondition and GeneratePodReadyCondition (pkg/kubelet/status/generate.go). */
function readiness(
  pod: Pod,
  statuses: readonly ContainerStatus[],
  phase: PodStatus["phase"],
  conditions: readonly PodCondition[],
): { containersReady: [string, string?, string?]; ready: [string, string?, string?] } {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknownNames: string[] = [];
  const unready: string[] = [];
  const check = (c: Container) => {
    const s = byName.get(c.name);
    if (!s) unknownNames.push(c.name);
    else if (!s.ready) unready.push(c.name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isSidecar(c)) check(c);
  for (const c of pod.spec?.containers ?? []) check(c);
  let containersReady: [string, string?, string?];
  if ((phase === "Succeeded" && unknownNames.length === 0) || phase === "Failed") {
    containersReady = ["False", phase === "Failed" ? "PodFailed" : "PodCompleted"];
  } else {
    const messages: string[] = [];
    if (unknownNames.length > 0) messages.push(`containers with unknown status: ${list(unknownNames)}`);
    if (unready.length > 0) messages.push(`containers with unready status: ${list(unready)}`);
    containersReady = messages.length > 0 ? ["False", "ContainersNotReady", messages.join(", ")] : ["True"];
  }
  if (containersReady[0] !== "True") return { containersReady, ready: containersReady };
  const gates: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c)
      gates.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== "True")
      gates.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  return {
    containersReady,
    ready: gates.length > 0 ? ["False", "ReadinessGatesNotReady", gates.join(", ")] : ["True"],
  };
}

/** GeneratePodInitializedCondition (v1.32, with sidecars). */
function initialized(
  pod: Pod,
  statuses: readonly ContainerStatus[],
  phase: PodStatus["phase"],
): [string, string?, string?] {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknownNames: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    const s = byName.get(c.name);
    if (!s) unknownNames.push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === "Succeeded" && unknownNames.length === 0) return ["True", "PodCompleted"];
  if (hasAnyRegularContainerStarted(pod, statuses)) return ["True"];
  const messages: string[] = [];
  if (unknownNames.length > 0) messages.push(`containers with unknown status: ${list(unknownNames)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  return messages.length > 0 ? ["False", "ContainersNotInitialized", messages.join(", ")] : ["True"];
}

/** The kubelet's conditions for a pod status, in the order it writes them. */
export function podConditions(
  pod: Pod,
  status: PodStatus,
  previous: readonly PodCondition[],
  sandboxReady: boolean,
  now: string,
): PodCondition[] {
  const kubeletOwned = new Set([
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
  ]);
  const conditions: PodCondition[] = previous.filter((c) => !kubeletOwned.has(c.type));
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const init = initialized(pod, all, status.phase);
  const { containersReady, ready } = readiness(pod, all, status.phase, previous);
  conditions.push(
    condition(previous, "PodReadyToStartContainers", sandboxReady ? "True" : "False", now),
    condition(previous, "Initialized", init[0] as "True", now, init[1], init[2]),
    condition(previous, "Ready", ready[0] as "True", now, ready[1], ready[2]),
    condition(
      previous,
      "ContainersReady",
      containersReady[0] as "True",
      now,
      containersReady[1],
      containersReady[2],
    ),
  );
  const scheduled = previous.find((c) => c.type === "PodScheduled");
  conditions.push(scheduled ?? condition(previous, "PodScheduled", "True", now));
  return conditions;
}

/**
 * generateAPIPodStatus (pkg/kubelet/kubelet_pods.go, v1.32): container statuses from the runtime
 * (latest instance, the one before as lastState, waiting reasons from the reason cache), the
 * phase, the kubelet's conditions in its order (PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, PodScheduled), IPs and start time. A terminal phase never changes again.
 */
export function generatePodStatus(
  pod: Pod,
  view: PodRuntimeView,
  old: PodStatus | undefined,
  now: string,
  podIsTerminal: boolean,
): PodStatus {
  const previous = old ?? pod.status ?? {};
  const containerStatusList = containerStatuses(
    pod,
    view,
    pod.spec?.containers ?? [],
    previous.containerStatuses ?? [],
    false,
  );
  const initSpecs = pod.spec?.initContainers ?? [];
  const initStatusList =
    initSpecs.length > 0
      ? containerStatuses(pod, view, initSpecs, previous.initContainerStatuses ?? [], true)
      : undefined;
  let phase = getPhase(pod, [...containerStatusList, ...(initStatusList ?? [])], podIsTerminal);
  const terminal = (p: string | undefined): p is "Succeeded" | "Failed" =>
    p === "Succeeded" || p === "Failed";
  const apiPhase = pod.status?.phase;
  if (!terminal(phase)) {
    if (terminal(previous.phase)) phase = previous.phase;
    else if (terminal(apiPhase)) phase = apiPhase;
  }
  if (terminal(apiPhase)) phase = apiPhase;
  const status: PodStatus = { phase };
  if (initStatusList) status.initContainerStatuses = initStatusList;
  status.containerStatuses = containerStatusList;
  status.conditions = podConditions(
    pod,
    status,
    pod.status?.conditions ?? previous.conditions ?? [],
    view.sandbox?.ready ?? false,
    now,
  );
  status.hostIP = view.hostIP;
  status.hostIPs = [{ ip: view.hostIP }];
  // A host-network pod's IP is the node's from its first status on, sandbox or not
  // (generateAPIPodStatus in pkg/kubelet/kubelet_pods.go).
  const podIP = view.podIP ?? (pod.spec?.hostNetwork ? view.hostIP : undefined);
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.qosClass = podQOSClass(pod);
  if (phase === previous.phase) {
    if (previous.reason) status.reason = previous.reason;
    if (previous.message) status.message = previous.message;
  }
  if (view.startTime) status.startTime = view.startTime;
  return status;
}
