import { describe, expect, expectTypeOf, it } from "vitest";
import type { RouterOutputs } from "./index.js";
import { paginate } from "./paginate.js";
import { http, inputOf, procedureUrl, server, testClient, trpcResult, useFakeApi } from "./testing.js";

useFakeApi();

const searchPage = (skus: string[], nextCursor: string | null) => ({
  items: skus.map((sku) => ({ sku, titleEn: `Item ${sku}` })),
  nextCursor,
  candidateCount: 5,
  capped: false,
  fuzzy: false,
  facets: { categories: [], attributes: [] },
});

/** Three pages of search results, chained by cursor, like the server's. */
function fakeSearch() {
  const inputs: Record<string, unknown>[] = [];
  server.use(
    http.get(procedureUrl("catalog.search"), async ({ request }) => {
      const input = (await inputOf(request)) as Record<string, unknown>;
      inputs.push(input);
      if (!input.cursor) return trpcResult(searchPage(["A", "B"], "c2"));
      if (input.cursor === "c2") return trpcResult(searchPage(["C", "D"], "c3"));
      return trpcResult(searchPage(["E"], null));
    }),
  );
  return inputs;
}

/** Five listings served two at a time by offset, like catalog.listMyListings. */
function fakeMyListings() {
  const all = ["L1", "L2", "L3", "L4", "L5"].map((sku) => ({ sku, status: "active" }));
  const inputs: Record<string, unknown>[] = [];
  server.use(
    http.get(procedureUrl("catalog.listMyListings"), async ({ request }) => {
      const input = ((await inputOf(request)) ?? {}) as { limit?: number; offset?: number };
      inputs.push(input);
      const offset = input.offset ?? 0;
      return trpcResult({ items: all.slice(offset, offset + (input.limit ?? 50)), total: all.length });
    }),
  );
  return inputs;
}

describe("paginate", () => {
  it("follows nextCursor through a cursor list until it is null, item by item", async () => {
    const inputs = fakeSearch();
    const { client } = testClient();

    const skus: string[] = [];
    for await (const listing of paginate(client.catalog.search, { q: "LED", limit: 2 })) skus.push(listing.sku);

    expect(skus).toEqual(["A", "B", "C", "D", "E"]);
    expect(inputs).toEqual([
      { q: "LED", limit: 2 },
      { q: "LED", limit: 2, cursor: "c2" },
      { q: "LED", limit: 2, cursor: "c3" },
    ]);
  });

  it("advances offset through an offset list until total is reached", async () => {
    const inputs = fakeMyListings();
    const { client } = testClient();

    const listings = await paginate(client.catalog.listMyListings, { limit: 2 }).toArray();

    expect(listings.map((l) => l.sku)).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    expect(inputs.map((i) => i.offset ?? 0)).toEqual([0, 2, 4]);
  });

  it("gives whole pages with .pages(), e.g. to read total", async () => {
    fakeMyListings();
    const { client } = testClient();

    const pages = [];
    for await (const page of paginate(client.catalog.listMyListings, { limit: 3 }).pages()) pages.push(page);

    expect(pages.map((p) => [p.items.length, p.total])).toEqual([
      [3, 5],
      [2, 5],
    ]);
  });

  it("fetches nothing until you iterate, and no more pages after you stop", async () => {
    const inputs = fakeSearch();
    const { client } = testClient();

    const results = paginate(client.catalog.search);
    expect(inputs).toHaveLength(0);
    for await (const listing of results) {
      if (listing.sku === "B") break;
    }
    expect(inputs).toHaveLength(1);
  });

  it("types items from the procedure's output", () => {
    const { client } = testClient();
    // Built but never iterated, so nothing is fetched: this test is about types.
    const listings = paginate(client.catalog.search, { q: "LED" });
    type SearchItem = RouterOutputs["catalog"]["search"]["items"][number];
    expectTypeOf<Awaited<ReturnType<typeof listings.toArray>>>().toEqualTypeOf<SearchItem[]>();
    const demands = paginate(client.matching.listMyDemands, { status: "open" });
    expectTypeOf<ReturnType<typeof demands.pages>>().toEqualTypeOf<
      AsyncIterable<RouterOutputs["matching"]["listMyDemands"]>
    >();
    // @ts-expect-error a procedure that is not a list cannot be paginated
    paginate(client.catalog.getListing, { listingId: "x" });
  });
});
