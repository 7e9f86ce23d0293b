import { Quantity } from "../api/quantity.ts";
import { parseDuration } from "../clock/duration.ts";
import { parseImage } from "../kubelet/ImageCatalogue.ts";

/** The columns of the "Given the images:" table. */
export const IMAGE_TABLE_COLUMNS = [
  "image",
  "pull",
  "start",
  "size",
  "command",
  "logs",
  "listens",
  "ready after",
  "http",
  "unhealthy after",
  "memory",
  "memory growth",
  "exits after",
  "exit code",
  "stop",
  "shell",
] as const;

function seconds(text: string, column: string, row: number): number {
  try {
    return parseDuration(text) / 1000;
  } catch {
    throw new Error(
      `row ${row} of the images table: "${text}" in column "${column}" is not a duration such as 2s or 1m30s`,
    );
  }
}

function bytes(text: string, column: string, row: number): number {
  const q = Quantity.tryParse(text);
  if (!q)
    throw new Error(
      `row ${row} of the images table: "${text}" in column "${column}" is not a size such as 50Mi`,
    );
  return q.value();
}

/**
 * Image specs (for {@link ImageCatalogue.add}) from a scenario's table: one row per image or tag,
 * each running one program (the image's `command`, by default its short name) with the columns as
 * its behaviour.
 *
 * @example
 * ```ts
 * imagesFromTable([{ image: "web:2.0", listens: "8080/http", http: "/healthz=500" }]);
 * ```
 */
export function imagesFromTable(rows: readonly Record<string, string>[]): unknown[] {
  return rows.map((row, i) => {
    const n = i + 1;
    for (const column of Object.keys(row)) {
      if (!(IMAGE_TABLE_COLUMNS as readonly string[]).includes(column))
        throw new Error(
          `unknown column "${column}" in the images table; use ${IMAGE_TABLE_COLUMNS.join(", ")}`,
        );
    }
    const reference = row.image?.trim();
    if (!reference) throw new Error(`row ${n} of the images table has no image`);
    const ref = parseImage(reference);
    const hasTag = /:[^/]+$/.test(reference.split("@")[0] as string);
    const name = ref.name;
    const command = (row.command?.trim() || name.slice(name.lastIndexOf("/") + 1)).split(/\s+/);
    const process: Record<string, unknown> = { executables: [command[0]] };
    if (row.logs) process.logs = row.logs.split("\n");
    if (row.memory) process.memory = bytes(row.memory, "memory", n);
    if (row["memory growth"]) process.memoryGrowthPerSecond = bytes(row["memory growth"], "memory growth", n);
    const readyAfter = row["ready after"] ? seconds(row["ready after"], "ready after", n) : 0;
    const routes = (row.http ?? "")
      .split(",")
      .map((r) => r.trim())
      .filter((r) => r)
      .map((r) => {
        const m = /^(\/\S*)=(\d{3})(?:\s+(.*))?$/.exec(r);
        if (!m)
          throw new Error(
            `row ${n} of the images table: http route "${r}" should look like /healthz=200 or /=200 hello`,
          );
        const route: Record<string, unknown> = { path: m[1], status: Number(m[2]), body: m[3] ?? "" };
        if (row["unhealthy after"])
          route.later = [
            {
              afterSeconds: seconds(row["unhealthy after"], "unhealthy after", n),
              status: 500,
              body: "unhealthy",
            },
          ];
        return route;
      });
    const listens = (row.listens ?? "")
      .split(",")
      .map((l) => l.trim())
      .filter((l) => l);
    process.listen = listens.map((l) => {
      const m = /^(\d+)(?:\/(tcp|udp|http))?$/i.exec(l);
      if (!m)
        throw new Error(
          `row ${n} of the images table: "${l}" in column "listens" should look like 8080, 8080/http or 53/udp`,
        );
      const kind = (m[2] ?? "tcp").toLowerCase();
      return {
        port: Number(m[1]),
        protocol: kind === "udp" ? "UDP" : "TCP",
        afterSeconds: readyAfter,
        ...(kind === "http" ? { http: { routes } } : {}),
      };
    });
    if (routes.length > 0 && !listens.some((l) => /\/http$/i.test(l)))
      throw new Error(
        `row ${n} of the images table has http routes but no port listed as .../http in "listens"`,
      );
    if (row["exits after"] || row["exit code"]) {
      const code = row["exit code"] ? Number(row["exit code"]) : 0;
      if (!Number.isInteger(code) || code < 0 || code > 255)
        throw new Error(`row ${n} of the images table: exit code "${row["exit code"]}" must be 0 to 255`);
      process.exit = {
        afterSeconds: row["exits after"] ? seconds(row["exits after"], "exits after", n) : 0,
        code,
      };
    }
    const stop = row.stop?.trim();
    if (stop) {
      if (stop === "ignores TERM") process.onStop = { handles: false };
      else process.onStop = { handles: true, seconds: seconds(stop, "stop", n), exitCode: 0 };
    }
    const spec: Record<string, unknown> = {
      name,
      tags: hasTag ? [ref.tag] : [],
      cmd: command,
      processes: [process],
    };
    if (row.pull) spec.pullSeconds = seconds(row.pull, "pull", n);
    if (row.start) spec.startSeconds = seconds(row.start, "start", n);
    if (row.size) spec.sizeBytes = bytes(row.size, "size", n);
    if (row.shell) {
      if (!["yes", "no"].includes(row.shell))
        throw new Error(`row ${n} of the images table: shell must be yes or no`);
      spec.shell = row.shell === "yes";
    }
    return spec;
  });
}
