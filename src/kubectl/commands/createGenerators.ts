/**
 * The generators of `kubectl create`: `deployment`, `namespace`, `configmap` and `service`
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go, create_namespace.go,
 * create_configmap.go, create_service.go, v1.32).
 */
import type { Command } from "commander";
import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject } from "../../api/types.ts";
import { regexError } from "../../api/validation.ts";
import { fnv32a } from "../../controllers/controllerUtils.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { objectPrinter } from "../output.ts";
import { kindPrefix } from "../resources.ts";
import { printWarnings } from "./common.ts";

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** NameFromCommandArgs: exactly one NAME, or the usage error. */
function nameFrom(args: readonly string[], command: string): string {
  if (args.length !== 1)
    throw new KubectlError(
      `error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create ${command} -h' for help and examples`,
    );
  return args[0] as string;
}

const RAND_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/**
 * sanitizeAndUniquify: a container name from an image with `_` or `.` gets dashes and a
 * 5-character suffix. kubectl draws it at random; kubespec derives it from the image, so a run
 * stays reproducible.
 */
export function containerNameForImage(image: string): string {
  let name = image.split("/").pop() ?? image;
  name = name.split(":")[0] as string;
  name = name.split("@")[0] as string;
  if (!/[_.]/.test(name)) return name;
  let hash = fnv32a(image);
  let suffix = "";
  for (let i = 0; i < 5; i++) {
    suffix += RAND_ALPHABET[hash % RAND_ALPHABET.length];
    hash = Math.floor(hash / RAND_ALPHABET.length) + 7919 * (i + 1);
  }
  return `${name.replace(/[_.]/g, "-")}-${suffix}`;
}

/**
 * The Deployment `kubectl create deployment NAME --image=I [--replicas=N] [--port=P] [-- CMD…]` builds:
 * label and selector `app=NAME`, one container per image.
 *
 * @example
 * ```ts
 * deploymentFor("web", ["nginx"], 2, 80, []).spec.replicas; // 2
 * ```
 */
export function deploymentFor(
  name: string,
  images: readonly string[],
  replicas: number,
  port: number,
  command: readonly string[],
): KubeObject {
  const labels = { app: name };
  const containers = images.map((image) => ({
    image,
    name: containerNameForImage(image),
    ...(command.length > 0 ? { command: [...command] } : {}),
    resources: {},
  }));
  if (port >= 0 && containers[0]) Object.assign(containers[0], { ports: [{ containerPort: port }] });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { creationTimestamp: null, labels, name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  } as unknown as KubeObject;
}

/** validation.IsConfigMapKey. */
function configMapKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errors.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        "[-._a-zA-Z0-9]+",
        "key.name",
        "KEY_NAME",
        "key-name",
      ),
    );
  if (key === ".") errors.push("must not be '.'");
  else if (key === "..") errors.push("must not be '..'");
  else if (key.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/** ParseLiteralSource and addKeyFromLiteralToConfigMap. */
function literalData(name: string, sources: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const source of sources) {
    const eq = source.indexOf("=");
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${source}, expected key=value`);
    const key = source.slice(0, eq);
    const errors = configMapKeyErrors(key);
    if (errors.length > 0)
      throw new KubectlError(
        `error: ${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errors.join(",")}`,
      );
    if (key in data)
      throw new KubectlError(
        `error: cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`,
      );
    data[key] = source.slice(eq + 1);
  }
  return data;
}

/**
 * Create the object (or only print it with `--dry-run=client`), then print it as `-o` asks or as
 * `<kind>/<name> created`. `wrap` is the prefix kubectl puts before a failed create's error.
 */
function createAndPrint(
  ctx: CommandContext,
  resource: string,
  object: KubeObject,
  opts: Record<string, unknown>,
  wrap: string | undefined,
): void {
  const output = opts.output as string | undefined;
  const print = objectPrinter(output, (path) => ctx.host.readFile(path));
  const client = ctx.host.client.resource(resource);
  const dryRun = opts.dryRun === true ? "client" : (opts.dryRun as string | undefined);
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  let result = object;
  if (dryRun !== "client") {
    const toSend = structuredClone(object) as KubeObject & { metadata: Record<string, unknown> };
    delete toSend.metadata.creationTimestamp;
    delete (toSend.spec as { template?: { metadata?: Record<string, unknown> } } | undefined)?.template
      ?.metadata?.creationTimestamp;
    try {
      const created = ctx.host.client.api.create(
        "kubectl",
        client.type,
        client.type.namespaced ? ctx.namespace() : undefined,
        toSend,
        dryRun === "server" ? { dryRun: true } : {},
      );
      printWarnings(ctx, created.warnings);
      result = created.object;
    } catch (error) {
      // fmt.Errorf("failed to create …: %v", err) hides the status, so kubectl prints `error: …`.
      if (wrap && error instanceof StatusError)
        throw new KubectlError(`error: ${wrap}: ${error.status.message}`);
      throw new KubectlError(errorMessage(error));
    }
  }
  if (output) ctx.out(print(client.type, result));
  else ctx.out(`${kindPrefix(client.type)}/${result.metadata.name} created${suffix}\n`);
}

/** Add `deployment`, `namespace` and `configmap` under `kubectl create`. */
export function registerCreateGenerators(create: Command, ctx: CommandContext): void {
  create
    .command("deployment")
    .alias("deploy")
    .argument("[args...]")
    .option("--image <image>", "", repeat, [] as string[])
    .option("--port <port>", "", "-1")
    .option("-r, --replicas <replicas>", "", "1")
    .option("--dry-run [strategy]")
    .option("-o, --output <format>")
    .option("--save-config")
    .option("--validate [mode]")
    .action((args: string[], _opts: Record<string, unknown>, command: Command) => {
      const opts = command.optsWithGlobals();
      // Arguments after `--` are the container's command (cobra's ArgsLenAtDash).
      let root = command;
      while (root.parent) root = root.parent;
      const raw = (root as unknown as { rawArgs: string[] }).rawArgs ?? [];
      const dash = raw.indexOf("--");
      const afterDash = dash < 0 ? 0 : raw.length - dash - 1;
      const before = args.slice(0, args.length - afterDash);
      const name = nameFrom(before, "deployment");
      const images = (opts.image as string[]).flatMap((i) => i.split(","));
      if (images.length === 0) throw new KubectlError('error: required flag(s) "image" not set');
      const commandArgs = args.slice(before.length);
      if (images.length > 1 && commandArgs.length > 0)
        throw new KubectlError("error: cannot specify multiple --image options and command");
      const replicas = Number(opts.replicas);
      const port = Number(opts.port);
      if (!Number.isInteger(replicas))
        throw new KubectlError(
          `error: invalid argument "${opts.replicas}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${opts.replicas}": invalid syntax\nSee 'kubectl create deployment --help' for usage.`,
        );
      if (!Number.isInteger(port))
        throw new KubectlError(
          `error: invalid argument "${opts.port}" for "--port" flag: strconv.ParseInt: parsing "${opts.port}": invalid syntax\nSee 'kubectl create deployment --help' for usage.`,
        );
      const deployment = deploymentFor(name, images, replicas, port, commandArgs);
      createAndPrint(ctx, "deployments.apps", deployment, opts, "failed to create deployment");
    });

  create
    .command("namespace")
    .alias("ns")
    .argument("[args...]")
    .option("--dry-run [strategy]")
    .option("-o, --output <format>")
    .option("--save-config")
    .option("--validate [mode]")
    .action((args: string[], _opts: Record<string, unknown>, command: Command) => {
      const opts = command.optsWithGlobals();
      const name = nameFrom(args, "namespace");
      const namespace = {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { creationTimestamp: null, name },
        spec: {},
        status: {},
      } as unknown as KubeObject;
      createAndPrint(ctx, "namespaces", namespace, opts, undefined);
    });

  create
    .command("configmap")
    .alias("cm")
    .argument("[args...]")
    .option("--from-literal <literal>", "", repeat, [] as string[])
    .option("--dry-run [strategy]")
    .option("-o, --output <format>")
    .option("--save-config")
    .option("--validate [mode]")
    .action((args: string[], _opts: Record<string, unknown>, command: Command) => {
      const opts = command.optsWithGlobals();
      const name = nameFrom(args, "configmap");
      const data = literalData(name, opts.fromLiteral as string[]);
      // Data is omitempty: a config map without literals has none.
      const configMap = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { creationTimestamp: null, name },
        ...(Object.keys(data).length > 0 ? { data } : {}),
      } as unknown as KubeObject;
      createAndPrint(ctx, "configmaps", configMap, opts, "failed to create configmap");
    });

  registerCreateService(create, ctx);
}

/** parsePorts of create_service.go: `port[:targetPort]`. */
function parseServicePort(spec: string): { port: number; targetPort: number | string } {
  const [first, second] = spec.split(":") as [string, string | undefined];
  const port = Number(first);
  if (!/^\d+$/.test(first) || port < 1 || port > 65535)
    throw new KubectlError(
      /^\d+$/.test(first) ? `error: port "${first}" out of range` : `error: invalid port "${first}"`,
    );
  if (second === undefined) return { port, targetPort: port };
  if (/^\d+$/.test(second)) {
    const target = Number(second);
    if (target < 1 || target > 65535) throw new KubectlError("error: must be between 1 and 65535, inclusive");
    return { port, targetPort: target };
  }
  return { port, targetPort: second };
}

/** `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (create_service.go). */
function registerCreateService(create: Command, ctx: CommandContext): void {
  const service = create.command("service").alias("svc");
  for (const [sub, type] of [
    ["clusterip", "ClusterIP"],
    ["nodeport", "NodePort"],
    ["loadbalancer", "LoadBalancer"],
    ["externalname", "ExternalName"],
  ] as const) {
    const cmd = service
      .command(sub)
      .argument("[args...]")
      .option("--tcp <ports>", "", (v: string, p: string[]) => [...p, ...v.split(",")], [] as string[])
      .option("--dry-run [strategy]")
      .option("-o, --output <format>")
      .option("--save-config")
      .option("--validate [mode]");
    if (sub === "clusterip") cmd.option("--clusterip <ip>");
    if (sub === "nodeport") cmd.option("--node-port <port>", "", "0");
    if (sub === "externalname") cmd.option("--external-name <name>");
    cmd.action((args: string[], _opts: Record<string, unknown>, command: Command) => {
      const opts = command.optsWithGlobals();
      const name = nameFrom(args, `service ${sub}`);
      const clusterIP = opts.clusterip as string | undefined;
      const tcp = opts.tcp as string[];
      if (sub === "externalname" && !opts.externalName)
        throw new KubectlError('error: required flag(s) "external-name" not set');
      if (clusterIP !== "None" && tcp.length === 0 && type !== "ExternalName")
        throw new KubectlError("error: at least one tcp port specifier must be provided");
      const nodePort = Number(opts.nodePort ?? 0);
      const ports = tcp.map((spec) => ({
        name: spec.replace(/:/g, "-"),
        ...(nodePort ? { nodePort } : {}),
        ...parseServicePort(spec),
        protocol: "TCP",
      }));
      const object = {
        apiVersion: "v1",
        kind: "Service",
        metadata: { creationTimestamp: null, labels: { app: name }, name },
        spec: {
          ...(clusterIP ? { clusterIP } : {}),
          ...(opts.externalName ? { externalName: opts.externalName } : {}),
          ...(ports.length > 0 ? { ports } : {}),
          selector: { app: name },
          type,
        },
        status: { loadBalancer: {} },
      } as unknown as KubeObject;
      createAndPrint(ctx, "services", object, opts, `failed to create ${type} service`);
    });
  }
}
