/** An account created at start-up with a one-time password, to be shown to the operator once. */
export interface OneTimeCredential {
  email: string;
  oneTimePassword: string;
  /** A demo account (sample data) rather than the installation's first administrator. */
  demo: boolean;
}

/**
 * The box of one-time passwords printed as the very last thing at start-up, so it is what the operator sees.
 * No lines when no account was created, as on every restart. It fits an 80-column terminal. The administrator
 * keeps its `e-mail:` and `one-time password:` labels: scripts (the e2e harness) read them from the output.
 */
export function renderFirstScreen(credentials: OneTimeCredential[], signInUrl?: string): string[] {
  if (!credentials.length) return [];
  const administrators = credentials.filter((c) => !c.demo);
  const demo = credentials.filter((c) => c.demo);
  const emailWidth = Math.max(...demo.map((c) => c.email.length));
  const body = [
    "One-time passwords, shown only now (the platform keeps only their hashes).",
    "Each must be changed at first sign-in.",
    ...administrators.flatMap((c) => [
      "",
      "First administrator",
      `  e-mail:             ${c.email}`,
      `  one-time password:  ${c.oneTimePassword}`,
    ]),
    ...(demo.length ? ["", "Demo accounts (sample data marked [Demo])"] : []),
    ...demo.map((c) => `  ${c.email.padEnd(emailWidth)}  ${c.oneTimePassword}`),
    ...(signInUrl ? ["", `Sign in at ${signInUrl}`] : []),
  ];
  const width = Math.max(...body.map((line) => line.length));
  return [
    "",
    `┌${"─".repeat(width + 2)}┐`,
    ...body.map((line) => `│ ${line.padEnd(width)} │`),
    `└${"─".repeat(width + 2)}┘`,
    "",
  ];
}
