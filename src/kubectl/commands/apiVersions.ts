import type { Command } from "commander";
import { groupVersions } from "../../server/discovery.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";

/**
 * `kubectl api-versions`: every group version discovery serves, as `group/version` (`v1` for the
 * core group), sorted (pkg/cmd/apiresources/apiversions.go).
 */
export function registerApiVersions(program: Command, ctx: CommandContext): void {
  program
    .command("api-versions")
    .argument("[args...]")
    .action((args: string[]) => {
      if (args.length > 0) {
        throw new KubectlError(
          `error: unexpected arguments: [${args.join(" ")}]\nSee 'kubectl api-versions -h' for help and examples`,
        );
      }
      const versions = groupVersions(ctx.host.client.kinds)
        .map(({ group, version }) => (group ? `${group}/${version}` : version))
        .sort();
      for (const v of versions) ctx.out(`${v}\n`);
    });
}
