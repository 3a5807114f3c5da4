import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { AppContext } from "../../context.js";
import { principalFor } from "../../http/access-policy.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { writeCsv } from "../../platform/tabular.js";

type WithContext = (work: (ctx: AppContext) => Promise<void>) => Promise<void>;

/** The CLI acts as the platform itself, with a coordinator's reach over every partner. */
const CLI_PRINCIPAL = principalFor(
  {
    id: "00000000-0000-0000-0000-000000000000",
    email: "cli",
    displayName: "cli",
    role: "administrator",
    partnerCode: null,
  },
  null,
);
const CLI_ACTOR = { ...SYSTEM_ACTOR, label: "cli" };

/** `pact projects duplicates|check`, `pact import projects FILE`, `pact export iati`. */
export function registerProjectsCli(program: Command, imports: Command, exports: Command, withContext: WithContext) {
  const projects = program.command("projects").description("ADAM technical-assistance projects");
  projects
    .command("duplicates")
    .description("print the current duplicate candidate pairs as CSV (ids, score, label, reasons)")
    .option("--check", "run the duplicate check over all projects first")
    .action((opts: { check?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.check) await ctx.projects.duplicates.checkAll();
        const pairs = await ctx.projects.duplicates.candidatePairs();
        const columns = ["alert", "project_a", "project_b", "score", "label", "reasons"].map((key) => ({
          key,
          header: key,
        }));
        // No BOM on standard output: it is for pipes and scripts, not for Excel.
        process.stdout.write(writeCsv(columns, pairs).subarray(3));
      }),
    );

  imports
    .command("projects <file>")
    .description("import IATI activity XML (2.0x; 1.0x where practical), CSV or XLSX; updates by IATI identifier")
    .option("--partner <code>", "partner that owns new projects", "UNODC")
    .option("--all-or-nothing", "import nothing when any activity is rejected")
    .action((file: string, opts: { partner: string; allOrNothing?: boolean }) =>
      withContext(async (ctx) => {
        const data = fs.readFileSync(file);
        const result = await ctx.projects.exchange.importFile(data, path.basename(file), CLI_PRINCIPAL, CLI_ACTOR, {
          partnerCode: opts.partner.toUpperCase(),
          allOrNothing: !!opts.allOrNothing,
        });
        console.log(
          `${result.fileName} (${result.format}): ${result.activities} activities, ${result.created} created, ${result.updated} updated, ${result.rejected.length} rejected${result.refused ? " — nothing imported" : ""}`,
        );
        for (const r of result.rejected) console.log(`  rejected ${r.ref}: ${r.reason.en}`);
        if (result.refused) process.exitCode = 1;
      }),
    );

  exports
    .command("iati")
    .description("write the published projects as IATI 2.03 activity XML")
    .option("-o, --out <file>", "output file (default: standard output)")
    .action((opts: { out?: string }) =>
      withContext(async (ctx) => {
        const xml = await ctx.projects.exchange.exportIati(CLI_PRINCIPAL, ctx.config.publicUrl);
        if (opts.out) {
          fs.writeFileSync(opts.out, xml);
          console.log(`Wrote ${opts.out}`);
        } else process.stdout.write(xml);
      }),
    );
}
