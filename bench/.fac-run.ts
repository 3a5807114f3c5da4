import { facilitiesImport } from "./facilities-import.js";
console.log(await facilitiesImport());
