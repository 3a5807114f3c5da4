import { generateSyntheticRecords } from "./src/server/modules/trainings/linkage-synthetic.js";
import { runLinkage } from "./src/server/modules/trainings/linkage.js";
import { scoreClusters } from "./src/server/modules/trainings/linkage-evaluate.js";
import { LinkageScorer } from "./src/server/modules/trainings/linkage.js";
const recs = generateSyntheticRecords(2000, 7);
for (const upper of [0.3,0.5,0.7,0.8,0.9,0.95,0.99]) {
  const r = runLinkage(recs, { upper, lower: 0.01 });
  const s = scoreClusters(recs, r.clusterOf);
  console.log(upper, s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3));
}
const r = runLinkage(recs, { upper: 0.9, lower: 0.0 });
const hist = new Map<string, [number, number]>();
for (const pr of r.pairs) { const same = recs[pr.a]!.personId === recs[pr.b]!.personId; const key = `n${pr.levels[0]} d${pr.levels[1]} c${pr.levels[3]} a${pr.levels[4]}`; const h = hist.get(key) ?? [0,0]; h[same?0:1]++; hist.set(key,h); }
console.log([...hist].sort((x,y)=>y[1][0]-x[1][0]).slice(0,30).map(([k,[m,n]])=>`${k}: match ${m} non ${n}`).join("\n"));
console.log("lambda", r.parameters.lambda, "true", 4884/(recs.length*(recs.length-1)/2));
const ex = r.pairs.filter(p => p.levels[0]===5 && p.levels[1]===0 && p.levels[3]===2 && p.levels[4]===2).slice(-5);
for (const e of ex) console.log(e.probability.toFixed(3), e.weights.map(w=>w.toFixed(1)).join(" "), recs[e.a]!.fullName, recs[e.b]!.fullName);
