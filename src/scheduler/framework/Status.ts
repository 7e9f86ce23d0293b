/** framework.Code. */
export type StatusCode =
  | "Success"
  | "Error"
  | "Unschedulable"
  | "UnschedulableAndUnresolvable"
  | "Wait"
  | "Skip";

/**
 * The outcome of a plugin at an extension point (framework.Status): a code, the reasons that build
 * the `0/3 nodes are available: ...` message, and the plugin that produced it.
 *
 * @example
 * ```ts
 * PluginStatus.unschedulable("NodeResourcesFit", "Insufficient cpu").isSuccess(); // false
 * ```
 */
export class PluginStatus {
  constructor(
    readonly code: StatusCode,
    readonly reasons: readonly string[] = [],
    readonly plugin = "",
  ) {}

  static readonly success = new PluginStatus("Success");

  static unschedulable(plugin: string, ...reasons: string[]): PluginStatus {
    return new PluginStatus("Unschedulable", reasons, plugin);
  }

  static unresolvable(plugin: string, ...reasons: string[]): PluginStatus {
    return new PluginStatus("UnschedulableAndUnresolvable", reasons, plugin);
  }

  static error(plugin: string, message: string): PluginStatus {
    return new PluginStatus("Error", [message], plugin);
  }

  static skipped(plugin: string): PluginStatus {
    let status = SKIPS.get(plugin);
    if (!status) {
      status = new PluginStatus("Skip", [], plugin);
      SKIPS.set(plugin, status);
    }
    return status;
  }

  isSuccess(): boolean {
    return this.code === "Success";
  }

  isSkip(): boolean {
    return this.code === "Skip";
  }

  /** Unschedulable or UnschedulableAndUnresolvable (Status.IsRejected). */
  isRejected(): boolean {
    return this.code === "Unschedulable" || this.code === "UnschedulableAndUnresolvable";
  }

  /** Status.Message: the reasons joined with ", ". */
  message(): string {
    return this.reasons.join(", ");
  }
}

/** One Skip status per plugin (statuses are immutable; PreFilter and PreScore return them often). */
const SKIPS = new Map<string, PluginStatus>();
