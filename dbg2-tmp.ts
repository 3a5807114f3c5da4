import { generateSyntheticRecords } from "./src/server/modules/trainings/linkage-synthetic.js";
import { prepareRecords, blockPairs } from "./src/server/modules/trainings/linkage.js";
import { compareRecords } from "./src/server/modules/trainings/linkage-compare.js";
import { encodeVector, decodeVector, estimateU, expectationMaximisation, seededRandom } from "./src/server/modules/trainings/linkage-model.js";
const recs = generateSyntheticRecords(2000, 7);
const p = prepareRecords(recs);
const { a, b } = blockPairs(p, 2000);
const u = estimateU(p, 20000, seededRandom(1));
const byName = new Map<number, number>(), byNameEq = new Map<number,number>(), byDob = new Map<number, number>();
for (let k = 0; k < a.length; k++) { const lv = compareRecords(p[a[k]!]!, p[b[k]!]!); const c = encodeVector(lv);
  if (lv[0]! >= 3) byName.set(c, (byName.get(c) ?? 0) + 1);
  if (lv[1] === 5) byDob.set(c, (byDob.get(c) ?? 0) + 1); }
const init = () => [[1,0.01,0.02,0.07,0.1,0.3,0.5],[1,0.05,0.05,0.05,0.05,0.8],[1,0.1,0.9],[1,0.1,0.9],[1,0.3,0.7],[1,0.5,0.5]];
const A = expectationMaximisation(byDob, u, [0,2,3,4,5], { m: init(), lambda: 0.5 });
console.log("A", A.lambda.toFixed(3), A.m.map(r => r.map(v => v.toFixed(3)).join(" ")));
for (const [label, active, learn, lam] of [["B dob only", [1], [1], 0.1], ["B all-but-name learn dob", [1,2,3,4,5], [1], 0.05], ["B all-but-name learn all", [1,2,3,4,5], [1,2,3,4,5], 0.05]] as const) {
  const B = expectationMaximisation(byName, u, active as any, { m: A.m, lambda: lam }, learn as any);
  console.log(label, B.lambda.toFixed(3), B.m.map(r => r.map(v => v.toFixed(3)).join(" ")));
}
