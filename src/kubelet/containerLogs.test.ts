import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "../api/types.ts";
import { containerIDForLogs, formatLogs, KubeletError, rfc3339Nano } from "./containerLogs.ts";

function status(container: Partial<ContainerStatus>): NonNullable<Pod["status"]> {
  return {
    containerStatuses: [
      {
        name: "app",
        image: "nginx",
        imageID: "",
        ready: false,
        restartCount: 0,
        ...container,
      } as ContainerStatus,
    ],
  };
}

test("which container a log request reads, and the kubelet's refusals", () => {
  assert.equal(
    containerIDForLogs("web", status({ containerID: "c1", state: { running: {} } }), "app", false),
    "c1",
  );
  const crashed = status({
    containerID: "c2",
    state: { waiting: { reason: "CrashLoopBackOff" } },
    lastState: { terminated: { containerID: "c1", exitCode: 1 } },
  });
  assert.equal(containerIDForLogs("web", crashed, "app", false), "c1");
  assert.equal(containerIDForLogs("web", crashed, "app", true), "c1");
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof KubeletError);
      return error.message;
    }
    return "no error";
  };
  assert.equal(
    message(() =>
      containerIDForLogs(
        "web",
        status({ state: { waiting: { reason: "ContainerCreating" } } }),
        "app",
        false,
      ),
    ),
    'container "app" in pod "web" is waiting to start: ContainerCreating',
  );
  assert.equal(
    message(() =>
      containerIDForLogs("web", status({ state: { waiting: { reason: "ErrImagePull" } } }), "app", false),
    ),
    'container "app" in pod "web" is waiting to start: image can\'t be pulled',
  );
  assert.equal(
    message(() => containerIDForLogs("web", status({ state: { running: {} } }), "app", true)),
    'previous terminated container "app" in pod "web" not found',
  );
  assert.equal(
    message(() => containerIDForLogs("web", status({}), "nope", false)),
    'container "nope" in pod "web" is not available',
  );
});

test("log text: interleaved streams, tail, timestamps, since and partial lines", () => {
  const entries = [
    { time: Date.UTC(2025, 2, 1, 9, 0, 1), stream: "stdout" as const, text: "one" },
    { time: Date.UTC(2025, 2, 1, 9, 0, 2, 500), stream: "stderr" as const, text: "two" },
    { time: Date.UTC(2025, 2, 1, 9, 0, 3), stream: "stdout" as const, text: "three", partial: true },
  ];
  const now = Date.UTC(2025, 2, 1, 9, 0, 4);
  assert.equal(formatLogs(entries, {}, now), "one\ntwo\nthree");
  assert.equal(formatLogs(entries, { tailLines: 1 }, now), "three");
  assert.equal(
    formatLogs(entries, { tailLines: 2, timestamps: true }, now),
    "2025-03-01T09:00:02.5Z two\n2025-03-01T09:00:03Z three",
  );
  assert.equal(formatLogs(entries, { sinceSeconds: 2 }, now), "two\nthree");
  assert.equal(formatLogs(entries, { limitBytes: 5 }, now), "one\nt");
  assert.equal(rfc3339Nano(Date.UTC(2025, 2, 1, 9, 0, 0, 120)), "2025-03-01T09:00:00.12Z");
});
