import type { ContainerStatus, Pod } from "../api/types.ts";
import type { LogEntry, RuntimeContainer } from "./runtime/RuntimeContainer.ts";

/** Options of a log request (PodLogOptions, the parts kubespec serves). */
export interface LogOptions {
  previous?: boolean;
  /** Lines from the end; undefined or negative for all. */
  tailLines?: number;
  timestamps?: boolean;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  limitBytes?: number;
}

/** An error the kubelet answers a log request with (the apiserver relays it as 400 BadRequest). */
export class KubeletError extends Error {
  override name = "KubeletError";
}

/** Go's time.RFC3339Nano: fraction with trailing zeros trimmed. */
export function rfc3339Nano(millis: number): string {
  const iso = new Date(millis).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ""}Z`;
}

function find(statuses: readonly ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  return statuses?.find((s) => s.name === name);
}

/**
 * validateContainerLogStatus (pkg/kubelet/kubelet_pods.go): which container ID a log request
 * reads, judged from the pod status, with the kubelet's exact errors for containers that have no
 * logs yet.
 */
export function containerIDForLogs(
  podName: string,
  status: NonNullable<Pod["status"]>,
  container: string,
  previous: boolean,
): string {
  const s =
    find(status.containerStatuses, container) ??
    find(status.initContainerStatuses, container) ??
    find(status.ephemeralContainerStatuses, container);
  if (!s) throw new KubeletError(`container "${container}" in pod "${podName}" is not available`);
  const last = s.lastState?.terminated;
  const { waiting, running, terminated } = s.state ?? {};
  if (previous) {
    if (!last?.containerID)
      throw new KubeletError(`previous terminated container "${container}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (running) return s.containerID ?? "";
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw new KubeletError(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID)
      throw new KubeletError(`container "${container}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  if (waiting) {
    if (waiting.reason === "ErrImagePull")
      throw new KubeletError(
        `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`,
      );
    if (waiting.reason === "ImagePullBackOff")
      throw new KubeletError(
        `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
      );
    throw new KubeletError(
      `container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ""}`,
    );
  }
  throw new KubeletError(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

/**
 * The text of a container's log as the CRI log reader returns it: stdout and stderr interleaved in
 * time order, `--tail`, `--since`, `--timestamps` and `--limit-bytes` applied.
 *
 * @example
 * ```ts
 * formatLogs(container.logs, { tailLines: 2, timestamps: true }, now);
 * // "2025-03-01T09:00:04.1Z line one\n2025-03-01T09:00:05Z line two\n"
 * ```
 */
export function formatLogs(entries: readonly LogEntry[], options: LogOptions, now: number): string {
  let lines = entries;
  const since = options.sinceSeconds;
  if (since !== undefined) lines = lines.filter((e) => e.time >= now - since * 1000);
  if (options.tailLines !== undefined && options.tailLines >= 0)
    lines = lines.slice(Math.max(0, lines.length - options.tailLines));
  let text = lines
    .map((e) => `${options.timestamps ? `${rfc3339Nano(e.time)} ` : ""}${e.text}${e.partial ? "" : "\n"}`)
    .join("");
  if (options.limitBytes !== undefined && options.limitBytes >= 0)
    text = Buffer.from(text).subarray(0, options.limitBytes).toString();
  return text;
}

/** Find the runtime container a log request names among a pod's instances. */
export function instanceByID(
  instances: readonly RuntimeContainer[],
  id: string,
): RuntimeContainer | undefined {
  return instances.find((c) => c.id === id);
}
