import { expect } from "vitest";
import { SPREADSHEETS } from "../src/server/platform/files.js";
import type { TestApp, TestClient } from "./app.js";

/** Stores `data` as the spreadsheet `client` uploaded under `name`: the file an import names by its id. */
export function uploadSpreadsheet(t: TestApp, client: TestClient, name: string, data: Buffer | string) {
  return t.ctx.files.save({
    data: typeof data === "string" ? Buffer.from(data) : data,
    originalName: name,
    allowed: SPREADSHEETS,
    actor: { userId: client.userId, label: "test", ip: null, requestId: null },
  });
}

/**
 * Starts an import job at `url` (POST `payload`, answered 202), runs the queued jobs as the worker would, and returns
 * the import job's result once `client` reads it as succeeded.
 */
// biome-ignore lint/suspicious/noExplicitAny: each test reads the result of its own import
export async function runImportJob<Result = any>(
  t: TestApp,
  client: TestClient,
  url: string,
  payload: Record<string, unknown>,
): Promise<Result> {
  const res = await client.request({ method: "POST", url, payload });
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json() as { jobId: string };
  let ran = await t.ctx.jobs.runNext();
  while (ran) ran = await t.ctx.jobs.runNext();
  const job = await client.request({ url: `/api/v1/jobs/${jobId}` });
  expect(job.json().status, job.body).toBe("succeeded");
  return job.json().result;
}

/** Uploads `data` as `name` and imports it at `url` with `body`: the import job's result. */
// biome-ignore lint/suspicious/noExplicitAny: each test reads the result of its own import
export async function importSpreadsheet<Result = any>(
  t: TestApp,
  client: TestClient,
  url: string,
  file: { name: string; data: Buffer | string },
  body: Record<string, unknown> = {},
): Promise<Result> {
  const saved = await uploadSpreadsheet(t, client, file.name, file.data);
  return runImportJob<Result>(t, client, url, { fileId: saved.id, ...body });
}

/**
 * A multipart/form-data request body carrying `content` as the form field `field` named `filename` (a direct upload),
 * its part typed `contentType`, or not typed at all when that is null.
 */
export function multipart(
  filename: string,
  content: string | Buffer,
  contentType: string | null = "text/csv",
  field = "file",
) {
  const boundary = `----pact${Math.random().toString(16).slice(2)}`;
  const type = contentType === null ? "" : `Content-Type: ${contentType}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n${type}\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A direct upload of `content` as `filename` (in the form field `field`), typed application/octet-stream. */
export function binaryUpload(filename: string, content: string | Buffer, field = "file") {
  return multipart(filename, content, "application/octet-stream", field);
}
