import { trainingsLinkageQuality } from "/work/main/bench/trainings-linkage.js";
await trainingsLinkageQuality();
