import type { Pod } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

/** printPod (pkg/printers/internalversion/printers.go), v1.32. */
export const podPrinter: ResourcePrinter<Pod> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Ready"),
    column("Status"),
    column("Restarts"),
    column("Age"),
    column("IP", 1),
    column("Node", 1),
    column("Nominated Node", 1),
    column("Readiness Gates", 1),
  ],
  row(pod, { now }) {
    const spec = pod.spec;
    const status = pod.status ?? {};
    let restarts = 0;
    let restartableRestarts = 0;
    let totalContainers = spec?.containers.length ?? 0;
    let readyContainers = 0;
    let lastRestart = 0;
    let lastRestartableRestart = 0;
    let reason: string = status.phase ?? "";
    if (status.reason) reason = status.reason;
    for (const c of status.conditions ?? []) {
      if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
    }
    const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
    for (const c of spec?.initContainers ?? []) if (c.restartPolicy === "Always") totalContainers++;
    const finishedAt = (s: { lastState?: { terminated?: { finishedAt?: string } } }) => {
      const t = s.lastState?.terminated?.finishedAt;
      return t ? Date.parse(t) : 0;
    };

    let initializing = false;
    const initStatuses = status.initContainerStatuses ?? [];
    for (const [i, c] of initStatuses.entries()) {
      restarts += c.restartCount;
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const restartable = initSpecs.get(c.name)?.restartPolicy === "Always";
      if (restartable) {
        restartableRestarts += c.restartCount;
        lastRestartableRestart = Math.max(lastRestartableRestart, finishedAt(c));
      }
      const terminated = c.state?.terminated;
      const waiting = c.state?.waiting;
      if (terminated && terminated.exitCode === 0) continue;
      if (restartable && c.started) {
        if (c.ready) readyContainers++;
        continue;
      }
      if (terminated) {
        if (!terminated.reason) {
          reason = terminated.signal
            ? `Init:Signal:${terminated.signal}`
            : `Init:ExitCode:${terminated.exitCode}`;
        } else reason = `Init:${terminated.reason}`;
      } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
        reason = `Init:${waiting.reason}`;
      } else {
        reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
      }
      initializing = true;
      break;
    }

    const initializedTrue = (status.conditions ?? []).some(
      (c) => c.type === "Initialized" && c.status === "True",
    );
    if (!initializing || initializedTrue) {
      restarts = restartableRestarts;
      lastRestart = lastRestartableRestart;
      let hasRunning = false;
      const statuses = status.containerStatuses ?? [];
      for (let i = statuses.length - 1; i >= 0; i--) {
        const c = statuses[i] as NonNullable<typeof status.containerStatuses>[number];
        restarts += c.restartCount;
        lastRestart = Math.max(lastRestart, finishedAt(c));
        const waiting = c.state?.waiting;
        const terminated = c.state?.terminated;
        if (waiting?.reason) reason = waiting.reason;
        else if (terminated?.reason) reason = terminated.reason;
        else if (terminated)
          reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
        else if (c.ready && c.state?.running) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if (reason === "Completed" && hasRunning) {
        reason = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
          ? "Running"
          : "NotReady";
      }
    }

    const terminal = status.phase === "Succeeded" || status.phase === "Failed";
    if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
    else if (pod.metadata?.deletionTimestamp && !terminal) reason = "Terminating";

    let restartsText = String(restarts);
    if (restarts !== 0 && lastRestart > 0)
      restartsText = `${restarts} (${timestampSince(new Date(lastRestart).toISOString(), now)} ago)`;

    let readinessGates = "<none>";
    const gates = spec?.readinessGates ?? [];
    if (gates.length > 0) {
      const trueCount = gates.filter(
        (g) => (status.conditions ?? []).find((c) => c.type === g.conditionType)?.status === "True",
      ).length;
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return [
      pod.metadata?.name ?? "",
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsText,
      timestampSince(pod.metadata?.creationTimestamp, now),
      status.podIPs?.[0]?.ip || "<none>",
      spec?.nodeName || "<none>",
      status.nominatedNodeName || "<none>",
      readinessGates,
    ];
  },
};
