import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  serverDatabaseUrl,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { acceptInvitation, inviteMember } from "./invitations.js";
import { listMembers } from "./organisations.js";

// Races need real concurrent connections: PostgreSQL server only (PGlite has one connection).
const url = serverDatabaseUrl();
if (!url) console.warn("invitations.pg.test.ts: no DATABASE_URL or TRADECLOUD_TEST_PG_URL, race tests not run");

describe.skipIf(!url)("invitation races on a PostgreSQL server", () => {
  let db: TestDatabase;
  let market: TestTenant;
  beforeAll(async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    db = await createTestDatabase();
    process.env.DATABASE_URL = previous;
    market = await createTestTenant(db, "race");
  });
  afterAll(() => db?.destroy());

  it("accepts an invitation once when ten people use the token at the same moment", async () => {
    const org = market.orgs.merchant;
    if (!org) throw new Error("fixture");
    const { token } = await asActor(db, market, userActor(org), (ctx) =>
      inviteMember({ ctx, input: { email: "twin@race.test" } }),
    );
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        asActor(db, market, { type: "anonymous" }, (ctx) =>
          acceptInvitation({ ctx, input: { token, name: `Twin ${i}`, password: "a-good-password" } }),
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const members = await asActor(db, market, userActor(org), (ctx) => listMembers(ctx));
    expect(members.filter((m) => m.email === "twin@race.test")).toHaveLength(1);
  });
});
