import assert from "node:assert/strict";
import { test } from "node:test";
import { fitErrorMessage, NodeToStatus } from "./FitError.ts";
import { PluginStatus } from "./Status.ts";

test("reasons are counted per node, sorted as strings, and each part ends with a period", () => {
  const statuses = new NodeToStatus();
  statuses.set("cp", PluginStatus.unresolvable("TaintToleration", "node(s) had untolerated taint {a: }"));
  statuses.set(
    "n1",
    PluginStatus.unschedulable("NodeResourcesFit", "Insufficient cpu", "Insufficient memory"),
  );
  statuses.set("n2", PluginStatus.unschedulable("NodeResourcesFit", "Insufficient cpu"));
  assert.equal(
    fitErrorMessage(3, statuses, "", "preemption: not eligible due to preemptionPolicy=Never."),
    "0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {a: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
  );
});

test("nodes without an explicit status count with the absent status; a PreFilter message replaces the histogram", () => {
  const statuses = new NodeToStatus();
  statuses.set("n1", PluginStatus.unschedulable("X", "No preemption victims found for incoming pod"));
  statuses.absent = PluginStatus.unresolvable("", "Preemption is not helpful for scheduling");
  assert.equal(
    fitErrorMessage(4, statuses),
    "0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
  );
  assert.equal(
    fitErrorMessage(2, new NodeToStatus(), "pod affinity terms conflict"),
    "0/2 nodes are available: pod affinity terms conflict.",
  );
  assert.equal(fitErrorMessage(2, new NodeToStatus()), "0/2 nodes are available:");
});
