import { setup } from "xstate";

/** Events the kube-proxy actor accepts. */
export type KubeProxyEvent = { type: "CHANGED" } | { type: "STOP" } | { type: "START" };

/** KubeProxyConfiguration iptables.minSyncPeriod (kubeadm: 1s) and syncPeriod (30s). */
export const MIN_SYNC_PERIOD_MS = 1_000;
export const SYNC_PERIOD_MS = 30_000;

/**
 * kube-proxy's modes on one node: `idle` with its rules in place (re-synced every 30 s), `pending`
 * after a service or EndpointSlice change (the sync runs once the 1 s minimum sync period since the
 * last one has passed, as the BoundedFrequencyRunner does), and `stopped` when its pod is not
 * running — the rules it last wrote stay in the kernel but nothing updates them.
 * Actions are supplied by {@link KubeProxy} with `machine.provide`.
 */
export const kubeProxyMachine = setup({
  types: { events: {} as KubeProxyEvent },
  actions: { syncProxyRules: () => {} },
  delays: { minSync: MIN_SYNC_PERIOD_MS, sync: SYNC_PERIOD_MS },
}).createMachine({
  id: "kube-proxy",
  initial: "pending",
  states: {
    idle: {
      on: { CHANGED: "pending", STOP: "stopped" },
      after: { sync: { target: "idle", reenter: true, actions: "syncProxyRules" } },
    },
    pending: {
      entry: "syncProxyRules",
      on: { STOP: "stopped", CHANGED: "dirty" },
      after: { minSync: "idle" },
    },
    dirty: {
      on: { STOP: "stopped" },
      after: { minSync: "pending" },
    },
    stopped: {
      on: { START: "pending" },
    },
  },
});
