import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * The one source of randomness in a simulated cluster. Every random choice (generated names,
 * scheduler tie-breaks, load balancing, uids) draws from it in event-loop order, so the same seed
 * gives the same run, byte for byte.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.int(0, 9); // always the same for seed 42
 * ```
 */
export class SeededRandom {
  readonly seed: number;
  readonly #rng: RandomGenerator;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#rng = xoroshiro128plus(this.seed);
  }

  /**
   * An independent generator for one purpose (`uid`, `scheduler`, `kubelet/node-1`), derived from
   * this seed and the label. Separate streams keep a difference in one component's behaviour (an
   * extra event, a retried request) from shifting every later random choice of the others.
   */
  fork(label: string): SeededRandom {
    let h = 0x811c9dc5;
    for (const ch of label) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return new SeededRandom((h ^ Math.imul(this.seed, 0x9e3779b1)) >>> 0);
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.#rng, from, to);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return uniformInt(this.#rng, 0, 2 ** 30 - 1) / 2 ** 30;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("SeededRandom.pick: empty array");
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `length` characters drawn uniformly from `alphabet`. */
  string(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /** An RFC 4122 version-4 UUID drawn from the seeded generator. */
  uuid(): string {
    const hex = "0123456789abcdef";
    const chars = new Array<string>(36);
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) chars[i] = "-";
      else if (i === 14) chars[i] = "4";
      else if (i === 19) chars[i] = hex[8 + this.int(0, 3)] as string;
      else chars[i] = hex[this.int(0, 15)] as string;
    }
    return chars.join("");
  }
}

/** Resolve the seed: explicit value, else `KUBESPEC_SEED`, else a fixed default. */
export function resolveSeed(explicit?: number | string): number {
  const raw = explicit ?? process.env.KUBESPEC_SEED;
  if (raw === undefined || raw === "") return 1;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`invalid seed "${raw}": use an integer between 0 and 4294967295`);
  }
  return seed;
}
