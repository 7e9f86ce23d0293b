import { formatTabbed } from "../tabwriter.ts";

/** Indentation levels of kubectl's describers (LEVEL_0 … LEVEL_4, two spaces each). */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * kubectl's describe PrefixWriter over a tabwriter configured as `tabbedString` does (minwidth 0,
 * padding 2): text is written at an indentation level, and tab-separated cells of consecutive lines
 * line up. `flush()` ends an alignment block (DescribeEvents flushes before its table).
 *
 * @example
 * ```ts
 * const w = new PrefixWriter();
 * w.write(LEVEL_0, "Name:\t%s\n", "nginx");
 * w.toString(); // "Name:  nginx\n"
 * ```
 */
export class PrefixWriter {
  #done = "";
  #pending = "";
  readonly #tabbed: boolean;

  /**
   * `tabbed: false` gives kubectl's PrefixWriter over a plain buffer (no tabwriter): tabs stay as
   * they are, as in `kubectl rollout history --revision=N` (polymorphichelpers printTemplate).
   */
  constructor(options: { tabbed?: boolean } = {}) {
    this.#tabbed = options.tabbed ?? true;
  }

  /** Write `format` (with `%s`/`%d`/`%v` placeholders and `%%`) at `level`. */
  write(level: number, format: string, ...args: unknown[]): void {
    let i = 0;
    const text = format.replace(/%[sdv%]/g, (verb) => (verb === "%%" ? "%" : String(args[i++])));
    this.#pending += "  ".repeat(level) + text;
  }

  /** fmt.Fprintln. */
  writeLine(...args: unknown[]): void {
    this.#pending += `${args.map(String).join(" ")}\n`;
  }

  flush(): void {
    if (this.#pending === "") return;
    if (!this.#tabbed) {
      this.#done += this.#pending;
      this.#pending = "";
      return;
    }
    const lines = this.#pending.endsWith("\n")
      ? this.#pending.slice(0, -1).split("\n")
      : this.#pending.split("\n");
    this.#done += formatTabbed(lines, 0, 2);
    this.#pending = "";
  }

  toString(): string {
    this.flush();
    return this.#done;
  }
}

/** time.RFC1123Z in UTC: `Sat, 01 Mar 2025 09:00:00 +0000`. */
export function rfc1123z(timestamp: string | undefined): string {
  if (!timestamp) return "";
  const d = new Date(timestamp);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultiline: `Title:\tk=v` then one `\tk=v` line per further label, sorted. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  skip: ReadonlySet<string> = new Set(),
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {})
    .filter((k) => !skip.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, "%s=%s\n", key, (labels as Record<string, string>)[key]);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: like labels, without last-applied-configuration, long values cut. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== "kubectl.kubernetes.io/last-applied-configuration")
    .sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    const value = ((annotations as Record<string, string>)[key] as string).replace(/\n$/, "");
    // Long or multi-line values go on their own lines, each cut at 138 characters.
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, "%s:\n", key);
      for (const line of value.split("\n")) {
        const cut = MAX_ANNOTATION_LEN - 2;
        w.write(LEVEL_0, "\t  %s\n", line.length > cut ? `${line.slice(0, cut)}...` : line);
      }
    } else {
      w.write(LEVEL_0, "%s: %s\n", key, value);
    }
  });
}
