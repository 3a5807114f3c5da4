import { config } from "zod";

// Our CSP forbids eval for scripts; zod's JIT would probe `new Function` and raise a CSP violation on every
// page that validates. Imported first by main.tsx, before any schema is used.
config({ jitless: true });
