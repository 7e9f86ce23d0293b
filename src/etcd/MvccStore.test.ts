import assert from "node:assert/strict";
import { test } from "node:test";
import { CompactedError, MvccStore, PreconditionFailedError, type StoreEvent } from "./MvccStore.ts";

test("revisions, versions and range order", () => {
  const store = new MvccStore();
  const a = store.put("/registry/pods/default/b", { n: 1 });
  const b = store.put("/registry/pods/default/a", { n: 2 });
  const a2 = store.put("/registry/pods/default/b", { n: 3 });
  assert.equal(a.createRevision, 2);
  assert.equal(b.modRevision, 3);
  assert.deepEqual([a2.createRevision, a2.modRevision, a2.version], [2, 4, 2]);
  assert.deepEqual(
    store.range("/registry/pods/").map((kv) => kv.key),
    ["/registry/pods/default/a", "/registry/pods/default/b"],
  );
  assert.equal(store.count("/registry/pods/default/"), 2);
});

test("compare-and-swap preconditions", () => {
  const store = new MvccStore();
  store.put("/k", 1, { expectModRevision: 0 });
  assert.throws(() => store.put("/k", 2, { expectModRevision: 0 }), PreconditionFailedError);
  const kv = store.get("/k");
  store.put("/k", 3, { expectModRevision: kv?.modRevision ?? -1 });
  assert.throws(
    () => store.delete("/k", { expectModRevision: kv?.modRevision ?? -1 }),
    PreconditionFailedError,
  );
});

test("watch from a revision replays history, then follows; compaction expires old revisions", () => {
  const store = new MvccStore();
  store.put("/a/1", "x");
  const from = store.revision + 1;
  store.put("/a/2", "y");
  store.delete("/a/1");
  const seen: StoreEvent[] = [];
  store.watch("/a/", from, (e) => seen.push(e));
  store.put("/b/1", "ignored");
  store.put("/a/3", "z");
  assert.deepEqual(
    seen.map((e) => `${e.type} ${e.kv.key}`),
    ["PUT /a/2", "DELETE /a/1", "PUT /a/3"],
  );
  store.compact(store.revision - 1);
  assert.throws(() => store.watch("/a/", from, () => {}), CompactedError);
});
