import type { ContainerStatus, Pod, PodCondition } from "../api/types.ts";

type ContainerState = NonNullable<ContainerStatus["state"]>;

/** The kubelet's view of one container. */
export interface ContainerRecord {
  name: string;
  /** Image as written in the spec. */
  image: string;
  /** Normalized image reference once pulled (status.image). */
  imageRef?: string;
  imageID?: string;
  containerID?: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

/** What the pod worker knows, from which the API status is generated. */
export interface PodRuntimeState {
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  startTime?: string;
  containers: ContainerRecord[];
  /** The pod is being torn down (deleted or evicted): the phase becomes terminal once all stop. */
  terminating: boolean;
}

/** kubelet getPhase for the app containers. */
export function podPhase(pod: Pod, state: PodRuntimeState): string {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of state.containers) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return state.terminating && running === 0 && stopped === 0 ? "Failed" : "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (state.terminating) return stopped === succeeded ? "Succeeded" : "Failed";
    const policy = pod.spec?.restartPolicy ?? "Always";
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

/**
 * generateAPIPodStatus: phase, conditions (PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, then PodScheduled and any condition the kubelet does not own), container
 * statuses sorted by name, IPs and start time.
 */
export function generatePodStatus(pod: Pod, state: PodRuntimeState, now: string): NonNullable<Pod["status"]> {
  const previous = pod.status?.conditions ?? [];
  const phase = podPhase(pod, state);
  const terminal = phase === "Succeeded" || phase === "Failed";
  const unready = state.containers.filter((c) => !c.ready).map((c) => c.name);
  const conditions: PodCondition[] = [
    condition(previous, "PodReadyToStartContainers", state.sandboxReady && !terminal ? "True" : "False", now),
    condition(previous, "Initialized", "True", now),
  ];
  if (terminal) {
    const reason = phase === "Succeeded" ? "PodCompleted" : "PodFailed";
    conditions.push(
      condition(previous, "Ready", "False", now, reason),
      condition(previous, "ContainersReady", "False", now, reason),
    );
  } else if (unready.length > 0) {
    const message = `containers with unready status: [${unready.join(" ")}]`;
    conditions.push(
      condition(previous, "Ready", "False", now, "ContainersNotReady", message),
      condition(previous, "ContainersReady", "False", now, "ContainersNotReady", message),
    );
  } else {
    conditions.push(
      condition(previous, "Ready", "True", now),
      condition(previous, "ContainersReady", "True", now),
    );
  }
  const owned = new Set(conditions.map((c) => c.type));
  for (const c of previous) if (!owned.has(c.type)) conditions.push(c);
  const containerStatuses: ContainerStatus[] = [...state.containers]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => {
      const spec = pod.spec?.containers.find((s) => s.name === c.name);
      const mounts = (spec?.volumeMounts ?? []).map((m) => ({
        mountPath: m.mountPath,
        name: m.name,
        ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}),
      }));
      const status: ContainerStatus = {
        ...(c.containerID ? { containerID: c.containerID } : {}),
        image: c.imageRef ?? c.image,
        imageID: c.imageID ?? "",
        lastState: c.lastState,
        name: c.name,
        ready: c.ready,
        restartCount: c.restartCount,
        started: c.started,
        state: c.state,
      };
      if (mounts.length > 0) (status as unknown as { volumeMounts: unknown }).volumeMounts = mounts;
      return status;
    });
  const status: NonNullable<Pod["status"]> = {
    conditions,
    containerStatuses,
    hostIP: state.hostIP,
    hostIPs: [{ ip: state.hostIP }],
    phase: phase as "Pending" | "Running" | "Succeeded" | "Failed",
    qosClass: pod.status?.qosClass ?? "BestEffort",
  };
  if (state.podIP) {
    status.podIP = state.podIP;
    status.podIPs = [{ ip: state.podIP }];
  }
  if (state.startTime) status.startTime = state.startTime;
  return status;
}
