import assert from "node:assert/strict";
import { test } from "node:test";
import { searchNames } from "./ClusterDns.ts";

test("a pod's search path expands short names first (ndots 5)", () => {
  assert.deepEqual(searchNames("db", "shop"), [
    "db.shop.svc.cluster.local",
    "db.svc.cluster.local",
    "db.cluster.local",
    "db",
  ]);
  assert.deepEqual(searchNames("db.shop.svc.cluster.local.", "web"), ["db.shop.svc.cluster.local"]);
  assert.equal(searchNames("a.b.c.d.e.f", "x")[0], "a.b.c.d.e.f");
});
