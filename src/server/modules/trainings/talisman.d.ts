/** Types for the parts of talisman (string metrics) the linkage uses; the package ships none. */
declare module "talisman/metrics/jaro-winkler.js" {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
