import type { Command } from "commander";
import type { KubeObject, Pod, Service } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { checkOutputFormat, formatObjects } from "../output.ts";
import { kindPrefix, parseResourceArgs } from "../resources.ts";
import { printWarnings } from "./common.ts";

type PodSpec = NonNullable<Pod["spec"]>;

/** What can be exposed (CanBeExposed) and where its pod template is. */
function podSpecOf(object: KubeObject): PodSpec | undefined {
  if (object.kind === "Pod") return (object as Pod).spec;
  if (object.kind === "Service") return undefined;
  return (object.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
}

/** MapBasedSelectorForObject: a pod's labels, a service's selector, a workload's matchLabels. */
function selectorFor(object: KubeObject): Record<string, string> {
  const kind = object.kind;
  if (kind === "Pod") {
    const labels = object.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) throw new Error(`the pod has no labels and cannot be exposed`);
    return labels;
  }
  if (kind === "Service") {
    const selector = (object as Service).spec?.selector;
    if (!selector) throw new Error("the service has no pod selector set");
    return selector;
  }
  const selector = (
    object.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } }
  )?.selector;
  if (selector?.matchExpressions?.length)
    throw new Error(
      `couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`,
    );
  return selector?.matchLabels ?? {};
}

/** PortsForObject: every container port (a service's ports for a service). */
function portsFor(object: KubeObject): { port: string; protocol: string }[] {
  if (object.kind === "Service")
    return ((object as Service).spec?.ports ?? []).map((p) => ({
      port: String(p.port),
      protocol: p.protocol ?? "TCP",
    }));
  const out: { port: string; protocol: string }[] = [];
  for (const c of podSpecOf(object)?.containers ?? [])
    for (const p of c.ports ?? []) out.push({ port: String(p.containerPort), protocol: p.protocol ?? "TCP" });
  return out;
}

const EXPOSABLE = new Set(["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"]);

/**
 * `kubectl expose` (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go): a Service named after
 * the object, selecting its pods with its selector, on `--port` or the ports its containers
 * declare (`port-1`, `port-2`… when there are several), targetPort `--target-port` or the port,
 * labelled with the object's labels; prints `service/<name> exposed`.
 */
export function registerExpose(program: Command, ctx: CommandContext): void {
  program
    .command("expose")
    .argument("[args...]")
    .option("--port <port>")
    .option("--target-port <port>")
    .option("--protocol <protocol>")
    .option("--type <type>")
    .option("--name <name>")
    .option("--selector <selector>")
    .option("-l, --labels <labels>")
    .option("--cluster-ip <ip>")
    .option("--external-ip <ip>")
    .option("--session-affinity <affinity>")
    .option("--load-balancer-ip <ip>")
    .option("--dry-run [strategy]")
    .option("-o, --output <format>")
    .action((args: string[], opts: Record<string, string | boolean | undefined>) => {
      const output = opts.output as string | undefined;
      checkOutputFormat(output);
      const targets = parseResourceArgs(ctx.host.client.kinds, args);
      if (targets.length === 0 || targets.every((t) => t.names.length === 0))
        throw new KubectlError(
          "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      for (const { type, names } of targets) {
        for (const name of names) {
          const namespace = ctx.namespace();
          let object: KubeObject;
          try {
            object = ctx.host.client.api.get("kubectl", type, namespace, name);
          } catch (error) {
            throw new KubectlError(errorMessage(error));
          }
          if (!EXPOSABLE.has(type.kind))
            throw new KubectlError(
              `error: cannot expose a ${type.kind}${type.group ? `.${type.group}` : ""}`,
            );
          let selector: Record<string, string>;
          try {
            selector = opts.selector
              ? Object.fromEntries(
                  String(opts.selector)
                    .split(",")
                    .map((kv) => kv.split("=") as [string, string]),
                )
              : selectorFor(object);
          } catch (error) {
            throw new KubectlError(
              `error: couldn't retrieve selectors via --selector flag or introspection: ${(error as Error).message}`,
            );
          }
          const headless = opts.clusterIp === "None";
          let portList = opts.port ? [{ port: String(opts.port), protocol: "" }] : portsFor(object);
          if (portList.length === 0 && !headless)
            throw new KubectlError("error: couldn't find port via --port flag or introspection");
          if (opts.port)
            portList = String(opts.port)
              .split(",")
              .map((p) => ({ port: p, protocol: "" }));
          const ports = portList.map((p, i) => {
            const port = Number(p.port);
            if (!Number.isInteger(port))
              throw new KubectlError(`error: strconv.Atoi: parsing "${p.port}": invalid syntax`);
            const target = opts.targetPort ? String(opts.targetPort) : undefined;
            return {
              ...(portList.length > 1 ? { name: `port-${i + 1}` } : {}),
              port,
              protocol: ((opts.protocol as string | undefined) || p.protocol || "TCP") as "TCP",
              targetPort: target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target,
            };
          });
          const labels = opts.labels
            ? Object.fromEntries(
                String(opts.labels)
                  .split(",")
                  .map((kv) => kv.split("=") as [string, string]),
              )
            : object.metadata.labels;
          const service: Service = {
            apiVersion: "v1",
            kind: "Service",
            metadata: {
              name: (opts.name as string | undefined) ?? name.slice(0, 63),
              ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
            },
            spec: {
              ports,
              selector,
              ...(opts.type ? { type: String(opts.type) as "ClusterIP" } : {}),
              ...(opts.clusterIp ? { clusterIP: String(opts.clusterIp) } : {}),
              ...(opts.externalIp ? { externalIPs: [String(opts.externalIp)] } : {}),
              ...(opts.loadBalancerIp && opts.type === "LoadBalancer"
                ? { loadBalancerIP: String(opts.loadBalancerIp) }
                : {}),
            },
          };
          const affinity = opts.sessionAffinity as string | undefined;
          if (affinity) {
            if (affinity !== "None" && affinity !== "ClientIP")
              throw new KubectlError(`error: unknown session affinity: ${affinity}`);
            (service.spec as { sessionAffinity?: string }).sessionAffinity = affinity;
          }
          const services = ctx.host.client.resource("services");
          const dryRun = opts.dryRun === true ? "client" : (opts.dryRun as string | undefined);
          let result: KubeObject = service as KubeObject;
          if (dryRun !== "client") {
            try {
              const created = ctx.host.client.api.create("kubectl", services.type, namespace, service, {
                ...(dryRun === "server" ? { dryRun: true } : {}),
              });
              printWarnings(ctx, created.warnings);
              result = created.object as KubeObject;
            } catch (error) {
              throw new KubectlError(errorMessage(error));
            }
          }
          const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
          if (output) ctx.out(formatObjects(services.type, [result], output, true));
          else ctx.out(`${kindPrefix(services.type)}/${result.metadata.name} exposed${suffix}\n`);
        }
      }
    });
}
