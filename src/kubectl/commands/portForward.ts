import type { Command } from "commander";
import type { Pod, Service } from "../../api/types.ts";
import { findPort } from "../../controllers/endpoint/endpointUtil.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";

/** `[LOCAL:]REMOTE` (splitPort). */
function splitPort(spec: string): [string, string] {
  const parts = spec.split(":");
  if (parts.length === 2) return [parts[0] || parts[1] || "", parts[1] ?? ""];
  return [spec, spec];
}

/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…` (staging/src/k8s.io/kubectl/pkg/cmd/portforward,
 * client-go tools/portforward): a pod (or the pod a service or workload selects, with service
 * ports translated to container ports) must be Running; each forward prints
 * `Forwarding from 127.0.0.1:L -> R` and `Forwarding from [::1]:L -> R`. In the simulation the
 * forward stays open (a real kubectl blocks until interrupted) and requests to `localhost:L` from
 * the machine running kubectl reach the pod's port.
 */
export function registerPortForward(program: Command, ctx: CommandContext): void {
  program
    .command("port-forward")
    .argument("[args...]")
    .option("--address <addresses>", "", "localhost")
    .option("--pod-running-timeout <duration>", "", "1m0s")
    .action((args: string[]) => {
      if (args.length < 2)
        throw new KubectlError(
          "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples",
        );
      const forward = ctx.host.portForward;
      if (!forward) throw new KubectlError("error: this cluster cannot forward ports");
      const [target, ...ports] = args as [string, ...string[]];
      const namespace = ctx.namespace();
      const slash = target.indexOf("/");
      const kind = slash < 0 ? "pod" : target.slice(0, slash).toLowerCase();
      const name = slash < 0 ? target : target.slice(slash + 1);
      const client = ctx.host.client;
      let pod: Pod;
      let service: Service | undefined;
      try {
        if (["pod", "pods", "po"].includes(kind)) pod = client.resource<Pod>("pods").get(namespace, name);
        else {
          const resource = ["svc", "service", "services"].includes(kind) ? "services" : kind;
          const owner = client.resource(resource).get(namespace, name) as unknown as {
            kind: string;
            spec?: { selector?: Record<string, string> | { matchLabels?: Record<string, string> } };
          };
          if (owner.kind === "Service") service = owner as unknown as Service;
          const selector =
            (service
              ? service.spec?.selector
              : (owner.spec?.selector as { matchLabels?: Record<string, string> })?.matchLabels) ?? {};
          const labelSelector = Object.entries(selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(",");
          const pods = client
            .resource<Pod>("pods")
            .list(namespace, { labelSelector })
            .items.filter((p) => !p.metadata?.deletionTimestamp)
            .sort((a, b) => Number(b.status?.phase === "Running") - Number(a.status?.phase === "Running"));
          if (pods.length === 0) throw new KubectlError("error: timed out waiting for the condition");
          pod = pods[0] as Pod;
        }
      } catch (error) {
        if (error instanceof KubectlError) throw error;
        throw new KubectlError(errorMessage(error));
      }
      if (pod.status?.phase !== "Running")
        throw new KubectlError(
          `error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ""}`,
        );
      for (const spec of ports) {
        let [local, remote] = splitPort(spec);
        if (!remote) throw new KubectlError("error: remote port cannot be empty");
        if (service) {
          let number = Number(remote);
          if (!/^\d+$/.test(remote)) {
            const byName = service.spec?.ports?.find((p) => p.name === remote);
            if (!byName)
              throw new KubectlError(
                `error: Service '${service.metadata?.name}' does not have a named port '${remote}'`,
              );
            number = byName.port;
            if (local === remote) local = String(number);
          }
          const servicePort = service.spec?.ports?.find((p) => p.port === number);
          const containerPort = servicePort ? findPort(pod, servicePort) : undefined;
          if (containerPort === undefined)
            throw new KubectlError(
              `error: Service ${service.metadata?.name} does not have a service port ${number}`,
            );
          remote = String(containerPort);
          if (local === String(number) && spec.indexOf(":") < 0) local = remote;
        }
        forward(namespace, pod.metadata?.name as string, Number(local), Number(remote));
        ctx.out(
          `Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`,
        );
      }
    });
}
