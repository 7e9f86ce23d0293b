import type { AnyStateMachine } from "xstate";
import { apiserverMachine } from "../apiserver/apiserverMachine.ts";
import { controllerManagerMachine } from "../controllers/controllerManagerMachine.ts";
import { etcdMachine } from "../etcd/etcdMachine.ts";
import { kubeProxyMachine } from "../kube-proxy/kubeProxyMachine.ts";
import { kubeletMachine } from "../kubelet/kubeletMachine.ts";
import { podMachine } from "../kubelet/podMachine.ts";
import { containerMachine } from "../kubelet/runtime/containerMachine.ts";
import { schedulerMachine } from "../scheduler/schedulerMachine.ts";

/** The statecharts of the simulated components, in the order the docs show them. */
export const COMPONENT_MACHINES: readonly { name: string; description: string; machine: AnyStateMachine }[] =
  [
    {
      name: "etcd",
      description: "The etcd member: serving, or unavailable; compacts history every 5 minutes.",
      machine: etcdMachine,
    },
    {
      name: "kube-apiserver",
      description: "Serving requests and watches, or stopped.",
      machine: apiserverMachine,
    },
    {
      name: "kube-scheduler",
      description: "Idle until a pod is queued; one scheduling cycle per step.",
      machine: schedulerMachine,
    },
    {
      name: "kube-controller-manager",
      description: "All controllers running, or stopped.",
      machine: controllerManagerMachine,
    },
    {
      name: "kubelet",
      description: "A node agent: registering, running (heartbeats every 10 s), stopped.",
      machine: kubeletMachine,
    },
    {
      name: "kube-proxy",
      description:
        "Per node: rules written on start, after changes (at most once a second) and every 30 s; stopped with its node.",
      machine: kubeProxyMachine,
    },
    {
      name: "pod",
      description: "A pod on its node, as the kubelet's pod worker drives it.",
      machine: podMachine,
    },
    {
      name: "container",
      description: "A container in the runtime: created, running, stopping after a stop signal, exited.",
      machine: containerMachine,
    },
  ];
