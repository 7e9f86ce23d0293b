import { type IWorldOptions, setDefaultTimeout, setWorldConstructor, World } from "@cucumber/cucumber";
import { resolveSeed } from "../clock/SeededRandom.ts";
import type { Cluster, CommandResult } from "../cluster/Cluster.ts";
import type { ClusterSpec } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { replayCommand } from "./FailureDiagnostics.ts";

/** World parameters (`cucumber-js --world-parameters '{"seed": 7}'`). */
export interface KubespecParameters {
  seed?: number;
}

/** The last kubectl command a scenario ran. */
export interface LastCommand extends CommandResult {
  command: string;
}

/**
 * The state of one scenario: its cluster (behind the {@link Cluster} interface, so a live-cluster
 * driver can stand in), the last command's output, and where the feature file lives.
 */
export class KubespecWorld extends World<KubespecParameters> {
  cluster: Cluster | undefined;
  lastCommand: LastCommand | undefined;
  /** Directory of the running feature file; relative manifest paths resolve against it. */
  featureDirectory = process.cwd();
  /** Images the scenario declared (added to the cluster's registry when it starts). */
  readonly images: unknown[] = [];
  readonly seed: number;
  /** Scheduling explanations of pods whose placement assertions failed (attached if the scenario fails). */
  readonly schedulingExplanations = new Map<string, string>();
  /** `features/x.feature:12`: where the running scenario is, for the replay command. */
  location: string | undefined;
  /** Text of the step running now (for failure diagnostics). */
  currentStep: string | undefined;
  /** Cluster time when the scenario's cluster started. */
  clusterStartedAt: number | undefined;

  constructor(options: IWorldOptions<KubespecParameters>) {
    super(options);
    this.seed = resolveSeed(options.parameters?.seed);
  }

  /** The cluster, or a clear error when the scenario never created one. */
  requireCluster(): Cluster {
    if (!this.cluster) {
      throw new Error(
        'this scenario has no cluster yet: start it with a step such as "Given a cluster with 3 nodes"',
      );
    }
    return this.cluster;
  }

  /** Create the simulated cluster for this scenario. */
  async startCluster(spec: Omit<ClusterSpec, "seed">): Promise<void> {
    await this.cluster?.dispose();
    this.cluster = SimulatedCluster.create(
      { ...spec, seed: this.seed },
      { workingDirectory: this.featureDirectory },
    );
    this.clusterStartedAt = this.cluster.now();
    if (this.images.length > 0) await this.cluster.addImages(this.images);
  }

  /** Run kubectl and keep (and attach to the report) what it printed. */
  async kubectl(command: string, stdin = ""): Promise<LastCommand> {
    const result = await this.requireCluster().kubectl(command, stdin);
    this.lastCommand = { command, ...result };
    const shown = command.startsWith("kubectl") ? command : `kubectl ${command}`;
    this.attach(
      `$ ${shown}\n${result.stdout}${result.stderr}${result.exitCode === 0 ? "" : `(exit code ${result.exitCode})\n`}`,
      "text/plain",
    );
    return this.lastCommand;
  }

  /** The last command, or a clear error if none ran. */
  requireLastCommand(): LastCommand {
    if (!this.lastCommand)
      throw new Error('no command has run yet: use a step such as When I run "kubectl get pods"');
    return this.lastCommand;
  }

  /** How to replay this scenario: its seed and the command line. */
  replayHint(): string {
    return `seed ${this.seed}: ${replayCommand(this.seed, this.location)}`;
  }
}

setWorldConstructor(KubespecWorld);
setDefaultTimeout(120_000);
