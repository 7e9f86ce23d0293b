import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { type ImageCatalogue, type ImageSpec, parseImage } from "./ImageCatalogue.ts";

/** The outcome of an image pull. */
export type PullResult =
  | {
      ok: true;
      alreadyPresent: boolean;
      millis: number;
      totalMillis: number;
      image: ImageSpec;
      imageID: string;
      normalized: string;
    }
  | { ok: false; message: string };

/** Pull time when the image is present but the policy is Always (a manifest check). */
const RECHECK_MS = 300;

/**
 * One node's simulated container runtime (containerd behind CRI): an image store and a pull queue
 * that serializes pulls, as the kubelet's default `serializeImagePulls: true` does.
 *
 * @example
 * ```ts
 * runtime.pull("nginx", "IfNotPresent", (result) => { if (result.ok) start(); });
 * ```
 */
export class ContainerRuntime {
  readonly #loop: EventLoop;
  readonly #random: SeededRandom;
  readonly #catalogue: ImageCatalogue;
  readonly #images = new Map<string, { spec: ImageSpec; imageID: string }>();
  readonly #queue: { run: () => void }[] = [];
  #busy = false;

  constructor(loop: EventLoop, random: SeededRandom, catalogue: ImageCatalogue) {
    this.#loop = loop;
    this.#random = random;
    this.#catalogue = catalogue;
  }

  /** Images on the node (normalized references), for node status. */
  images(): { names: string[]; sizeBytes: number }[] {
    return [...this.#images].map(([name, { spec, imageID }]) => ({
      names: [imageID, name],
      sizeBytes: spec.sizeBytes,
    }));
  }

  hasImage(reference: string): boolean {
    return this.#images.has(parseImage(reference).normalized);
  }

  /** A new container ID (`containerd://` + 64 hex digits). */
  newContainerID(): string {
    return `containerd://${this.#random.string("0123456789abcdef", 64)}`;
  }

  /** Pull `reference` honouring the pull policy; `done` is called when the pull finishes. */
  pull(reference: string, policy: string, done: (result: PullResult) => void): void {
    const ref = parseImage(reference);
    const present = this.#images.get(ref.normalized);
    if (present && policy !== "Always") {
      done({
        ok: true,
        alreadyPresent: true,
        millis: 0,
        totalMillis: 0,
        image: present.spec,
        imageID: present.imageID,
        normalized: ref.normalized,
      });
      return;
    }
    if (policy === "Never") {
      done({ ok: false, message: `Container image "${reference}" is not present with pull policy of Never` });
      return;
    }
    const enqueued = this.#loop.now();
    this.#queue.push({
      run: () => {
        const spec = this.#catalogue.lookup(reference) ?? {
          name: ref.name,
          pullSeconds: 2,
          startSeconds: 0.1,
          sizeBytes: 50_000_000,
          tags: [],
        };
        const millis = present ? RECHECK_MS : Math.round(spec.pullSeconds * 1000);
        const started = this.#loop.now();
        this.#loop.setTimeout(() => {
          const imageID = present?.imageID ?? `${ref.repository}@sha256:${digestOf(ref.repository)}`;
          this.#images.set(ref.normalized, { spec, imageID });
          done({
            ok: true,
            alreadyPresent: false,
            millis: this.#loop.now() - started,
            totalMillis: this.#loop.now() - enqueued,
            image: spec,
            imageID,
            normalized: ref.normalized,
          });
          this.#busy = false;
          this.#next();
        }, millis);
      },
    });
    this.#next();
  }

  #next(): void {
    if (this.#busy) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#busy = true;
    job.run();
  }
}

/** A stable fake sha256 digest for a repository (FNV-1a expanded to 64 hex digits). */
function digestOf(repository: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; round < 8; round++) {
    for (const ch of `${repository}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}
