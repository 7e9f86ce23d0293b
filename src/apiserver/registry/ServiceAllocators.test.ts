import assert from "node:assert/strict";
import { test } from "node:test";
import { SeededRandom } from "../../clock/SeededRandom.ts";
import { AllocationError, ClusterIPAllocator, NodePortAllocator, SERVICE_CIDR } from "./ServiceAllocators.ts";

test("requested cluster IPs must be in 10.96.0.0/12 and free", () => {
  const ips = new ClusterIPAllocator(SERVICE_CIDR, new SeededRandom(1));
  assert.equal(ips.allocate("10.96.0.10", new Set()), "10.96.0.10");
  assert.throws(
    () => ips.allocate("10.96.0.1", new Set(["10.96.0.1"])),
    /^Error: provided IP is already allocated$/,
  );
  assert.throws(
    () => ips.allocate("10.0.0.10", new Set()),
    (e: unknown) =>
      e instanceof AllocationError &&
      e.message ===
        "the provided IP (10.0.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
  );
  // The network and broadcast addresses are never handed out.
  assert.equal(ips.contains("10.96.0.0"), false);
  assert.equal(ips.contains("10.111.255.255"), false);
  assert.equal(ips.contains("10.111.255.254"), true);
});

test("dynamic cluster IPs come from above the static band and are deterministic per seed", () => {
  const draw = (seed: number) =>
    new ClusterIPAllocator(SERVICE_CIDR, new SeededRandom(seed)).allocateNext(new Set());
  assert.equal(draw(7), draw(7));
  for (let seed = 1; seed < 50; seed++) {
    const [, , third] = draw(seed).split(".").map(Number);
    const second = Number(draw(seed).split(".")[1]);
    // 10.96.0.1 … 10.96.1.0 (the first 256) are kept for static requests such as 10.96.0.10.
    assert.ok(second > 96 || (third ?? 0) >= 1, `seed ${seed} drew ${draw(seed)}`);
  }
});

test("a small range falls back to the static band when the upper one is full", () => {
  const ips = new ClusterIPAllocator("10.0.0.0/28", new SeededRandom(3));
  const used = new Set<string>();
  for (let i = 0; i < 14; i++) used.add(ips.allocateNext(used));
  assert.equal(used.size, 14);
  assert.throws(() => ips.allocateNext(used), /range is full/);
});

test("node ports: range, conflicts and dynamic allocation above 30085", () => {
  const ports = new NodePortAllocator(new SeededRandom(1));
  assert.equal(ports.range, "30000-32767");
  assert.equal(ports.allocate(30080, new Set()), 30080);
  assert.throws(() => ports.allocate(30080, new Set([30080])), /^Error: provided port is already allocated$/);
  assert.throws(
    () => ports.allocate(40000, new Set()),
    /provided port is not in the valid range. The range of valid ports is 30000-32767/,
  );
  for (let i = 0; i < 100; i++) {
    const p = new NodePortAllocator(new SeededRandom(i)).allocateNext(new Set());
    assert.ok(p >= 30086 && p <= 32767, `dynamic port ${p}`);
  }
  const used = new Set<number>();
  for (let p = 30086; p <= 32767; p++) used.add(p);
  const fallback = ports.allocateNext(used);
  assert.ok(fallback >= 30000 && fallback < 30086);
});
