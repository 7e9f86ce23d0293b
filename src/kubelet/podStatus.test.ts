import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "../api/types.ts";
import { getPhase } from "./podStatus.ts";

function pod(restartPolicy: string, init: { name: string; restartPolicy?: string }[] = []): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: {
      restartPolicy: restartPolicy as "Always",
      initContainers: init.map((c) => ({ ...c, image: "busybox" })) as never,
      containers: [{ name: "app", image: "busybox" }],
    },
  };
}

const running = (name: string, started = true): ContainerStatus =>
  ({
    name,
    state: { running: {} },
    started,
    ready: started,
    restartCount: 0,
    image: "",
    imageID: "",
  }) as ContainerStatus;
const exited = (name: string, exitCode: number): ContainerStatus =>
  ({
    name,
    state: { terminated: { exitCode } },
    ready: false,
    restartCount: 0,
    image: "",
    imageID: "",
  }) as ContainerStatus;
const waiting = (name: string, last?: number): ContainerStatus =>
  ({
    name,
    state: { waiting: { reason: "X" } },
    lastState: last === undefined ? {} : { terminated: { exitCode: last } },
    ready: false,
    restartCount: 0,
    image: "",
    imageID: "",
  }) as ContainerStatus;

test("getPhase: restart policies and exit codes", () => {
  assert.equal(getPhase(pod("Always"), [waiting("app")], false), "Pending");
  assert.equal(getPhase(pod("Always"), [running("app")], false), "Running");
  assert.equal(getPhase(pod("Always"), [exited("app", 0)], false), "Running");
  assert.equal(getPhase(pod("Always"), [waiting("app", 1)], false), "Running");
  assert.equal(getPhase(pod("OnFailure"), [exited("app", 0)], false), "Succeeded");
  assert.equal(getPhase(pod("OnFailure"), [exited("app", 1)], false), "Running");
  assert.equal(getPhase(pod("Never"), [exited("app", 1)], false), "Failed");
  assert.equal(getPhase(pod("Always"), [exited("app", 137)], true), "Failed");
  assert.equal(getPhase(pod("Always"), [exited("app", 0)], true), "Succeeded");
});

test("getPhase: init containers and sidecars", () => {
  const withInit = pod("Always", [{ name: "init" }]);
  assert.equal(getPhase(withInit, [running("init"), waiting("app")], false), "Pending");
  assert.equal(
    getPhase(pod("Never", [{ name: "init" }]), [exited("init", 1), waiting("app")], false),
    "Failed",
  );
  const withSidecar = pod("Never", [{ name: "proxy", restartPolicy: "Always" }]);
  assert.equal(getPhase(withSidecar, [running("proxy", false), waiting("app")], false), "Pending");
  assert.equal(getPhase(withSidecar, [running("proxy"), running("app")], false), "Running");
  // A finished app with its sidecar still stopping is Running; once it stopped, Succeeded.
  assert.equal(getPhase(withSidecar, [running("proxy"), exited("app", 0)], false), "Running");
  assert.equal(getPhase(withSidecar, [exited("proxy", 137), exited("app", 0)], false), "Succeeded");
});
