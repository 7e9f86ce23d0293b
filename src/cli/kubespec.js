#!/usr/bin/env node
// The `kubespec` command: registers TypeScript support, then runs the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
