import type { EventLoop } from "../../clock/EventLoop.ts";
import type { ImageSpec, ProcessSpec } from "../ImageCatalogue.ts";
import type { ContainerFilesystem } from "./ContainerFilesystem.ts";
import { type ContainerEvent, type ContainerState, nextContainerState } from "./containerMachine.ts";
import type { ProgramRunner } from "./ProgramRunner.ts";
import type { EndpointOwner, Sandbox } from "./Sandbox.ts";

/** One line a container wrote (a final line without newline is `partial`). */
export interface LogEntry {
  time: number;
  stream: "stdout" | "stderr";
  text: string;
  partial?: boolean;
}

/** What the kubelet asks the runtime to create (the CRI CreateContainer request, simplified). */
export interface ContainerConfig {
  name: string;
  podUid: string;
  podName: string;
  namespace: string;
  /** The image as the pod spec names it. */
  image: string;
  /** Normalized reference (`docker.io/library/nginx:latest`) and the digest reference. */
  imageRef: string;
  imageID: string;
  imageSpec: ImageSpec;
  command: readonly string[];
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  mounts: readonly { path: string; volume: string; readOnly: boolean }[];
  /** Restart count of this container in its pod (the CRI attempt). */
  attempt: number;
  memoryLimitBytes?: number;
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
}

/**
 * A container in the simulated runtime: its lifecycle state (stepped by {@link containerMachine}),
 * times, exit code and reason, logs, filesystem and the program it runs.
 */
export class RuntimeContainer implements EndpointOwner {
  readonly id: string;
  readonly config: ContainerConfig;
  readonly sandbox: Sandbox;
  readonly fs: ContainerFilesystem;
  readonly createdAt: number;
  readonly logs: LogEntry[] = [];
  readonly #loop: EventLoop;
  state: ContainerState = "created";
  startedAt: number | undefined;
  finishedAt: number | undefined;
  exitCode: number | undefined;
  reason: string | undefined;
  message: string | undefined;
  memoryBytes = 0;
  programStartedAt = 0;
  runner: ProgramRunner | undefined;
  /** The image program the container runs (undefined for a shell or tool). */
  process: ProcessSpec | undefined;
  /** How the main program treats its stop signal. */
  stopBehaviour: ProcessSpec["onStop"] = {
    handles: false,
    keepsServing: false,
    seconds: 0,
    exitCode: 0,
    logs: [],
  };
  readonly #partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };

  constructor(
    id: string,
    config: ContainerConfig,
    sandbox: Sandbox,
    fs: ContainerFilesystem,
    loop: EventLoop,
  ) {
    this.id = id;
    this.config = config;
    this.sandbox = sandbox;
    this.fs = fs;
    this.#loop = loop;
    this.createdAt = loop.now();
  }

  get name(): string {
    return this.config.name;
  }

  now(): number {
    return this.#loop.now();
  }

  /** Step the lifecycle statechart. */
  transition(event: ContainerEvent): void {
    this.state = nextContainerState(this.state, event);
  }

  get templateVars(): Record<string, string | number> {
    const { imageSpec, imageRef } = this.config;
    const tag = imageRef.includes("@") ? "" : imageRef.slice(imageRef.lastIndexOf(":") + 1);
    return {
      version: /^\d+(\.\d+)*$/.test(tag) ? tag : imageSpec.version,
      hostname: this.config.podName,
      podIP: this.sandbox.ip,
    };
  }

  readFile(path: string): string | undefined {
    const content = this.fs.read(path);
    return typeof content === "string" ? content : undefined;
  }

  /** Write a whole line. */
  log(stream: "stdout" | "stderr", line: string): void {
    this.write(stream, `${line}\n`);
  }

  /** Write program output; complete lines are logged, the rest waits for its newline. */
  write(stream: "stdout" | "stderr", text: string): void {
    const combined = this.#partial[stream] + text;
    const lines = combined.split("\n");
    this.#partial[stream] = lines.pop() as string;
    const time = this.#loop.now();
    for (const line of lines) this.logs.push({ time, stream, text: line });
  }

  /** The program ended: a line without newline is logged as it is. */
  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.#partial[stream] !== "") {
        this.logs.push({ time: this.#loop.now(), stream, text: this.#partial[stream], partial: true });
        this.#partial[stream] = "";
      }
    }
  }
}
