#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `pact` needs no build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/pact.ts");
await runCli(process.argv);
