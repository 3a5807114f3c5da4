/**
 * Whether the page still shows the first screen the server rendered into the HTML (src/server/http/prerender*.ts).
 * A route's loader uses it to ask for its page's data together with the page's code on that first load, so that
 * main.tsx keeps the server's screen until the app can draw the same figures (no skeleton in between). For a
 * member's page the server's rendering already proved that this user may read them (it asked the same routes).
 */
export function showsPrerendered(): boolean {
  return typeof document !== "undefined" && document.querySelector("#root [data-prerendered]") !== null;
}
