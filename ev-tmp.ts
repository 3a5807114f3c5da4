import { generateSyntheticRecords } from "/work/main/src/server/modules/trainings/linkage-synthetic.js";
import { evaluateLinkage } from "/work/main/src/server/modules/trainings/linkage-evaluate.js";
import { runLinkage, DEFAULT_THRESHOLDS } from "/work/main/src/server/modules/trainings/linkage.js";
const recs = generateSyntheticRecords(2000, 7);

const e = evaluateLinkage(recs);
console.log(JSON.stringify(e, null, 1));
const r = runLinkage(recs, DEFAULT_THRESHOLDS);
console.log(r.parameters.lambda, r.parameters.m.map(x=>x.map(v=>v.toFixed(3)).join(" ")), r.parameters.u.map(x=>x.map(v=>v.toExponential(1)).join(" ")));
