import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, setCsrfRefresher, setCsrfToken, uploadFile } from "./client.js";

/** The browser's XMLHttpRequest as far as uploadFile uses it: answers are queued per test. */
class FakeXhr {
  static answers: { status: number; body: unknown; type?: string }[] = [];
  static sent: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  withCredentials = false;
  status = 0;
  responseText = "";
  private url = "";
  private headers: Record<string, string> = {};
  private type = "";
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getAllResponseHeaders() {
    return `content-type: ${this.type}\r\n`;
  }
  abort() {
    this.onabort?.();
  }
  send(body: unknown) {
    FakeXhr.sent.push({ url: this.url, headers: this.headers, body });
    const answer = FakeXhr.answers.shift();
    if (!answer) throw new Error("no answer queued");
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 });
      this.status = answer.status;
      this.type = answer.type ?? "application/json";
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    });
  }
}

const file = () => new File(["a,b\n1,2\n"], "list.csv", { type: "text/csv" });
const stored = { id: "0b7c4d4e-54a4-4d5c-9a53-7d3c8f7d2a11", originalName: "list.csv" };

describe("uploadFile with progress (the import flow's upload)", () => {
  beforeEach(() => {
    FakeXhr.answers = [];
    FakeXhr.sent = [];
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    setCsrfToken("token-1");
    setCsrfRefresher(async () => "token-2");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("reports the bytes sent and sends the CSRF token and the language", async () => {
    FakeXhr.answers.push({ status: 201, body: stored });
    const seen: number[] = [];
    const record = await uploadFile(file(), { onProgress: (sent, total) => seen.push(sent / total) });
    expect(record.id).toBe(stored.id);
    expect(seen).toEqual([0.5, 1]);
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0]?.url).toBe("/api/v1/files");
    expect(FakeXhr.sent[0]?.headers["x-csrf-token"]).toBe("token-1");
    expect(FakeXhr.sent[0]?.headers["accept-language"]).toBeTruthy();
    expect(FakeXhr.sent[0]?.body).toBeInstanceOf(FormData);
  });

  it("refreshes a rejected CSRF token once and sends the file again", async () => {
    FakeXhr.answers.push(
      { status: 403, body: { code: "csrf_failed", title: "CSRF" }, type: "application/problem+json" },
      { status: 201, body: stored },
    );
    const record = await uploadFile(file(), { onProgress: () => {} });
    expect(record.id).toBe(stored.id);
    expect(FakeXhr.sent.map((s) => s.headers["x-csrf-token"])).toEqual(["token-1", "token-2"]);
  });

  it("turns a refused upload into the server's problem (a type the readers do not take)", async () => {
    FakeXhr.answers.push({
      status: 415,
      body: { code: "unsupported_file_type", title: "Unsupported", status: 415, requestId: "r1" },
      type: "application/problem+json",
    });
    const err = await uploadFile(file(), { onProgress: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(415);
    expect((err as ApiError).code).toBe("unsupported_file_type");
  });

  it("is cancelled by its signal before anything is sent", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await uploadFile(file(), { onProgress: () => {}, signal: controller.signal }).catch((e: unknown) => e);
    expect((err as DOMException).name).toBe("AbortError");
    expect(FakeXhr.sent).toHaveLength(0);
  });
});
