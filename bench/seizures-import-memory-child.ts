import { xlsxMemoryChild } from "./seizures-import-ids.js";

/** `node --import tsx bench/seizures-import-memory-child.ts FILE ROWS`: one workbook import, memory as JSON on stdout. */
const [file, rows] = process.argv.slice(2);
if (!file || !rows) throw new Error("usage: seizures-import-memory-child.ts FILE ROWS");
xlsxMemoryChild(file, Number(rows))
  .then((run) => {
    process.stdout.write(`${JSON.stringify(run)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
