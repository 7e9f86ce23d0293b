import type { NodeInfo } from "../framework/NodeInfo.ts";
import { MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

const PRE_SCORE_KEY = "PreScoreImageLocality";

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: a reference without a tag gets `:latest` (nothing else is normalised). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

/** calculatePriority: the summed image score scaled between 23 MB and 1000 MB per container. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/**
 * ImageLocality (plugins/imagelocality): favours nodes that already have the pod's images (as the
 * kubelet reports them in `node.status.images`), each image's size scaled by the share of nodes
 * that have it, so that pods do not all pile onto the one node with a rare image.
 *
 * @example
 * ```ts
 * ImageLocality.score?.(state, podInfo, nodeWithImage, snapshot); // 0–100
 * ```
 */
export const ImageLocality: Plugin = {
  name: "ImageLocality",
  preScore(state, pod) {
    const spec = pod.pod.spec;
    const names = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) =>
      normalizedImageName(c.image ?? ""),
    );
    state.write(PRE_SCORE_KEY, names);
    return PluginStatus.success;
  },
  scoreNodes(state, pod, nodes, snapshot, scores) {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeInfo;
      scores[i] = node.imageCount === 0 ? 0 : (ImageLocality.score?.(state, pod, node, snapshot) ?? 0);
    }
  },
  score(state, _pod, node, snapshot) {
    // Without any image the sum stays under the 23 MB threshold: 0.
    if (node.imageCount === 0) return 0;
    const names = state.read<string[]>(PRE_SCORE_KEY) ?? [];
    let sum = 0;
    {
      const total = snapshot.nodes.length;
      for (const name of names) {
        const size = node.imageSizes.get(name);
        if (size === undefined) continue;
        // scaledImageScore: size × (nodes with the image / all nodes), truncated.
        sum += Math.trunc(size * (snapshot.imageNumNodes(name) / total));
      }
    }
    return imageLocalityPriority(sum, names.length);
  },
};
