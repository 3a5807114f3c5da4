import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AppInstance } from "../app.js";
import type { AppContext } from "../context.js";
import { requires } from "../http/access-rules.js";
import { actorOf } from "../http/request-context.js";
import { writeBackup } from "./backup.js";
import { ChangeRecorder } from "./changes.js";
import { attachmentDisposition } from "./tabular.js";

/**
 * Operations over HTTP for administrators: a backup downloaded from the browser, for operators without a
 * shell on the machine (`pact backup` writes the same file from the command line).
 */
export async function registerSystemRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  app.get(
    "/system/backup",
    {
      config: { access: requires("system:manage") },
      schema: {
        tags: ["system"],
        summary: "Download a backup of the database and the file store (the format `pact restore` reads)",
      },
    },
    async (request, reply) => {
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "pact-backup-"));
      const file = path.join(dir, "platform.backup");
      try {
        const summary = await writeBackup(ctx.database.db, ctx.files.storage, file, {
          databaseKind: ctx.database.kind,
        });
        await new ChangeRecorder(ctx).event(actorOf(request), {
          action: "system.backup",
          objectType: "system",
          details: {
            tables: Object.keys(summary.tables).length,
            rows: Object.values(summary.tables).reduce((n, t) => n + t.rows, 0),
            files: summary.files.count,
            missingFiles: summary.files.missing.length,
          },
        });
        const stamp = summary.createdAt.replace(/[:.]/g, "-");
        const stream = fs.createReadStream(file);
        stream.on("close", () => void fsp.rm(dir, { recursive: true, force: true }));
        return reply
          .header("content-type", "application/gzip")
          .header("content-disposition", attachmentDisposition(`paris-pact-${stamp}.backup`))
          .header("cache-control", "no-store")
          .send(stream);
      } catch (err) {
        await fsp.rm(dir, { recursive: true, force: true });
        throw err;
      }
    },
  );
}
