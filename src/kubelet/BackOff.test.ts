import assert from "node:assert/strict";
import { test } from "node:test";
import { BackOff } from "./BackOff.ts";

test("container back-off: 10 s doubling to 300 s, measured from the last exit", () => {
  let now = 0;
  const backOff = new BackOff(() => now);
  const key = "web_default_uid_app";
  assert.equal(backOff.isInBackOffSince(key, 0), false, "the first crash restarts at once");
  backOff.next(key, 0);
  const seen: number[] = [backOff.get(key)];
  for (let i = 0; i < 7; i++) {
    now += 1000;
    backOff.next(key, now);
    seen.push(backOff.get(key));
  }
  assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  const exitedAt = now;
  now += 299_000;
  assert.equal(backOff.isInBackOffSince(key, exitedAt), true);
  now += 1000;
  assert.equal(backOff.isInBackOffSince(key, exitedAt), false);
});

test("ten minutes without an update reset the back-off", () => {
  let now = 0;
  const backOff = new BackOff(() => now);
  backOff.next("k", 0);
  now = 1000;
  backOff.next("k", 1000);
  assert.equal(backOff.get("k"), 20_000);
  now = 1000 + 600_001;
  assert.equal(backOff.isInBackOffSince("k", now), false);
  backOff.next("k", now);
  assert.equal(backOff.get("k"), 10_000);
});

test("image pull back-off counts from the last failure; gc and reset forget entries", () => {
  let now = 0;
  const backOff = new BackOff(() => now);
  backOff.next("uid_nginx:bad", now);
  now = 9_999;
  assert.equal(backOff.isInBackOffSinceUpdate("uid_nginx:bad"), true);
  now = 10_000;
  assert.equal(backOff.isInBackOffSinceUpdate("uid_nginx:bad"), false);
  backOff.reset("uid_nginx:bad");
  assert.equal(backOff.get("uid_nginx:bad"), 0);
  backOff.next("other", now);
  now += 700_000;
  backOff.gc();
  assert.equal(backOff.get("other"), 0);
});
