import { z } from "zod";

/**
 * What an image does when it runs, as data (in the spirit of KWOK's stages): how long it takes to
 * pull and start, and its size. Later stages (exit behaviour, ports, memory) extend this schema.
 */
export const imageSpecSchema = z.object({
  /** Repository as written in pod specs, without tag (`nginx`, `registry.k8s.io/pause`). */
  name: z.string().min(1),
  /** Virtual seconds a pull takes when the image is not on the node. */
  pullSeconds: z.number().nonnegative().default(2),
  /** Virtual seconds from create to started. */
  startSeconds: z.number().nonnegative().default(0.1),
  /** Compressed size in bytes (reported in the Pulled event and node status). */
  sizeBytes: z.number().int().positive().default(50_000_000),
  /** Tags that exist; empty means every tag exists. */
  tags: z.array(z.string()).default([]),
});

export type ImageSpec = z.infer<typeof imageSpecSchema>;

/** A parsed image reference. */
export interface ImageReference {
  /** Normalized repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** Short name as users write it, e.g. `nginx`. */
  name: string;
  tag: string;
  digest?: string;
  /** Normalized full reference, e.g. `docker.io/library/nginx:latest`. */
  normalized: string;
}

/** Parse and normalize an image reference as containerd does (docker.io/library defaults). */
export function parseImage(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  const tag = colon >= 0 ? rest.slice(colon + 1) : digest ? "" : "latest";
  const name = colon >= 0 ? rest.slice(0, colon) : rest;
  const firstPart = name.split("/")[0] as string;
  const hasRegistry =
    name.includes("/") && (firstPart.includes(".") || firstPart.includes(":") || firstPart === "localhost");
  let repository = name;
  if (!hasRegistry) repository = name.includes("/") ? `docker.io/${name}` : `docker.io/library/${name}`;
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { repository, name, tag, normalized, ...(digest ? { digest } : {}) };
}

/** The images every simulated registry knows. */
export const DEFAULT_IMAGES: readonly ImageSpec[] = [
  { name: "nginx", pullSeconds: 3, startSeconds: 0.1, sizeBytes: 72_099_410, tags: [] },
  { name: "busybox", pullSeconds: 1, startSeconds: 0.1, sizeBytes: 2_160_406, tags: [] },
  { name: "alpine", pullSeconds: 1, startSeconds: 0.1, sizeBytes: 3_652_536, tags: [] },
  { name: "redis", pullSeconds: 4, startSeconds: 0.2, sizeBytes: 45_006_544, tags: [] },
  { name: "postgres", pullSeconds: 6, startSeconds: 1, sizeBytes: 153_708_292, tags: [] },
  { name: "mysql", pullSeconds: 7, startSeconds: 2, sizeBytes: 172_193_316, tags: [] },
  { name: "httpd", pullSeconds: 3, startSeconds: 0.1, sizeBytes: 58_171_106, tags: [] },
  { name: "registry.k8s.io/pause", pullSeconds: 0.5, startSeconds: 0.05, sizeBytes: 320_368, tags: [] },
];

/**
 * The registry of known images. Lookup is by short or normalized name.
 *
 * @example
 * ```ts
 * const catalogue = new ImageCatalogue();
 * catalogue.lookup("nginx:1.27")?.pullSeconds; // 3
 * ```
 */
export class ImageCatalogue {
  readonly #images = new Map<string, ImageSpec>();

  constructor(images: readonly ImageSpec[] = DEFAULT_IMAGES) {
    for (const image of images) this.add(image);
  }

  /** Add or replace an image (validated). */
  add(spec: unknown): ImageSpec {
    const image = imageSpecSchema.parse(spec);
    this.#images.set(parseImage(image.name).repository, image);
    return image;
  }

  lookup(reference: string): ImageSpec | undefined {
    const ref = parseImage(reference);
    const image = this.#images.get(ref.repository);
    if (!image) return undefined;
    if (image.tags.length > 0 && !ref.digest && !image.tags.includes(ref.tag)) return undefined;
    return image;
  }
}
