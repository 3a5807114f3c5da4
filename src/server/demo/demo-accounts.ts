import type { Role } from "../../common/platform.js";
import { SYSTEM_ACTOR } from "../platform/audit.js";
import { SYSTEM_PRINCIPAL } from "../platform/system-principals.js";
import type { DemoContributor } from "./index.js";

/** Fixed demo people so that a newcomer sees every role; passwords are generated and printed once. */
/** The countries the demo liaison officer in Tashkent covers (the northern route through Central Asia). */
const DEMO_LIAISON_COUNTRIES = ["UZB", "KAZ", "KGZ", "TJK", "TKM"];

const PEOPLE: { email: string; name: string; role: Role; partnerCode: string | null; language: "en" | "ru" }[] = [
  {
    email: "coordinator@demo.paris-pact.local",
    name: "[Demo] Anna Weber",
    role: "coordinator",
    partnerCode: "UNODC",
    language: "en",
  },
  {
    email: "focal.point.tjk@demo.paris-pact.local",
    name: "[Demo] Фарход Рахимов",
    role: "focal_point",
    partnerCode: "TJK",
    language: "ru",
  },
  {
    email: "liaison.tashkent@demo.paris-pact.local",
    name: "[Demo] Dilnoza Yusupova",
    role: "liaison_officer",
    partnerCode: "UNODC",
    language: "ru",
  },
  {
    email: "member.tur@demo.paris-pact.local",
    name: "[Demo] Mehmet Yılmaz",
    role: "member",
    partnerCode: "TUR",
    language: "en",
  },
];

export const demoAccounts: DemoContributor = {
  name: "accounts",
  async seed(ctx, options) {
    const lines: string[] = [];
    for (const person of PEOPLE) {
      const { user, oneTimePassword } = await ctx.accounts
        .createUser(
          {
            email: person.email,
            displayName: person.name,
            role: person.role,
            partnerCode: person.partnerCode,
            language: person.language,
            demo: true,
          },
          SYSTEM_ACTOR,
        )
        .catch(() => ({ user: null, oneTimePassword: null }));
      if (!user) {
        lines.push(`${person.role.padEnd(16)} ${person.email} (already there)`);
        continue;
      }
      if (person.role === "liaison_officer") {
        await ctx.users.update(
          user.id,
          { version: user.version, countryScopes: DEMO_LIAISON_COUNTRIES },
          SYSTEM_PRINCIPAL,
          SYSTEM_ACTOR,
        );
      }
      await ctx.notifications.notify([user.id], {
        kind: "system",
        title: {
          en: "Welcome to the demo of the Paris Pact Platform",
          ru: "Добро пожаловать в демо-версию платформы Парижского пакта",
        },
        body: {
          en: "This account and everything marked [Demo] are sample data and can be removed at any time.",
          ru: "Эта учётная запись и всё, что помечено [Demo], — демонстрационные данные; их можно удалить в любой момент.",
        },
        link: "/",
      });
      lines.push(`${person.role.padEnd(16)} ${person.email}  one-time password: ${oneTimePassword}`);
      if (oneTimePassword) options.onCredential?.({ email: user.email, oneTimePassword, demo: true });
    }
    return lines;
  },
  async remove(ctx) {
    const result = await ctx.accounts.removeDemoUsers();
    return `removed ${Number(result.numDeletedRows)} demo accounts`;
  },
};
