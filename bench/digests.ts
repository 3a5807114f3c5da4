import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import pg from "pg";
import { pino } from "pino";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { seedDemo } from "../src/server/demo/index.js";
import { createDigests } from "../src/server/modules/digests/digests.module.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { JobService } from "../src/server/platform/jobs.js";
import { MailService, type MailTransport } from "../src/server/platform/mail.js";
import { SecretBox } from "../src/server/platform/secret-box.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import type { BenchResult } from "./run.js";

const SIZES = (process.env.BENCH_DIGEST_SIZES ?? "1000,5000").split(",").map(Number);
const COUNTRIES = ["AFG", "TJK", "UZB", "KGZ", "KAZ", "PAK", "IRN", "TUR", "AZE", "GEO", "SRB", "RUS", "TKM", "IND"];
const ROLES = [
  "member",
  "member",
  "member",
  "member",
  "member",
  "member",
  "focal_point",
  "focal_point",
  "liaison_officer",
  "coordinator",
] as const;

/** Every query any pool of this process sends, counted at the driver (pg.Client.query). */
function countQueries() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function counted(this: unknown, ...args: unknown[]) {
    n += 1;
    return original.apply(this, args);
  };
  return {
    read: () => n,
    restore: () => {
      proto.query = original;
    },
  };
}

/** Messages rendered to MIME in this process (what nodemailer does before SMTP), then dropped: no network in the measure. */
function mimeTransport(): MailTransport & { count: number; samples: Parameters<MailTransport["sendMail"]>[0][] } {
  const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const t = {
    count: 0,
    /** One message in 10, kept for the reference run (the same messages without the digest's work). */
    samples: [] as Parameters<MailTransport["sendMail"]>[0][],
    async sendMail(message: Parameters<MailTransport["sendMail"]>[0]) {
      const info = await renderer.sendMail(message);
      if (t.count % 10 === 0) t.samples.push(message);
      t.count += 1;
      return { messageId: info.messageId };
    },
  };
  return t;
}

/**
 * The weekly digest to N users (1,000 and 5,000): the demo data's week of changes in every module, users of every
 * role (liaison officers with scopes), half of them in Russian, each with their own subjects. Reported: the time per
 * user and the database queries per user at each size, which must not grow with N. Reference: the same number of
 * messages of the same size rendered and handed to the same transport without the digest's work (collecting,
 * filtering by the modules' rules, claiming, recording). Target: queries per user at the larger size no more than at
 * the smaller (+5%), and the digest's throughput at least a quarter of the bare mail's.
 */
export async function digestsWeekly(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-digest-"));
  fs.chmodSync(dataDir, 0o755);
  const config = loadConfig({ ...process.env, PACT_DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { database } = await openAndMigrate(config);
  const log = pino({ level: "silent" });
  const ctx = createContext(config, database, log);
  const db = database.db;
  try {
    await loadReferenceData(ctx);
    await seedDemo(ctx);
    const maxUsers = Math.max(...SIZES);
    const ids: string[] = [];
    const terms = await db.selectFrom("terms_versions").select("id").execute();
    for (let start = 0; start < maxUsers; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, maxUsers - start) }, (_, k) => {
        const i = start + k;
        const role = ROLES[i % ROLES.length] as (typeof ROLES)[number];
        return {
          email: `bench.reader${i}@example.org`,
          display_name: `Reader ${i}`,
          role,
          partner_code: role === "coordinator" ? null : (COUNTRIES[i % COUNTRIES.length] as string),
          language: (i % 2 ? "ru" : "en") as "ru" | "en",
          status: "active" as const,
        };
      });
      const inserted = await db.insertInto("users").values(rows).returning(["id", "role"]).execute();
      ids.push(...inserted.map((r) => r.id));
      // Readers who could sign in and read: the current terms accepted, two-factor enrolled where the role needs it.
      await db
        .insertInto("terms_acceptances")
        .values(inserted.flatMap((u) => terms.map((v) => ({ user_id: u.id, terms_version_id: v.id, ip: null }))))
        .execute();
      const enrolled = inserted.filter((r) => r.role !== "member");
      if (enrolled.length) {
        await db
          .insertInto("two_factor")
          .values(enrolled.map((u) => ({ user_id: u.id, secret: "bench", enabled_at: new Date() })))
          .execute();
      }
      const officers = inserted.filter((r) => r.role === "liaison_officer");
      if (officers.length) {
        await db
          .insertInto("user_country_scopes")
          .values(
            officers.flatMap((o, k) => [
              { user_id: o.id, country_code: COUNTRIES[k % COUNTRIES.length] as string },
              { user_id: o.id, country_code: COUNTRIES[(k + 3) % COUNTRIES.length] as string },
            ]),
          )
          .execute();
      }
    }
    const transport = mimeTransport();
    const digests = createDigests(db, {
      mail: new MailService(transport, "bench@example.org", log),
      jobs: new JobService(db, log),
      audit: ctx.audit,
      users: ctx.users,
      accounts: ctx.accounts,
      terms: ctx.terms,
      duplicates: ctx.projects.duplicates,
      seizures: ctx.seizures,
      secrets: SecretBox.fromKey(Buffer.alloc(32, 1)),
      publicUrl: "https://pact.example.org",
      log,
    });

    const measures: { n: number; ms: number; queries: number; sent: number; empty: number }[] = [];
    for (const n of SIZES) {
      await db.deleteFrom("digest_deliveries").execute();
      await db.deleteFrom("digest_runs").execute();
      await db.deleteFrom("digest_subscriptions").execute();
      const chosen = ids.slice(0, n);
      for (let i = 0; i < chosen.length; i += 1000) {
        await db
          .insertInto("digest_subscriptions")
          .values(
            chosen.slice(i, i + 1000).map((id, k) => ({
              user_id: id,
              frequency: "weekly" as const,
              pillars: sql<number[]>`${(i + k) % 3 === 0 ? [1 + ((i + k) % 4)] : []}::integer[]`,
              countries: sql<string[]>`${(i + k) % 5 === 0 ? [COUNTRIES[(i + k) % COUNTRIES.length]] : []}::text[]`,
              modules: sql<
                string[]
              >`${["news", "meetings", "projects", "seizure_alerts", "factsheets", "trainings"]}::text[]`,
            })),
          )
          .execute();
      }
      await sql`analyze`.execute(db);
      const run = await digests.sendNow("weekly", SYSTEM_ACTOR);
      const counter = countQueries();
      const started = performance.now();
      const summary = await digests.sendRun(run.id, "bench");
      const ms = performance.now() - started;
      const queries = counter.read();
      counter.restore();
      measures.push({ n, ms, queries, sent: summary.sent, empty: summary.empty });
      console.error(
        `  ${n} users: ${(ms / 1000).toFixed(1)} s, ${(ms / n).toFixed(2)} ms/user, ${queries} queries = ${(queries / n).toFixed(3)}/user; sent ${summary.sent}, empty ${summary.empty}`,
      );
    }

    // Reference: the digests just sent (one in ten of them, each sent ten times), rendered and handed to the same
    // transport with the same concurrency, without the digest's work.
    const last = measures[measures.length - 1] as (typeof measures)[number];
    const samples = transport.samples.slice(-Math.ceil(last.sent / 10));
    const bare = mimeTransport();
    const refStart = performance.now();
    for (let i = 0; i < last.sent; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, last.sent - i) }, (_, k) =>
          bare.sendMail(samples[(i + k) % samples.length] as Parameters<MailTransport["sendMail"]>[0]),
        ),
      );
    }
    const refMs = performance.now() - refStart;

    const perUser = measures.map((m) => m.queries / m.n);
    const small = perUser[0] as number;
    const large = perUser[perUser.length - 1] as number;
    const platform = (last.n / last.ms) * 1000;
    const reference = (last.sent / refMs) * 1000;
    const ratio = platform / reference;
    return {
      name: "digests-weekly",
      measure: `users/s, weekly digest to ${measures.map((m) => `${m.n}: ${(m.ms / m.n).toFixed(2)} ms and ${(m.queries / m.n).toFixed(3)} queries per user`).join("; ")}`,
      platform,
      reference,
      referenceName: "the same mails, rendering and transport only (msgs/s)",
      ratio,
      target: "queries/user flat (≤ +5%), ratio ≥ 0.25",
      met: large <= small * 1.05 && ratio >= 0.25,
    };
  } finally {
    await database.close();
  }
}
