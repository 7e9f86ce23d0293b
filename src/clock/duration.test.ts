import assert from "node:assert/strict";
import { test } from "node:test";
import { formatGoDuration, parseDuration } from "./duration.ts";

test("parses durations as scenarios write them", () => {
  assert.equal(parseDuration("30 seconds"), 30_000);
  assert.equal(parseDuration("1 minute"), 60_000);
  assert.equal(parseDuration("5 minutes and 10 seconds"), 310_000);
  assert.equal(parseDuration("1m30s"), 90_000);
  assert.equal(parseDuration("300ms"), 300);
  assert.equal(parseDuration("2.5 minutes"), 150_000);
  assert.equal(parseDuration("1h"), 3_600_000);
});

test("rejects what is not a duration", () => {
  assert.throws(() => parseDuration("soon"), /invalid duration "soon"/);
  assert.throws(() => parseDuration("5 fortnights"), /invalid duration/);
});

test("formats like Go's time.Duration", () => {
  assert.equal(formatGoDuration(0), "0s");
  assert.equal(formatGoDuration(532), "532ms");
  assert.equal(formatGoDuration(3000), "3s");
  assert.equal(formatGoDuration(3200), "3.2s");
  assert.equal(formatGoDuration(90_000), "1m30s");
  assert.equal(formatGoDuration(300_000), "5m0s");
  assert.equal(formatGoDuration(3_723_000), "1h2m3s");
});
