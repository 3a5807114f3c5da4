import { generateSyntheticRecords } from "./src/server/modules/trainings/linkage-synthetic.js";
import { prepareRecords, blockPairs } from "./src/server/modules/trainings/linkage.js";
import { compareRecords, FIELDS, LEVELS } from "./src/server/modules/trainings/linkage-compare.js";
const recs = generateSyntheticRecords(2000, 7);
const p = prepareRecords(recs);
const { a, b } = blockPairs(p, 2000);
const cnt = FIELDS.map(f => LEVELS[f].map(() => 0));
let matches = 0, missed = 0, nameBlock = 0, nbMatch = 0;
const truthPairs = new Set<string>();
for (let k = 0; k < a.length; k++) {
  const i = a[k]!, j = b[k]!;
  const lv = compareRecords(p[i]!, p[j]!);
  const same = recs[i]!.personId === recs[j]!.personId;
  if (lv[0]! >= 3) { nameBlock++; if (same) nbMatch++; }
  if (same) { matches++; truthPairs.add(`${i}:${j}`); lv.forEach((l, f) => cnt[f]![l]!++); }
}
console.log({ pairs: a.length, matches, nameBlock, nbMatch });
console.log(cnt.map((r, f) => FIELDS[f] + " " + r.join(" ")));
// missed true pairs
const byP = new Map<string, number[]>(); recs.forEach((r, i) => { const l = byP.get(r.personId) ?? []; l.push(i); byP.set(r.personId, l); });
let shown = 0;
for (const l of byP.values()) for (let x = 0; x < l.length; x++) for (let y = x+1; y < l.length; y++) { const i = Math.min(l[x]!, l[y]!), j = Math.max(l[x]!, l[y]!); if (!truthPairs.has(`${i}:${j}`)) { missed++; if (shown++ < 15) console.log("MISSED", recs[i]!.fullName, "|", recs[i]!.fullNameNative, "  vs  ", recs[j]!.fullName, "|", recs[j]!.fullNameNative, JSON.stringify(p[i]!.names.map(n=>n.core)), JSON.stringify(p[j]!.names.map(n=>n.core)), compareRecords(p[i]!, p[j]!).join(",")); } }
console.log({ missed });
