import net from "node:net";

/** A TCP port on loopback that nothing listens on now (for a platform the bench starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * A client of the platform's API that keeps its cookies and sends the CSRF token, as the web app does:
 * `call(path)` GETs, `call(path, body)` POSTs JSON; any answer but 2xx throws with its body.
 */
export function apiClient(base: string) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const call = async (url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: body ? "POST" : "GET",
      headers: { "content-type": "application/json", cookie: cookie(), "x-csrf-token": jar.get("pact_csrf") ?? "" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    cookiesOf(res, jar);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res;
  };
  return { call, jar, cookie };
}

/** Keeps the cookies a response sets (name → value), as a browser would for the next request. */
function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair?.indexOf("=") ?? -1;
    if (pair && i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
