import fs from "node:fs";
import type { Browser } from "playwright-core";
import { AppError } from "../../http/errors.js";

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

const unavailable = () => new AppError("service_unavailable", 503, { reason: "pdf_renderer_unavailable" });

/** How long the browser stays open after its last page: a draft's next PDF comes from a warm browser. */
export const PDF_BROWSER_IDLE_MS = 5 * 60_000;

/**
 * Prints HTML pages to A4 PDFs with headless Chromium (playwright-core), from one browser launched on the first
 * page and reused: launching Chromium costs about a second, a page in a running one a fraction of that. A browser
 * that died is launched again on the next page; it is closed after `idleMs` without pages (an unref'd timer, so it
 * never keeps the process alive) and by `close()` (the app's close hook). Without Chromium on the machine the
 * answer is a clear 503 `service_unavailable` (reason `pdf_renderer_unavailable`), never a 500.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private active = 0;
  /** Browsers launched so far (tests and the bench see the reuse). */
  launches = 0;

  constructor(private readonly idleMs = PDF_BROWSER_IDLE_MS) {}

  async render(html: string, footer: string): Promise<Buffer> {
    this.active += 1;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      try {
        return await this.print(await this.open(), html, footer);
      } catch (error) {
        // The browser died under the page (crash, killed): one more try in a fresh one.
        if (error instanceof AppError || (await this.isAlive())) throw error;
        return await this.print(await this.open(), html, footer);
      }
    } finally {
      this.active -= 1;
      if (this.active === 0) this.scheduleIdleClose();
    }
  }

  /** Closes the browser now (the next page launches a new one). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private async isAlive(): Promise<boolean> {
    const browser = await this.browser?.catch(() => null);
    return browser?.isConnected() ?? false;
  }

  private scheduleIdleClose() {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.active === 0) void this.close();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async open(): Promise<Browser> {
    const current = await this.browser?.catch(() => null);
    if (current?.isConnected()) return current;
    const executablePath = chromiumPath();
    if (!fs.existsSync(executablePath)) throw unavailable();
    const launching = (async () => {
      const { chromium } = await import("playwright-core");
      const browser = await chromium
        .launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] })
        .catch(() => {
          throw unavailable();
        });
      this.launches += 1;
      browser.on("disconnected", () => {
        if (this.browser === launching) this.browser = null;
      });
      return browser;
    })();
    this.browser = launching;
    launching.catch(() => {
      if (this.browser === launching) this.browser = null;
    });
    return launching;
  }

  private async print(browser: Browser, html: string, footer: string): Promise<Buffer> {
    // A context per page: nothing (cookies, cache) passes from one fact sheet to the next.
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // The page is self-contained: refuse every network request so a fact sheet can never fetch anything.
      await page.route("**/*", (route) => route.abort());
      await page.setContent(html, { waitUntil: "load", timeout: 30_000 });
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#6c757d;display:flex;justify-content:space-between"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
        margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
      });
      return Buffer.from(pdf);
    } finally {
      await context.close().catch(() => undefined);
    }
  }
}

/** One PDF from a browser launched for it and closed after (the command line). */
export async function htmlToPdf(html: string, footer: string): Promise<Buffer> {
  const renderer = new PdfRenderer();
  try {
    return await renderer.render(html, footer);
  } finally {
    await renderer.close();
  }
}
