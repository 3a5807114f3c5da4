/**
 * A code or messages chunk fetched over a bad link can fail once and arrive on the next try. The app's start awaits
 * its messages: one failed fetch there left the server's first screen in place for good (issue 18; the slow-link
 * bench once waited 120 s on it). Each try waits longer; the last failure is thrown as it was.
 */
export async function retryImport<T>(
  load: () => Promise<T>,
  delaysMs: readonly number[] = [500, 2_000, 5_000],
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined) throw error;
      await wait(delay);
    }
  }
}
