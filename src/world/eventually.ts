import { formatGoDuration } from "../clock/duration.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clock(millis: number): string {
  return new Date(millis).toISOString().replace(".000Z", "Z");
}

/**
 * Check `assertion` now and after every moment something happens in the cluster, until it holds or
 * `millis` of cluster time have passed; on failure, report what was seen last.
 *
 * @example
 * ```ts
 * await within(world, 6 * 60_000, () => expectPodStatus(world, "web", "Running"));
 * ```
 */
export async function within(
  world: KubespecWorld,
  millis: number,
  assertion: () => Promise<void>,
): Promise<void> {
  const cluster = world.requireCluster();
  const start = cluster.now();
  const deadline = start + millis;
  let last: unknown;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      last = error;
    }
    if (!(await cluster.step(deadline))) break;
  }
  throw new Error(
    `still not true after ${formatGoDuration(millis)} of cluster time (${clock(start)} to ${clock(deadline)}); last seen: ${message(last)}`,
    { cause: last },
  );
}

/**
 * Check `assertion` now and after every moment something happens, for `millis` of cluster time;
 * fail at the first moment it does not hold.
 */
export async function throughout(
  world: KubespecWorld,
  millis: number,
  assertion: () => Promise<void>,
): Promise<void> {
  const cluster = world.requireCluster();
  const start = cluster.now();
  const deadline = start + millis;
  for (;;) {
    try {
      await assertion();
    } catch (error) {
      throw new Error(
        `stopped being true after ${formatGoDuration(cluster.now() - start)} of cluster time (at ${clock(cluster.now())}): ${message(error)}`,
        { cause: error },
      );
    }
    if (!(await cluster.step(deadline))) return;
  }
}
