/**
 * Scenario helpers for the API machinery steps: ownership set up through kubectl, and watches a
 * scenario starts and inspects.
 */
import type { WatchedEvent } from "../cluster/Cluster.ts";
import { ExpectationError } from "./ExpectationError.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

/** A watch a scenario started, with what it has received so far. */
export interface ScenarioWatch {
  events: WatchedEvent[];
  stop(): void;
}

const watches = new WeakMap<KubespecWorld, ScenarioWatch>();

/** The watch the scenario started last, or a clear error. */
export function watchOf(world: KubespecWorld): ScenarioWatch {
  const watch = watches.get(world);
  if (!watch) throw new Error("no watch has been started: use a step such as When I watch pods");
  return watch;
}

async function kubectlJson(world: KubespecWorld, command: string): Promise<Record<string, unknown>> {
  const result = await world.requireCluster().kubectl(command);
  if (result.exitCode !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

interface Ref {
  kind: string;
  name: string;
}

/**
 * Start a watch on a resource in the default namespace; from an object's resourceVersion when
 * given (read with `kubectl get -o json`), else from the current state.
 *
 * @example
 * ```ts
 * await startWatch(world, "pods", true, { kind: "pod", name: "web" });
 * ```
 */
export async function startWatch(
  world: KubespecWorld,
  resource: string,
  bookmarks: boolean,
  from: Ref | undefined,
): Promise<ScenarioWatch> {
  const cluster = world.requireCluster();
  if (!cluster.watch) throw new Error("this cluster cannot start API watches from a scenario");
  let resourceVersion: string | undefined;
  if (from) {
    const object = await kubectlJson(world, `kubectl get ${from.kind} ${from.name} -o json`);
    resourceVersion = (object.metadata as { resourceVersion?: string }).resourceVersion;
  }
  const events: WatchedEvent[] = [];
  const handle = await cluster.watch(
    { resource, namespace: "default", resourceVersion, allowWatchBookmarks: bookmarks },
    (event) => events.push(event),
  );
  watches.get(world)?.stop();
  const watch = { events, stop: () => handle.stop() };
  watches.set(world, watch);
  return watch;
}

/** The received events are exactly the expected ones (type and name), in order. */
export function expectWatchEvents(
  events: readonly WatchedEvent[],
  expected: readonly { type: string; name?: string }[],
): void {
  const shown = (list: readonly { type: string; name?: string }[]) =>
    list.map((e) => `${e.type}${e.name ? ` ${e.name}` : ""}`).join("\n") || "(nothing)";
  const actual = events.map((e) => ({ type: e.type, name: e.type === "BOOKMARK" ? "" : e.name }));
  const same =
    actual.length === expected.length &&
    actual.every((e, i) => e.type === expected[i]?.type && e.name === (expected[i]?.name ?? ""));
  if (!same)
    throw new ExpectationError(
      "the watch received other events (- expected, + actual)",
      shown(expected),
      shown(actual),
    );
}

/**
 * Add an ownerReference to `dependent` naming `owner` (apiVersion, kind, name and uid from the
 * live owner), keeping the references it already has; set with a JSON merge patch through kubectl.
 */
export async function setOwner(
  world: KubespecWorld,
  dependent: Ref,
  owner: Ref,
  block: boolean,
): Promise<void> {
  const live = await kubectlJson(world, `kubectl get ${owner.kind} ${owner.name} -o json`);
  const meta = live.metadata as { name: string; uid: string };
  const current = await kubectlJson(world, `kubectl get ${dependent.kind} ${dependent.name} -o json`);
  const existing = ((current.metadata as { ownerReferences?: unknown[] }).ownerReferences ?? []) as unknown[];
  const reference = {
    apiVersion: live.apiVersion,
    kind: live.kind,
    name: meta.name,
    uid: meta.uid,
    ...(block ? { blockOwnerDeletion: true } : {}),
  };
  const patch = JSON.stringify({ metadata: { ownerReferences: [...existing, reference] } });
  const result = await world
    .requireCluster()
    .kubectl(`kubectl patch ${dependent.kind} ${dependent.name} --type=merge -p '${patch}'`);
  if (result.exitCode !== 0) throw new Error(`setting the owner failed:\n${result.stderr}`);
}
