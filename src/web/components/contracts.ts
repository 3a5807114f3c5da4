// The shared zod contracts weigh about 28 kB gzipped. Forms fetch them in the background once the page
// is on screen (users type meanwhile), so the page itself stays light on slow links.
let platformContracts: Promise<typeof import("../../common/platform.js")> | null = null;

export function loadPlatformContracts() {
  platformContracts ??= import("../../common/platform.js");
  return platformContracts;
}
