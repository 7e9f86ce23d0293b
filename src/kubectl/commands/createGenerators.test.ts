import assert from "node:assert/strict";
import { test } from "node:test";
import { PrefixWriter } from "../describe/PrefixWriter.ts";
import { containerNameForImage, deploymentFor } from "./createGenerators.ts";

test("container names come from the image's last path segment", () => {
  assert.equal(containerNameForImage("nginx"), "nginx");
  assert.equal(containerNameForImage("registry.k8s.io/pause:3.10"), "pause");
  assert.equal(containerNameForImage("ghcr.io/org/app@sha256:abc"), "app");
  // `_` and `.` become dashes and get a five-character suffix, stable for the same image.
  const name = containerNameForImage("my_registry/web.app:1");
  assert.match(name, /^web-app-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(containerNameForImage("my_registry/web.app:1"), name);
});

test("create deployment puts the port on the first container and the command on every one", () => {
  const d = deploymentFor("web", ["nginx", "redis"], 2, 80, []) as unknown as {
    spec: { replicas: number; template: { spec: { containers: { name: string; ports?: unknown }[] } } };
  };
  assert.equal(d.spec.replicas, 2);
  assert.deepEqual(
    d.spec.template.spec.containers.map((c) => c.name),
    ["nginx", "redis"],
  );
  assert.deepEqual(d.spec.template.spec.containers[0]?.ports, [{ containerPort: 80 }]);
  assert.equal(d.spec.template.spec.containers[1]?.ports, undefined);
  const sleeper = deploymentFor("s", ["busybox"], 1, -1, ["sleep", "1"]) as unknown as {
    spec: { template: { spec: { containers: { command?: string[]; ports?: unknown }[] } } };
  };
  assert.deepEqual(sleeper.spec.template.spec.containers[0]?.command, ["sleep", "1"]);
  assert.equal(sleeper.spec.template.spec.containers[0]?.ports, undefined);
});

test("a PrefixWriter without a tabwriter keeps the tabs", () => {
  const raw = new PrefixWriter({ tabbed: false });
  raw.write(1, "Image:\t%s\n", "nginx");
  assert.equal(raw.toString(), "  Image:\tnginx\n");
  const tabbed = new PrefixWriter();
  tabbed.write(1, "Image:\t%s\n", "nginx");
  assert.equal(tabbed.toString(), "  Image:  nginx\n");
});
