import { MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";

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
  score(_state, pod, node, snapshot) {
    const spec = pod.pod.spec;
    const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
    let sum = 0;
    if (node.imageSizes.size > 0) {
      const total = snapshot.nodes.length;
      for (const c of containers) {
        const name = normalizedImageName(c.image ?? "");
        const size = node.imageSizes.get(name);
        if (size === undefined) continue;
        // scaledImageScore: size × (nodes with the image / all nodes), truncated.
        sum += Math.trunc(size * (snapshot.imageNumNodes(name) / total));
      }
    }
    return imageLocalityPriority(sum, containers.length);
  },
};
