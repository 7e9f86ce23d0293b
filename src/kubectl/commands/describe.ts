import type { Command } from "commander";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";

/** `kubectl describe` (filled in with the describers). */
export function registerDescribe(program: Command, ctx: CommandContext): void {
  program
    .command("describe")
    .argument("[args...]")
    .action((args: string[]) => {
      void ctx;
      throw new KubectlError(`error: describe ${args.join(" ")} is not available yet`);
    });
}
