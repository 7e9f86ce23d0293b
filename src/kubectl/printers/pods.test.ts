import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "../../api/types.ts";
import { podPrinter } from "./pods.ts";

const now = Date.parse("2025-03-01T10:00:00Z");

function row(
  spec: Partial<NonNullable<Pod["spec"]>>,
  status: NonNullable<Pod["status"]>,
  meta: Pod["metadata"] = {},
): string[] {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", creationTimestamp: "2025-03-01T09:58:30Z", ...meta },
    spec: { containers: [{ name: "a" }, { name: "b" }], ...spec },
    status,
  } as Pod;
  return podPrinter.row(pod, { now, wide: true }).map(String);
}

const running = { state: { running: { startedAt: "2025-03-01T09:59:00Z" } }, ready: true, restartCount: 0 };

test("READY counts ready running containers; AGE uses HumanDuration", () => {
  const cells = row(
    {},
    {
      phase: "Running",
      containerStatuses: [
        { name: "a", image: "", imageID: "", ...running },
        { name: "b", image: "", imageID: "", ...running, ready: false },
      ],
    },
  );
  assert.deepEqual(cells.slice(0, 5), ["p", "1/2", "Running", "0", "90s"]);
});

test("the first container's waiting reason wins", () => {
  const cells = row(
    {},
    {
      phase: "Pending",
      containerStatuses: [
        {
          name: "a",
          image: "",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: "ImagePullBackOff" } },
        },
        {
          name: "b",
          image: "",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: "ContainerCreating" } },
        },
      ],
    },
  );
  assert.equal(cells[2], "ImagePullBackOff");
});

test("restarts show when the last one happened", () => {
  const cells = row(
    { containers: [{ name: "a" }] },
    {
      phase: "Running",
      containerStatuses: [
        {
          name: "a",
          image: "",
          imageID: "",
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, finishedAt: "2025-03-01T09:59:18Z" } },
        },
      ],
    },
  );
  assert.deepEqual(cells.slice(1, 4), ["0/1", "CrashLoopBackOff", "3 (42s ago)"]);
});

test("init containers, sidecars and terminating pods", () => {
  const init = row(
    { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] },
    {
      phase: "Pending",
      initContainerStatuses: [
        {
          name: "i1",
          image: "",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0 } },
        },
        { name: "i2", image: "", imageID: "", ready: false, restartCount: 0, state: { running: {} } },
      ],
    },
  );
  assert.equal(init[2], "Init:1/2");
  const sidecar = row(
    { initContainers: [{ name: "log", restartPolicy: "Always" }], containers: [{ name: "a" }] },
    {
      phase: "Running",
      conditions: [{ type: "Initialized", status: "True" }],
      initContainerStatuses: [
        {
          name: "log",
          image: "",
          imageID: "",
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: {} },
        },
      ],
      containerStatuses: [{ name: "a", image: "", imageID: "", ...running }],
    },
  );
  assert.deepEqual(sidecar.slice(1, 3), ["2/2", "Running"]);
  const terminating = row(
    { containers: [{ name: "a" }] },
    { phase: "Running", containerStatuses: [{ name: "a", image: "", imageID: "", ...running }] },
    { deletionTimestamp: "2025-03-01T10:00:30Z" },
  );
  assert.equal(terminating[2], "Terminating");
  const gated = row(
    {},
    { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] },
  );
  assert.equal(gated[2], "SchedulingGated");
  assert.deepEqual(gated.slice(5), ["<none>", "<none>", "<none>", "<none>"]);
});
