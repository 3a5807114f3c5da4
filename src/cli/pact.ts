import { Command, InvalidArgumentError } from "commander";
import { pino } from "pino";
import { ROLES, type Role } from "../common/platform.js";
import { openAndMigrate } from "../server/bootstrap.js";
import { loadConfig } from "../server/config.js";
import { type AppContext, createContext } from "../server/context.js";
import { removeDemo, seedDemo } from "../server/demo/index.js";
import { AppError } from "../server/http/errors.js";
import { serverModules } from "../server/modules/index.js";
import { type ModuleManifest, registerModuleCli, type WithContext } from "../server/modules/manifest.js";
import { SYSTEM_ACTOR } from "../server/platform/audit.js";
import { restoreBackup, writeBackup } from "../server/platform/backup.js";
import { loadReferenceData } from "../server/reference/load.js";

/** Opens the configured database, runs `work` with a context, closes everything; maps errors to exit codes. */
async function withContext(work: (ctx: AppContext) => Promise<void>, modules = serverModules) {
  const config = loadConfig();
  const log = pino({ level: process.env.LOG_LEVEL ?? "warn" });
  const { database, applied } = await openAndMigrate(config);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const ctx = createContext(config, database, log, modules);
  try {
    await work(ctx);
  } finally {
    await database.close();
  }
}

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${ROLES.join(", ")}`);
  return value as Role;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("a whole number ≥ 0");
  return n;
}

/**
 * The `pact` command: the platform's own commands and every module's (its manifest's `cli`). `moduleContext` is how
 * a module's command gets its context (by default: open the configured database; a test passes its own).
 */
export function buildCli(
  modules: readonly ModuleManifest<unknown>[] = serverModules,
  moduleContext: WithContext = (work) => withContext(work, modules),
): Command {
  const program = new Command("pact")
    .description(
      "Paris Pact Platform. Honours PACT_DATA_DIR (embedded database and files) and DATABASE_URL (PostgreSQL).",
    )
    .showHelpAfterError();

  program
    .command("serve")
    .description("start the platform (API and web app)")
    .action(async () => {
      const { serve } = await import("../server/main.js");
      await serve();
    });

  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(async () => {
      const config = loadConfig();
      const { database, applied } = await openAndMigrate(config);
      console.log(
        applied.length ? `Applied: ${applied.join(", ")}` : `Database is up to date (${database.description}).`,
      );
      await database.close();
    });

  const seed = program.command("seed").description("load reference or demo data");
  seed
    .command("reference")
    .description("load the reference data from the source documents (idempotent)")
    .action(() =>
      withContext(async (ctx) => {
        const report = await loadReferenceData(ctx);
        for (const [table, c] of Object.entries(report)) {
          console.log(`${table.padEnd(22)} inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}`);
        }
      }),
    );
  seed
    .command("demo")
    .description("load demo data (every record marked as demo), or remove it with --remove")
    .option("--remove", "remove all demo data")
    .option("--seizures <n>", "number of demo seizure records (DMP module)", positiveInt)
    .action((opts: { remove?: boolean; seizures?: number }) =>
      withContext(async (ctx) => {
        if (opts.remove) {
          for (const line of await removeDemo(ctx)) console.log(line);
          return;
        }
        const { summary } = await seedDemo(ctx, {
          sizes: opts.seizures !== undefined ? { seizures: opts.seizures } : {},
        });
        console.log(summary.join("\n"));
      }),
    );

  program
    .command("backup <file>")
    .description("write a backup of the database and the file store to FILE (consistent snapshot; gzip JSON lines)")
    .action((file: string) =>
      withContext(async (ctx) => {
        const summary = await writeBackup(ctx.database.db, ctx.files.storage, file, {
          databaseKind: ctx.database.kind,
          onProgress: (e) =>
            process.stderr.write(`\r${e.phase === "table" ? `table ${e.name}` : "files"} ${e.done + 1}/${e.total}   `),
        });
        process.stderr.write("\n");
        const rows = Object.values(summary.tables).reduce((n, t) => n + t.rows, 0);
        console.log(
          `Backup written to ${file}: ${Object.keys(summary.tables).length} tables, ${rows} rows, ${summary.files.count} files (${summary.files.bytes} bytes).`,
        );
        if (summary.files.missing.length) {
          console.error(`Missing from the file store (recorded but absent): ${summary.files.missing.join(", ")}`);
          process.exitCode = 2;
        }
      }),
    );

  program
    .command("restore <file>")
    .description("restore a backup made by `pact backup` (all or nothing; checks counts and checksums)")
    .option("--replace", "replace a database that already holds data")
    .action((file: string, opts: { replace?: boolean }) =>
      withContext(async (ctx) => {
        const summary = await restoreBackup(ctx.database.db, ctx.files.storage, file, { replace: !!opts.replace });
        const rows = Object.values(summary.tables).reduce((n, t) => n + t.rows, 0);
        console.log(
          `Restored ${Object.keys(summary.tables).length} tables, ${rows} rows and ${summary.files.count} files from the backup of ${summary.createdAt}; counts and checksums match.`,
        );
      }),
    );

  // One `import` group for every module's importer; a module adds its subcommand.
  const imports =
    program.commands.find((c) => c.name() === "import") ??
    program.command("import").description("import data from CSV/XLSX files (all or nothing per file)");
  const exports =
    program.commands.find((c) => c.name() === "export") ??
    program.command("export").description("export data to files (XLSX, PDF)");
  registerModuleCli(modules, { program, imports, exports }, moduleContext);

  const users = program.command("users").description("manage user accounts");
  users
    .command("create")
    .description("create a user; prints a one-time password that must be changed at first sign-in")
    .requiredOption("--email <email>", "e-mail address (sign-in name)")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`, role)
    .option("--name <name>", "display name")
    .option("--partner <code>", "partner code (ISO3 or organization acronym)")
    .option("--language <lang>", "en or ru", "en")
    .action((opts: { email: string; role: Role; name?: string; partner?: string; language: string }) =>
      withContext(async (ctx) => {
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.email)) throw new Error(`Not an e-mail address: ${opts.email}`);
        if (opts.partner && !(await ctx.partners.exists(opts.partner))) {
          throw new Error(`Unknown partner "${opts.partner}" (run \`pact seed reference\` first, or check the code)`);
        }
        const { user, oneTimePassword } = await ctx.accounts.createUser(
          {
            email: opts.email,
            displayName: opts.name ?? opts.email.split("@")[0] ?? opts.email,
            role: opts.role,
            partnerCode: opts.partner?.toUpperCase() ?? null,
            language: opts.language === "ru" ? "ru" : "en",
          },
          { ...SYSTEM_ACTOR, label: "cli" },
        );
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
        console.log(`One-time password: ${oneTimePassword}`);
      }),
    );
  return program;
}

function describeError(error: unknown): string {
  if (error instanceof AppError) {
    const reason =
      (error.details?.reason as string | undefined) ?? error.fieldErrors?.map((f) => `${f.path}: ${f.code}`).join(", ");
    return `${error.code}${reason ? ` (${reason})` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function runCli(argv: string[]) {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    console.error(`pact: ${describeError(error)}`);
    process.exitCode = 1;
  }
}
