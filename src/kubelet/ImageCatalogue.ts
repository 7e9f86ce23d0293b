import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { Quantity } from "../api/quantity.ts";

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Whether `tag` is one of `tags` (entries written `/…/` are regular expressions). */
export function tagMatches(tags: readonly string[], tag: string): boolean {
  return tags.some((t) =>
    t.length > 1 && t.startsWith("/") && t.endsWith("/") ? new RegExp(t.slice(1, -1)).test(tag) : t === tag,
  );
}

/** A byte size: a number of bytes or a Kubernetes quantity such as `50Mi`. */
const byteSize = z.union([z.number().int().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === "number") return value;
  const quantity = Quantity.tryParse(value);
  if (!quantity) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a size such as 50Mi or 1000000` });
    return z.NEVER;
  }
  return quantity.value();
});

const seconds = z.number().nonnegative();

/**
 * A log line a program writes: a plain string goes to stdout, `{ stderr: "…" }` to stderr. Lines
 * are templates: `{now:nginx}`, `{now:clf}`, `{now:iso}`, `{now:redis}`, `{now:klog}` (with
 * `{now:klogdate}` for its mmdd), `{hostname}`, `{podIP}`,
 * `{version}`, `{port}` and, for HTTP logs, `{remote}`, `{method}`, `{path}`, `{status}`, `{bytes}`,
 * `{userAgent}`, `{host}`, `{request}`.
 */
const logLine = z.union([z.string(), z.object({ stderr: z.string() }).strict()]);

/** A route an HTTP server answers. */
const httpRouteSchema = z
  .object({
    path: z.string().startsWith("/"),
    status: z.number().int().min(100).max(599).default(200),
    body: z.string().default(""),
    /** Virtual seconds the server takes to answer (probes with a shorter timeout fail). */
    delaySeconds: seconds.default(0),
    /** Later answers: from `afterSeconds` of the process running on, answer this instead. */
    later: z
      .array(
        z
          .object({
            afterSeconds: seconds,
            status: z.number().int().min(100).max(599),
            body: z.string().default(""),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** How a listener answers HTTP requests. */
const httpSchema = z
  .object({
    routes: z.array(httpRouteSchema).default([]),
    /** Serve files under this directory of the container's filesystem (`/usr/share/nginx/html`). */
    root: z.string().optional(),
    /** File served for `/` under `root`. */
    index: z.string().default("index.html"),
    notFound: z
      .object({ status: z.number().int().default(404), body: z.string().default("") })
      .strict()
      .default({ status: 404, body: "" }),
    /** Line written (stdout) for every request, e.g. nginx's access log format. */
    accessLog: z.string().optional(),
    /** Line written (stderr) for a request that finds nothing. */
    notFoundLog: z.string().optional(),
  })
  .strict();

/** A port a program listens on. */
const listenerSchema = z
  .object({
    port: z.number().int().min(1).max(65535),
    protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP"),
    /** Virtual seconds after the process starts before the port accepts connections. */
    afterSeconds: seconds.default(0),
    /** Logged once the port accepts connections. */
    readyLogs: z.array(logLine).default([]),
    http: httpSchema.optional(),
  })
  .strict();

/** What the program does when its stop signal (TERM, or the image's STOPSIGNAL) arrives. */
const onStopSchema = z
  .object({
    /** false: the signal is ignored and only KILL (exit 137) ends the process. */
    handles: z.boolean().default(true),
    /**
     * The program keeps serving its ports until it exits (CoreDNS's `health { lameduck 5s }`);
     * otherwise it stops accepting connections as soon as the signal arrives.
     */
    keepsServing: z.boolean().default(false),
    seconds: seconds.default(0.1),
    exitCode: z.number().int().min(0).max(255).default(0),
    logs: z.array(logLine).default([]),
  })
  .strict();

/** A long-running program an image contains, selected by its executable (and leading arguments). */
const processSchema = z
  .object({
    /** Executable names or paths (argv[0]) that run this program, e.g. `nginx`, `/agnhost`. */
    executables: z.array(z.string().min(1)).min(1),
    /** Leading arguments that select this program (`["liveness"]` for `agnhost liveness`). */
    args: z.array(z.string()).default([]),
    /** Written once the process starts. */
    logs: z.array(logLine).default([]),
    listen: z.array(listenerSchema).default([]),
    /** Resident memory once started. */
    memory: byteSize.default(5 * 1024 * 1024),
    /** Memory the process adds every second (a leak); an OOM kill follows when it passes the limit. */
    memoryGrowthPerSecond: byteSize.default(0),
    /** Take the memory from this argument (`--vm-bytes 250M`, sizes 1024-based as stress reads them). */
    memoryFromArg: z.string().optional(),
    /** The process ends on its own. */
    exit: z
      .object({
        afterSeconds: seconds.default(0),
        code: z.number().int().min(0).max(255).default(0),
        logs: z.array(logLine).default([]),
      })
      .strict()
      .optional(),
    /** Environment the program insists on: without any of `anyOf` it logs and exits. */
    requireEnv: z
      .object({
        anyOf: z.array(z.string()).min(1),
        logs: z.array(logLine).default([]),
        exitCode: z.number().int().min(0).max(255).default(1),
      })
      .strict()
      .optional(),
    onStop: onStopSchema.default({ handles: true, keepsServing: false, seconds: 0.1, exitCode: 0, logs: [] }),
    /** What happens when a port is already taken in the pod's network namespace. */
    bindConflict: z
      .object({
        afterSeconds: seconds.default(0),
        exitCode: z.number().int().min(0).max(255).default(1),
        logs: z.array(logLine).default([{ stderr: "listen tcp :{port}: bind: address already in use" }]),
      })
      .strict()
      .default({
        afterSeconds: 0,
        exitCode: 1,
        logs: [{ stderr: "listen tcp :{port}: bind: address already in use" }],
      }),
  })
  .strict();

/** A command `kubectl exec` or an exec probe can run in containers of the image (`redis-cli ping`). */
const execSchema = z
  .object({
    /** The command line, words separated by spaces; a trailing ` *` accepts any further arguments. */
    command: z.string().min(1),
    stdout: z.string().default(""),
    stderr: z.string().default(""),
    exitCode: z.number().int().min(0).max(255).default(0),
    /** The answer while the image's main program does not accept connections yet. */
    whenNotListening: z
      .object({
        stdout: z.string().default(""),
        stderr: z.string().default(""),
        exitCode: z.number().int().min(0).max(255).default(1),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * What an image is and does when it runs, as data (in the spirit of KWOK's stages): how long it
 * takes to pull and start, its size, its default command, the programs it contains (ports they
 * serve, what they log, memory they use, how they exit and stop) and the commands `exec` can run.
 */
export const imageSpecSchema = z
  .object({
    /** Repository as written in pod specs, without tag (`nginx`, `registry.k8s.io/pause`). */
    name: z.string().min(1),
    /** Tags that exist (`/…/` is a regular expression); empty means every tag exists. */
    tags: z
      .array(
        z
          .string()
          .refine((t) => !(t.startsWith("/") && t.endsWith("/") && t.length > 1) || isRegex(t.slice(1, -1)), {
            message: "not a valid regular expression",
          }),
      )
      .default([]),
    /** Version shown in logs (`{version}`) when the tag is not a version number. */
    version: z.string().default(""),
    /** Virtual seconds a pull takes when the image is not on the node. */
    pullSeconds: seconds.default(2),
    /** Virtual seconds from create to started. */
    startSeconds: seconds.default(0.1),
    /** Compressed size in bytes (reported in the Pulled event and node status). */
    sizeBytes: z.number().int().positive().default(50_000_000),
    /** ENTRYPOINT and CMD: the default command when the pod gives none (Docker semantics). */
    entrypoint: z.array(z.string()).default([]),
    cmd: z.array(z.string()).default([]),
    /**
     * Entrypoint scripts that run their arguments (`docker-entrypoint.sh`): `docker-entrypoint.sh
     * sleep 5` runs `sleep 5`, and leading flags go to the image's main program (`cmd[0]`).
     */
    wrappers: z.array(z.string()).default([]),
    /** The image has a shell and the usual tools (sh, echo, sleep, cat, …). */
    shell: z.boolean().default(true),
    /** Tool flavour: BusyBox (busybox, alpine) or GNU coreutils (debian-based images). */
    userland: z.enum(["busybox", "gnu"]).default("gnu"),
    processes: z.array(processSchema).default([]),
    execs: z.array(execSchema).default([]),
    /** Files the image contains (path → content). */
    files: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type ImageSpec = z.infer<typeof imageSpecSchema>;
export type ProcessSpec = ImageSpec["processes"][number];
export type ListenerSpec = ProcessSpec["listen"][number];
export type HttpSpec = NonNullable<ListenerSpec["http"]>;
export type ExecSpec = ImageSpec["execs"][number];
export type LogLineSpec = z.infer<typeof logLine>;

/** A YAML image catalogue file: `images: [ … ]`. */
export const imageCatalogueFileSchema = z.object({ images: z.array(imageSpecSchema) }).strict();

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

/**
 * Why a reference cannot be used at all (docker/distribution reference rules), or undefined: the
 * kubelet reports these as `InvalidImageName`.
 */
export function invalidImageReason(image: string): string | undefined {
  const withoutDigest = image.split("@")[0] as string;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  const name = colon >= 0 ? withoutDigest.slice(0, colon) : withoutDigest;
  const path =
    name.includes("/") && /[.:]|^localhost/.test(name.split("/")[0] as string)
      ? name.slice(name.indexOf("/") + 1)
      : name.includes("/")
        ? name
        : `library/${name}`;
  if (/[A-Z]/.test(path)) return `invalid reference format: repository name (${path}) must be lowercase`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path))
    return "invalid reference format";
  if (colon >= 0 && !/^[\w][\w.-]{0,127}$/.test(withoutDigest.slice(colon + 1)))
    return "invalid reference format";
  return undefined;
}

function formatIssues(error: z.ZodError, source: string): string {
  return error.issues
    .map((issue) => `${source}: ${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`)
    .join("\n");
}

const DEFAULT_CATALOGUE_URL = new URL("./defaultImages.yaml", import.meta.url);

/** Images every simulated registry knows, from `defaultImages.yaml`. */
export const DEFAULT_IMAGES: readonly ImageSpec[] = parseCatalogueYaml(
  readFileSync(DEFAULT_CATALOGUE_URL, "utf8"),
  "defaultImages.yaml",
);

function parseCatalogueYaml(text: string, source: string): ImageSpec[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = imageCatalogueFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(formatIssues(parsed.error, source));
  return parsed.data.images;
}

/**
 * The registry of known images: what each repository (and tag) is and does. Lookup is by short or
 * normalized name; an entry with tags only matches those tags, and a tag-specific entry wins over a
 * repository-wide one, so a scenario can make `web:2.0` behave differently from `web:1.0`.
 *
 * @example
 * ```ts
 * const catalogue = new ImageCatalogue();
 * catalogue.lookup("nginx:1.27")?.pullSeconds; // 3
 * catalogue.add({ name: "web", tags: ["2.0"], processes: [{ executables: ["web"], exit: { code: 1 } }], cmd: ["web"] });
 * ```
 */
export class ImageCatalogue {
  readonly #images = new Map<string, ImageSpec[]>();

  constructor(images: readonly ImageSpec[] = DEFAULT_IMAGES) {
    for (const image of images) this.add(image);
  }

  /** Parse a YAML catalogue (`images: [...]`), with a clear error naming the bad field. */
  static parseYaml(text: string, source = "image catalogue"): ImageSpec[] {
    return parseCatalogueYaml(text, source);
  }

  /** Add or replace an image (validated; a bad field is reported by name). */
  add(spec: unknown): ImageSpec {
    const parsed = imageSpecSchema.safeParse(spec);
    if (!parsed.success) {
      const name = (spec as { name?: unknown } | undefined)?.name;
      throw new Error(
        formatIssues(parsed.error, `image ${typeof name === "string" ? `"${name}"` : ""}`.trim()),
      );
    }
    const image = parsed.data;
    const repository = parseImage(image.name).repository;
    const entries = (this.#images.get(repository) ?? []).filter(
      (e) => JSON.stringify(e.tags) !== JSON.stringify(image.tags),
    );
    // Tag-specific entries first, so they win over a repository-wide one.
    entries.push(image);
    entries.sort((a, b) => (a.tags.length === 0 ? 1 : 0) - (b.tags.length === 0 ? 1 : 0));
    this.#images.set(repository, entries);
    return image;
  }

  /** Whether the registry has the repository at all (any tag). */
  hasRepository(reference: string): boolean {
    return this.#images.has(parseImage(reference).repository);
  }

  lookup(reference: string): ImageSpec | undefined {
    const ref = parseImage(reference);
    const entries = this.#images.get(ref.repository);
    if (!entries) return undefined;
    for (const image of entries) {
      if (image.tags.length === 0 || ref.digest || tagMatches(image.tags, ref.tag)) return image;
    }
    return undefined;
  }
}
