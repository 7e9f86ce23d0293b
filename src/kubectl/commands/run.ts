import type { Command } from "commander";
import type { Pod } from "../../api/types.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { objectPrinter } from "../output.ts";
import { printWarnings } from "./common.ts";

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(",")) {
    const [key, value, ...rest] = part.split("=");
    if (key === undefined || value === undefined || rest.length > 0)
      throw new KubectlError(`error: invalid label spec: ${part}`);
    labels[key] = value;
  }
  return labels;
}

/** `kubectl run NAME --image=IMAGE`: create a pod (the run generator of kubectl v1.32). */
export function registerRun(program: Command, ctx: CommandContext): void {
  program
    .command("run")
    .argument("[name]")
    .argument("[args...]")
    .option("--image <image>")
    .option("-l, --labels <labels>")
    .option("--restart <policy>", "", "Always")
    .option("--port <port>")
    .option("--env <env>", "", repeat, [] as string[])
    .option("--command")
    .option("--image-pull-policy <policy>")
    .option("--dry-run [strategy]")
    .option("-o, --output <format>")
    .action((name: string | undefined, args: string[], opts: Record<string, unknown>) => {
      if (!name)
        throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
      const image = opts.image as string | undefined;
      if (!image) throw new KubectlError('error: required flag(s) "image" not set');
      const restart = opts.restart as string;
      if (!["Always", "OnFailure", "Never"].includes(restart)) {
        throw new KubectlError(
          `error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples`,
        );
      }
      const print = objectPrinter(opts.output as string | undefined, (path) => ctx.host.readFile(path));
      const labels = opts.labels ? parseLabels(opts.labels as string) : { run: name };
      const container: Record<string, unknown> = { image, name };
      if (opts.imagePullPolicy) container.imagePullPolicy = opts.imagePullPolicy;
      if (args.length > 0) {
        if (opts.command) container.command = args;
        else container.args = args;
      }
      const env = (opts.env as string[]).map((e) => {
        const eq = e.indexOf("=");
        if (eq < 0) throw new KubectlError(`error: invalid env: ${e}`);
        return { name: e.slice(0, eq), value: e.slice(eq + 1) };
      });
      if (env.length > 0) container.env = env;
      if (opts.port) container.ports = [{ containerPort: Number(opts.port) }];
      container.resources = {};
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { creationTimestamp: null, labels, name },
        spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: restart },
        status: {},
      } as unknown as Pod;
      const dryRun = opts.dryRun === true ? "client" : (opts.dryRun as string | undefined);
      if (dryRun === "client") {
        if (opts.output) ctx.out(print(undefined, pod as never));
        else ctx.out(`pod/${name} created (dry run)\n`);
        return;
      }
      const pods = ctx.host.client.resource("pods");
      const metadata = (pod as unknown as { metadata: Record<string, unknown> }).metadata;
      delete metadata.creationTimestamp;
      const result = ctx.host.client.api.create("kubectl", pods.type, ctx.namespace(), pod, {
        ...(dryRun === "server" ? { dryRun: true } : {}),
      });
      printWarnings(ctx, result.warnings);
      if (opts.output) ctx.out(print(pods.type, result.object));
      else ctx.out(`pod/${name} created${dryRun === "server" ? " (server dry run)" : ""}\n`);
    });
}
