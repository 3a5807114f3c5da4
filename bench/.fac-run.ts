import { facilitiesImport } from "./facilities-import.js";
console.log(JSON.stringify(await facilitiesImport()));
