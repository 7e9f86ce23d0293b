/**
 * Files of one volume or layer: paths relative to its root (`""` is the root), file contents and
 * directories. Kept deliberately small: enough for containers that write a file another reads
 * (an emptyDir), the `touch /tmp/healthy` liveness idiom and images that serve files.
 */
export class VolumeStore {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>([""]);

  /** A store holding `files` (absolute paths), with every parent directory. */
  static from(files: Record<string, string>, dirs: readonly string[] = []): VolumeStore {
    const store = new VolumeStore();
    for (const dir of dirs) store.addDir(dir.replace(/^\/+/, ""));
    for (const [path, content] of Object.entries(files)) {
      const rel = normalizePath(path).slice(1);
      store.files.set(rel, content);
      store.addDir(parentOf(rel));
    }
    return store;
  }

  addDir(rel: string): void {
    let dir = rel;
    while (dir !== "" && !this.dirs.has(dir)) {
      this.dirs.add(dir);
      dir = parentOf(dir);
    }
  }
}

/** A volume mounted into a container. */
export interface Mount {
  /** Absolute mount path, normalized. */
  path: string;
  store: VolumeStore;
  readOnly: boolean;
}

/** Why a filesystem operation failed, with the errno text programs print. */
export type FsError = "ENOENT" | "EEXIST" | "EISDIR" | "ENOTDIR" | "EROFS" | "ENOTEMPTY";

export const FS_ERROR_TEXT: Record<FsError, string> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EROFS: "Read-only file system",
  ENOTEMPTY: "Directory not empty",
};

/** `/a/./b//c/../d` → `/a/b/d`, relative paths resolved against `/`. */
export function normalizePath(path: string, cwd = "/"): string {
  const parts: string[] = [];
  for (const part of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function parentOf(rel: string): string {
  const slash = rel.lastIndexOf("/");
  return slash < 0 ? "" : rel.slice(0, slash);
}

/** Directories every Linux container has. */
const STANDARD_DIRS = [
  "bin",
  "dev",
  "etc",
  "home",
  "proc",
  "root",
  "run",
  "sbin",
  "sys/fs/cgroup",
  "tmp",
  "usr/bin",
  "usr/local/bin",
  "var/log",
  "var/run/secrets/kubernetes.io/serviceaccount",
];

/**
 * One container's view of files: its own writable layer (a copy of the image's files, fresh for
 * each container instance, as a restarted container gets a new layer) with the pod's volumes
 * mounted over it, and a few generated files (`/etc/hostname`, cgroup limits, the service
 * account namespace).
 *
 * @example
 * ```ts
 * const fs = new ContainerFilesystem({ "/etc/motd": "hi\n" }, [{ path: "/data", store, readOnly: false }]);
 * fs.write("/data/x", "hello\n"); // undefined (success)
 * fs.read("/data/x"); // "hello\n"
 * ```
 */
export class ContainerFilesystem {
  readonly #layer: VolumeStore;
  readonly #mounts: Mount[];
  readonly #generated: Record<string, () => string>;

  constructor(
    imageFiles: Record<string, string>,
    mounts: readonly Mount[] = [],
    generated: Record<string, () => string> = {},
  ) {
    this.#layer = VolumeStore.from(imageFiles, STANDARD_DIRS);
    // Longest mount path first, so nested mounts win.
    this.#mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
    for (const mount of this.#mounts) this.#layer.addDir(mount.path.slice(1));
    this.#generated = generated;
  }

  #resolve(path: string): { store: VolumeStore; rel: string; readOnly: boolean } {
    const full = normalizePath(path);
    for (const mount of this.#mounts) {
      if (full === mount.path) return { store: mount.store, rel: "", readOnly: mount.readOnly };
      if (full.startsWith(`${mount.path}/`))
        return { store: mount.store, rel: full.slice(mount.path.length + 1), readOnly: mount.readOnly };
    }
    return { store: this.#layer, rel: full.slice(1), readOnly: false };
  }

  /** `file`, `dir`, or undefined when nothing is there. */
  stat(path: string): "file" | "dir" | undefined {
    const full = normalizePath(path);
    if (full in this.#generated || full === "/dev/null") return "file";
    const { store, rel } = this.#resolve(full);
    if (store.files.has(rel)) return "file";
    if (store.dirs.has(rel)) return "dir";
    return undefined;
  }

  /** A file's content, or the reason it cannot be read. */
  read(path: string): string | { error: FsError } {
    const full = normalizePath(path);
    const generated = this.#generated[full];
    if (generated) return generated();
    if (full === "/dev/null") return "";
    const { store, rel } = this.#resolve(full);
    const content = store.files.get(rel);
    if (content !== undefined) return content;
    return { error: store.dirs.has(rel) ? "EISDIR" : "ENOENT" };
  }

  /** Write (or append to) a file; returns the error, or undefined on success. */
  write(path: string, content: string, append = false): FsError | undefined {
    const full = normalizePath(path);
    if (full === "/dev/null") return undefined;
    const { store, rel, readOnly } = this.#resolve(full);
    if (store.dirs.has(rel)) return "EISDIR";
    if (!store.dirs.has(parentOf(rel))) return store.files.has(parentOf(rel)) ? "ENOTDIR" : "ENOENT";
    if (readOnly) return "EROFS";
    store.files.set(rel, append ? (store.files.get(rel) ?? "") + content : content);
    return undefined;
  }

  remove(path: string, recursive = false): FsError | undefined {
    const { store, rel, readOnly } = this.#resolve(path);
    if (store.files.has(rel)) {
      if (readOnly) return "EROFS";
      store.files.delete(rel);
      return undefined;
    }
    if (!store.dirs.has(rel) || rel === "") return store.dirs.has(rel) ? "EISDIR" : "ENOENT";
    if (!recursive) return "EISDIR";
    if (readOnly) return "EROFS";
    for (const key of [...store.files.keys()]) if (key.startsWith(`${rel}/`)) store.files.delete(key);
    for (const key of [...store.dirs]) if (key === rel || key.startsWith(`${rel}/`)) store.dirs.delete(key);
    return undefined;
  }

  mkdir(path: string, parents = false): FsError | undefined {
    const { store, rel, readOnly } = this.#resolve(path);
    if (store.dirs.has(rel) || store.files.has(rel))
      return parents && store.dirs.has(rel) ? undefined : "EEXIST";
    if (!parents && !store.dirs.has(parentOf(rel))) return "ENOENT";
    if (readOnly) return "EROFS";
    store.addDir(rel);
    return undefined;
  }

  /** Names directly inside a directory, sorted; undefined when it is not a directory. */
  list(path: string): string[] | undefined {
    const full = normalizePath(path);
    const { store, rel } = this.#resolve(full);
    if (!store.dirs.has(rel)) return undefined;
    const prefix = rel === "" ? "" : `${rel}/`;
    const names = new Set<string>();
    for (const key of [...store.files.keys(), ...store.dirs]) {
      if (key !== rel && key.startsWith(prefix) && !key.slice(prefix.length).includes("/"))
        names.add(key.slice(prefix.length));
    }
    for (const mount of this.#mounts) {
      if (parentOf(mount.path.slice(1)) === rel) names.add(mount.path.slice(mount.path.lastIndexOf("/") + 1));
    }
    for (const generated of Object.keys(this.#generated)) {
      if (parentOf(generated.slice(1)) === rel) names.add(generated.slice(generated.lastIndexOf("/") + 1));
    }
    return [...names].filter((n) => n !== "").sort();
  }
}
