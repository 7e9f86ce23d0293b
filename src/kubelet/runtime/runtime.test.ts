import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "../../api/types.ts";
import { EventLoop } from "../../clock/EventLoop.ts";
import { ImageCatalogue } from "../ImageCatalogue.ts";
import { Pleg } from "../Pleg.ts";
import { canAdmitPod } from "../PodAdmission.ts";
import { containerMachine, nextContainerState } from "./containerMachine.ts";
import { renderTemplate } from "./logTemplate.ts";
import {
  containerArgv,
  findProcess,
  hasExecutable,
  parseStressSize,
  startErrorMessage,
  unwrap,
} from "./programs.ts";

const catalogue = new ImageCatalogue();

test("the container lifecycle statechart and its transition table agree", () => {
  assert.equal(containerMachine.id, "container");
  assert.equal(nextContainerState("created", { type: "START" }), "running");
  assert.equal(nextContainerState("created", { type: "START_FAILED" }), "exited");
  assert.equal(nextContainerState("running", { type: "STOP" }), "stopping");
  assert.equal(nextContainerState("stopping", { type: "EXIT" }), "exited");
  assert.throws(() => nextContainerState("exited", { type: "START" }), /cannot take START/);
});

test("which program a container runs (Docker command semantics, wrappers, subcommands)", () => {
  const nginx = catalogue.lookup("nginx");
  const redis = catalogue.lookup("redis");
  const agnhost = catalogue.lookup("registry.k8s.io/e2e-test-images/agnhost:2.40");
  assert.ok(nginx && redis && agnhost);
  assert.deepEqual(containerArgv(nginx, [], []), ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]);
  assert.deepEqual(containerArgv(nginx, ["sleep"], ["5"]), ["sleep", "5"]);
  assert.deepEqual(containerArgv(redis, [], ["--port", "6380"]), ["docker-entrypoint.sh", "--port", "6380"]);
  assert.deepEqual(unwrap(redis, ["docker-entrypoint.sh", "--port", "6380"]), [
    "redis-server",
    "--port",
    "6380",
  ]);
  assert.deepEqual(unwrap(redis, ["docker-entrypoint.sh", "sleep", "5"]), ["sleep", "5"]);
  assert.equal(findProcess(nginx, containerArgv(nginx, [], []))?.listen[0]?.port, 80);
  assert.equal(findProcess(agnhost, ["/agnhost", "liveness"])?.listen[0]?.port, 8080);
  assert.equal(findProcess(agnhost, ["/agnhost", "serve-hostname"])?.listen[0]?.port, 9376);
  assert.ok(hasExecutable(nginx, ["curl"]));
  assert.ok(!hasExecutable(nginx, ["wget"]));
  assert.ok(hasExecutable(catalogue.lookup("busybox") ?? nginx, ["wget"]));
  assert.ok(!hasExecutable(catalogue.lookup("registry.k8s.io/pause") ?? nginx, ["sh"]));
  assert.match(startErrorMessage(["/app"]), /exec: "\/app": stat \/app: no such file or directory: unknown$/);
  assert.equal(parseStressSize("250M"), 250 * 1024 * 1024);
  assert.equal(parseStressSize("lots"), undefined);
});

test("log templates", () => {
  const t = Date.UTC(2025, 2, 1, 9, 5, 7, 42);
  assert.equal(
    renderTemplate("{now:nginx} nginx/{version} {unknown}", t, { version: "1.27.4" }),
    "2025/03/01 09:05:07 nginx/1.27.4 {unknown}",
  );
  assert.equal(renderTemplate("[{now:clf}]", t, {}), "[01/Mar/2025:09:05:07 +0000]");
  assert.equal(
    renderTemplate("{now:redis}|{now:unix}|{now}", t, {}),
    "01 Mar 2025 09:05:07.042|1740819907|2025-03-01T09:05:07.042000Z",
  );
});

test("the kubelet's admission counts what admitted pods request", () => {
  const pod = (cpu: string): Pod => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu, memory: "1Gi" } } }] },
  });
  const allocatable = { cpu: "4", memory: "8Gi", pods: "2" };
  assert.equal(canAdmitPod(pod("1"), [pod("2")], allocatable), undefined);
  assert.deepEqual(canAdmitPod(pod("3"), [pod("2")], allocatable), {
    reason: "OutOfcpu",
    message: "Node didn't have enough resource: cpu, requested: 3000, used: 2000, capacity: 4000",
  });
  assert.equal(canAdmitPod(pod("1"), [pod("1"), pod("1")], allocatable)?.reason, "OutOfpods");
  assert.equal(canAdmitPod(pod("1"), [], { ...allocatable, memory: "512Mi" })?.reason, "OutOfmemory");
});

test("PLEG notices changes at the next whole relist second, once per pod", () => {
  const loop = new EventLoop(0);
  const synced: string[] = [];
  const pleg = new Pleg(loop, (uid) => synced.push(`${uid}@${loop.now()}`));
  loop.setTimeout(() => {
    pleg.changed("a");
    pleg.changed("a");
    pleg.changed("b");
  }, 2300);
  loop.advance(5000);
  assert.deepEqual(synced, ["a@3000", "b@3000"]);
  pleg.changed("c");
  pleg.reset();
  loop.advance(5000);
  assert.deepEqual(synced, ["a@3000", "b@3000"]);
});
