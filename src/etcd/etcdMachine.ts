import { assign, setup } from "xstate";

/** Events the etcd member accepts. */
export type EtcdEvent = { type: "FAIL" } | { type: "RECOVER" };

/** kube-apiserver's default --etcd-compaction-interval. */
export const COMPACTION_INTERVAL_MS = 5 * 60_000;

/**
 * The etcd member's modes. While `healthy` it serves reads and writes and compacts history every
 * five minutes (keeping the last interval, as the apiserver's compactor does); while `unavailable`
 * every request fails.
 *
 * @example
 * ```ts
 * const actor = createActor(etcdMachine, { clock: loop, input: { compact: (rev) => {}, revision: () => 1 } });
 * actor.start();
 * actor.send({ type: "FAIL" });
 * ```
 */
export const etcdMachine = setup({
  types: {
    context: {} as { lastRevision: number; compact: (revision: number) => void; revision: () => number },
    input: {} as { compact: (revision: number) => void; revision: () => number },
    events: {} as EtcdEvent,
  },
  actions: {
    compact: assign(({ context }) => {
      context.compact(context.lastRevision);
      return { lastRevision: context.revision() };
    }),
  },
  delays: { compactionInterval: COMPACTION_INTERVAL_MS },
}).createMachine({
  id: "etcd",
  context: ({ input }) => ({ lastRevision: 0, compact: input.compact, revision: input.revision }),
  initial: "healthy",
  states: {
    healthy: {
      on: { FAIL: "unavailable" },
      after: { compactionInterval: { target: "healthy", reenter: true, actions: "compact" } },
    },
    unavailable: {
      on: { RECOVER: "healthy" },
    },
  },
});
