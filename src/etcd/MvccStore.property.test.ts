import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  CompactedError,
  type KeyValue,
  MvccStore,
  PreconditionFailedError,
  type StoreEvent,
} from "./MvccStore.ts";

/** A random operation on a small key space (so keys collide, update and get deleted). */
type Op =
  | { kind: "put"; key: string; value: number }
  | { kind: "cas"; key: string; value: number; stale: boolean }
  | { kind: "delete"; key: string }
  | { kind: "compact" };

const keyArb = fc.constantFrom(
  "/registry/pods/default/a",
  "/registry/pods/default/b",
  "/registry/pods/kube-system/c",
  "/registry/nodes/n1",
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("put" as const), key: keyArb, value: fc.integer() }),
  fc.record({ kind: fc.constant("cas" as const), key: keyArb, value: fc.integer(), stale: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), key: keyArb }),
  fc.constant({ kind: "compact" as const }),
);

/** Apply one operation; returns the committed event's revision, or undefined if nothing committed. */
function apply(store: MvccStore, op: Op): number | undefined {
  try {
    switch (op.kind) {
      case "put":
        return store.put(op.key, op.value).modRevision;
      case "cas": {
        const current = store.get(op.key)?.modRevision ?? 0;
        return store.put(op.key, op.value, { expectModRevision: op.stale ? current + 1 : current })
          .modRevision;
      }
      case "delete":
        return store.delete(op.key).modRevision;
      case "compact":
        store.compact(store.revision - 1);
        return undefined;
    }
  } catch (error) {
    if (error instanceof PreconditionFailedError) return undefined;
    throw error;
  }
}

test("property: the revision strictly increases with every commit, and only with commits", () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
      const store = new MvccStore();
      let last = store.revision;
      for (const op of ops) {
        const before = store.revision;
        const committed = apply(store, op);
        if (committed === undefined)
          assert.equal(store.revision, before, "a failed or no-op request commits nothing");
        else {
          assert.ok(committed > last, "each commit gets a larger revision");
          assert.equal(committed, store.revision);
          last = committed;
        }
      }
    }),
  );
});

test("property: every watcher sees every committed change exactly once, in order", () => {
  fc.assert(
    fc.property(
      fc.array(opArb, { maxLength: 60 }),
      fc.array(
        fc.record({
          at: fc.nat(60),
          prefix: fc.constantFrom("/registry/", "/registry/pods/", "/registry/pods/default/"),
        }),
        {
          maxLength: 4,
        },
      ),
      (ops, watches) => {
        const store = new MvccStore();
        const committed: StoreEvent[] = [];
        store.watch("/", 0, (e) => committed.push(e));
        const seen = watches.map(() => [] as StoreEvent[]);
        const started: number[] = watches.map(() => -1);
        ops.forEach((op, i) => {
          watches.forEach((w, j) => {
            if (w.at === i && started[j] === -1) {
              started[j] = store.revision;
              store.watch(w.prefix, 0, (e) => seen[j]?.push(e));
            }
          });
          apply(store, op);
        });
        watches.forEach((w, j) => {
          const from = started[j] ?? -1;
          const expected =
            from < 0 ? [] : committed.filter((e) => e.revision > from && e.kv.key.startsWith(w.prefix));
          assert.deepEqual(
            (seen[j] ?? []).map((e) => e.revision),
            expected.map((e) => e.revision),
          );
        });
        // Revisions seen by the catch-all watcher are strictly increasing and unique.
        for (let i = 1; i < committed.length; i++)
          assert.ok((committed[i] as StoreEvent).revision > (committed[i - 1] as StoreEvent).revision);
      },
    ),
  );
});

test("property: a watch from a past revision replays history before live events, unless compacted", () => {
  fc.assert(
    fc.property(
      fc.array(opArb, { maxLength: 40 }),
      fc.nat(40),
      fc.array(opArb, { maxLength: 20 }),
      (before, from, after) => {
        const store = new MvccStore();
        const all: StoreEvent[] = [];
        store.watch("/", 0, (e) => all.push(e));
        for (const op of before) apply(store, op);
        const start = Math.min(from, store.revision) + 1;
        const received: StoreEvent[] = [];
        let compacted = false;
        try {
          store.watch("/registry/pods/", start, (e) => received.push(e));
        } catch (error) {
          assert.ok(error instanceof CompactedError);
          assert.ok(start <= store.compactRevision, "only a compacted revision is refused");
          compacted = true;
        }
        for (const op of after) apply(store, op);
        if (compacted) return;
        const expected = all.filter((e) => e.revision >= start && e.kv.key.startsWith("/registry/pods/"));
        assert.deepEqual(
          received.map((e) => [e.revision, e.type, e.kv.key]),
          expected.map((e) => [e.revision, e.type, e.kv.key]),
        );
      },
    ),
  );
});

test("property: interleaved compare-and-swap writers never lose an update", () => {
  // Each writer increments a shared counter with a read-modify-write loop: read the value and its
  // modRevision, then write value+1 only if the modRevision is unchanged, retrying on conflict.
  // Whatever the interleaving, the final count equals the number of increments.
  fc.assert(
    fc.property(
      fc.array(fc.nat(3), { minLength: 1, maxLength: 80 }),
      fc.integer({ min: 1, max: 4 }),
      (schedule, writers) => {
        const store = new MvccStore();
        const key = "/registry/configmaps/default/counter";
        store.put(key, 0);
        type State = { read?: KeyValue | undefined; done: number };
        const states: State[] = Array.from({ length: writers }, () => ({ done: 0 }));
        const perWriter = 3;
        const step = (w: number) => {
          const s = states[w] as State;
          if (s.done >= perWriter) return;
          if (!s.read) {
            s.read = store.get(key);
            return;
          }
          try {
            store.put(key, (s.read.value as number) + 1, { expectModRevision: s.read.modRevision });
            s.done++;
          } catch (error) {
            if (!(error instanceof PreconditionFailedError)) throw error;
          }
          s.read = undefined;
        };
        for (const choice of schedule) step(choice % writers);
        // Let everyone finish, round robin.
        for (let guard = 0; states.some((s) => s.done < perWriter) && guard < 10_000; guard++)
          step(guard % writers);
        const total = states.reduce((n, s) => n + s.done, 0);
        assert.equal(total, writers * perWriter);
        assert.equal(store.get(key)?.value, total, "no increment was lost");
      },
    ),
  );
});

test("property: reading at a past revision sees exactly the state committed then", () => {
  fc.assert(
    fc.property(
      fc.array(
        opArb.filter((o) => o.kind !== "compact"),
        { maxLength: 40 },
      ),
      (ops) => {
        const store = new MvccStore();
        const snapshots = new Map<number, string>();
        const snapshot = () =>
          JSON.stringify(store.range("/registry/").map((kv) => [kv.key, kv.value, kv.modRevision]));
        snapshots.set(store.revision, snapshot());
        for (const op of ops) {
          apply(store, op);
          snapshots.set(store.revision, snapshot());
        }
        for (const [revision, state] of snapshots) {
          assert.equal(
            JSON.stringify(
              store.rangeAt("/registry/", revision).map((kv) => [kv.key, kv.value, kv.modRevision]),
            ),
            state,
          );
        }
      },
    ),
  );
});
