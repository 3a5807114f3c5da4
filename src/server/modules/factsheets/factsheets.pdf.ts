import fs from "node:fs";
import { AppError } from "../../http/errors.js";

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Prints an HTML page to an A4 PDF with headless Chromium (playwright-core). Without Chromium on the machine
 * the answer is a clear 503 `service_unavailable` (reason `pdf_renderer_unavailable`), never a 500.
 */
export async function htmlToPdf(html: string, footer: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new AppError("service_unavailable", 503, { reason: "pdf_renderer_unavailable" });
  }
  const { chromium } = await import("playwright-core");
  const browser = await chromium
    .launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] })
    .catch(() => {
      throw new AppError("service_unavailable", 503, { reason: "pdf_renderer_unavailable" });
    });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
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
    await browser.close();
  }
}
