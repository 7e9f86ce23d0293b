import assert from "node:assert/strict";
import { test } from "node:test";
import { EventLoop, SettleLimitError } from "./EventLoop.ts";
import { SeededRandom } from "./SeededRandom.ts";

test("timers fire in due order, ties in creation order, and time jumps to them", () => {
  const loop = new EventLoop(0);
  const fired: string[] = [];
  loop.setTimeout(() => fired.push(`b@${loop.now()}`), 20);
  loop.setTimeout(() => fired.push(`a@${loop.now()}`), 10);
  loop.setTimeout(() => fired.push(`c@${loop.now()}`), 20);
  const cancelled = loop.setTimeout(() => fired.push("cancelled"), 15);
  loop.clearTimeout(cancelled);
  loop.enqueue(() => fired.push(`task@${loop.now()}`));
  loop.advance(15);
  assert.deepEqual(fired, ["task@0", "a@10"]);
  assert.equal(loop.now(), 15);
  loop.advance(100);
  assert.deepEqual(fired, ["task@0", "a@10", "b@20", "c@20"]);
  assert.equal(loop.now(), 115);
});

test("advanceUntil stops as soon as the condition holds", () => {
  const loop = new EventLoop(0);
  let n = 0;
  const tick = () => {
    n++;
    loop.setTimeout(tick, 10);
  };
  loop.setTimeout(tick, 10);
  assert.equal(
    loop.advanceUntil(1000, () => n >= 3),
    true,
  );
  assert.equal(loop.now(), 30);
  assert.equal(
    loop.advanceUntil(50, () => n >= 100),
    false,
  );
  assert.equal(loop.now(), 50);
});

test("a livelock is reported instead of hanging", () => {
  const loop = new EventLoop(0, { settleLimit: 100 });
  const spin = () => loop.enqueue(spin);
  loop.enqueue(spin);
  assert.throws(() => loop.settle(), SettleLimitError);
});

test("the same seed gives the same choices", () => {
  const a = new SeededRandom(42);
  const b = new SeededRandom(42);
  const draw = (r: SeededRandom) => [r.int(0, 1000), r.string("abc", 5), r.uuid(), r.pick(["x", "y", "z"])];
  assert.deepEqual(draw(a), draw(b));
  assert.match(
    new SeededRandom(7).uuid(),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});
