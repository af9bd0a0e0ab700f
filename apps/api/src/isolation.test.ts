import type { TestTenant } from "@tradecloud/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./router.js";
import { createTestApp, createTestClient, createTestTenant, failure, signedInClient, type TestApp } from "./testing.js";

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
/** Every id of A's rows we can learn; none may appear in anything B is shown. */
const aIds = new Set<string>();
let aApiKeyId = "";
let aStorefrontId = "";
let aListingId = "";
let aImportId = "";
let aDemandId = "";
let aQuoteId = "";
let aEndpointId = "";
let aDeliveryId = "";

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  a = await createTestTenant(t.database, "market-a", {
    merchant: ["merchant"],
    operator: ["operator"],
    buyer: ["buyer"],
  });
  b = await createTestTenant(t.database, "market-b", {
    merchant: ["merchant"],
    operator: ["operator"],
    buyer: ["buyer"],
  });
  for (const org of Object.values(a.orgs)) aIds.add(org.id).add(org.ownerId);
  aIds.add(a.id);
  const { client } = await signedInClient(t.app, a, a.orgs.merchant?.ownerEmail ?? "");
  const key = await client.tenancy.createApiKey.mutate({
    name: "a's key",
    scopes: ["webhooks:manage", "catalog:read"],
  });
  aApiKeyId = key.id;
  aIds.add(key.id);
  const invitation = await client.tenancy.inviteMember.mutate({ email: "x@market-a.test" });
  aIds.add(invitation.invitationId);
  const { client: operator } = await signedInClient(t.app, a, a.orgs.operator?.ownerEmail ?? "");
  aIds.add((await operator.catalog.createCategory.mutate({ segment: "toys", nameZh: "玩具", nameEn: "Toys" })).id);
  const shop = await client.catalog.createStorefront.mutate({
    nameZh: "甲店",
    nameEn: "A's shop",
    booth: { district: "一区", booth: "1" },
  });
  aStorefrontId = shop.id;
  aIds.add(shop.id);
  const listing = await client.catalog.createListing.mutate({
    storefrontId: shop.id,
    sku: "A-1",
    titleZh: "玩具车",
    titleEn: "Toy car",
    categoryCode: "toys",
    unit: "pcs",
    moq: 10,
    priceTiers: [{ minQuantity: 10, unitPriceMinor: 500 }],
    currency: "CNY",
    leadTimeDays: 3,
    status: "active",
  });
  aListingId = listing.id;
  aIds.add(listing.id);
  const csv =
    "sku,title_zh,title_en,category_code,unit,moq,price_tiers,currency,lead_time_days,stock,pcs_per_carton,carton_l_cm,carton_w_cm,carton_h_cm,carton_kg,attributes,image_urls,description_zh,description_en,status\nA-2,甲,A,toys,pcs,1,1:1,CNY,1,,,,,,,,,,,active";
  const queued = await client.catalog.startImport.mutate({
    storefrontId: shop.id,
    format: "csv",
    contentBase64: Buffer.from(csv).toString("base64"),
  });
  aImportId = queued.importId;
  aIds.add(queued.importId);
  // A buyer's demand matched to A's listing, a quote on it and a message: matching's rows.
  const { client: buyer } = await signedInClient(t.app, a, a.orgs.buyer?.ownerEmail ?? "");
  const { demand } = await buyer.matching.postDemand.mutate({
    titleEn: "toy car",
    titleZh: "玩具车",
    quantity: 100,
    unit: "pcs",
    currency: "CNY",
    requiredBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    destination: { country: "DE" },
  });
  aDemandId = demand.id;
  aIds.add(demand.id);
  const quote = await client.matching.submitQuote.mutate({
    demandId: demand.id,
    unitPriceMinor: 450,
    currency: "CNY",
    quantity: 100,
    leadTimeDays: 5,
    incoterm: "FOB",
    validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  });
  aQuoteId = quote.id;
  aIds.add(quote.id);
  aIds.add((await buyer.matching.postQuoteMessage.mutate({ quoteId: quote.id, body: "ok?" })).id);
  // A webhook endpoint (on the discard port, never reached: no delivery worker runs here) and a delivery.
  await operator.webhooks.updateSettings.mutate({ allowLocalTargets: true });
  const endpoint = await client.webhooks.createEndpoint.mutate({ url: "http://127.0.0.1:9/a-hook" });
  aEndpointId = endpoint.id;
  aIds.add(endpoint.id).add(endpoint.secret);
  const sent = await client.webhooks.sendTestEvent.mutate({ endpointId: endpoint.id });
  aDeliveryId = sent.deliveryId;
  aIds.add(sent.deliveryId).add(sent.eventId);
});
afterAll(() => t.destroy());

const leaks = (value: unknown) => [...aIds].filter((id) => JSON.stringify(value).includes(id));

describe("no tenant sees another's rows through any procedure", () => {
  // Read procedures, called as B's operator (who may see most): none may show anything of A.
  const reads = {
    "auth.me": (c: Client) => c.auth.me.query(),
    "tenancy.listOrganisations": (c: Client) => c.tenancy.listOrganisations.query(),
    "tenancy.listMembers": (c: Client) => c.tenancy.listMembers.query(),
    "tenancy.listApiKeys": (c: Client) => c.tenancy.listApiKeys.query(),
    "catalog.categoryTree": (c: Client) => c.catalog.categoryTree.query(),
    "catalog.listMyStorefronts": (c: Client) => c.catalog.listMyStorefronts.query(),
    "catalog.listMyListings": (c: Client) => c.catalog.listMyListings.query({}),
    "catalog.search": (c: Client) => c.catalog.search.query({ q: "toy car 玩具" }),
    "matching.listMyDemands": (c: Client) => c.matching.listMyDemands.query({}),
    "matching.inbox": (c: Client) => c.matching.inbox.query({}),
    "matching.listMyQuotes": (c: Client) => c.matching.listMyQuotes.query(),
    "matching.getSettings": (c: Client) => c.matching.getSettings.query(),
    "webhooks.listEventTypes": (c: Client) => c.webhooks.listEventTypes.query(),
    "webhooks.listEndpoints": (c: Client) => c.webhooks.listEndpoints.query(),
    "webhooks.listDeliveries": (c: Client) => c.webhooks.listDeliveries.query({}),
    "webhooks.getSettings": (c: Client) => c.webhooks.getSettings.query(),
    // B's own demand for a toy car: matched only to B's listings, never A's.
    "matching.postDemand": (c: Client) =>
      c.matching.postDemand.mutate({
        titleEn: "toy car",
        titleZh: "玩具车",
        quantity: 100,
        unit: "pcs",
        currency: "CNY",
        requiredBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        destination: { country: "DE" },
      }),
  };
  // Procedures that name a row by id: given A's ids, B gets NOT_FOUND / FORBIDDEN and changes nothing.
  const byId = {
    "auth.switchOrganisation": (c: Client) =>
      c.auth.switchOrganisation.mutate({ organisationId: a.orgs.merchant?.id ?? "" }),
    "tenancy.revokeApiKey": (c: Client) => c.tenancy.revokeApiKey.mutate({ apiKeyId: aApiKeyId }),
    "tenancy.rotateApiKey": (c: Client) => c.tenancy.rotateApiKey.mutate({ apiKeyId: aApiKeyId, graceHours: 0 }),
    "catalog.getStorefront": (c: Client) => c.catalog.getStorefront.query({ storefrontId: aStorefrontId }),
    "catalog.updateStorefront": (c: Client) =>
      c.catalog.updateStorefront.mutate({ storefrontId: aStorefrontId, nameEn: "taken over" }),
    "catalog.getListing": (c: Client) => c.catalog.getListing.query({ listingId: aListingId }),
    "catalog.updateListing": (c: Client) =>
      c.catalog.updateListing.mutate({ listingId: aListingId, expectedVersion: 1, titleEn: "taken over" }),
    "catalog.setListingStatus": (c: Client) =>
      c.catalog.setListingStatus.mutate({ listingIds: [aListingId], status: "archived" }),
    "catalog.createListing": (c: Client) =>
      c.catalog.createListing.mutate({
        storefrontId: aStorefrontId,
        sku: "B-1",
        titleEn: "planted",
        categoryCode: "toys",
        unit: "pcs",
        moq: 1,
        priceTiers: [{ minQuantity: 1, unitPriceMinor: 1 }],
        currency: "CNY",
        leadTimeDays: 1,
      }),
    "catalog.exportListings": (c: Client) => c.catalog.exportListings.query({ storefrontId: aStorefrontId }),
    "catalog.getImport": (c: Client) => c.catalog.getImport.query({ importId: aImportId }),
    "catalog.startImport": (c: Client) =>
      c.catalog.startImport.mutate({ storefrontId: aStorefrontId, format: "csv", contentBase64: "c2t1" }),
    "catalog.importListings": (c: Client) =>
      c.catalog.importListings.mutate({ storefrontId: aStorefrontId, format: "csv", contentBase64: "c2t1" }),
    "matching.getDemand": (c: Client) => c.matching.getDemand.query({ demandId: aDemandId }),
    "matching.listDemandMatches": (c: Client) => c.matching.listDemandMatches.query({ demandId: aDemandId }),
    "matching.inviteSuppliers": (c: Client) =>
      c.matching.inviteSuppliers.mutate({ demandId: aDemandId, supplierIds: [b.orgs.merchant?.id ?? ""] }),
    "matching.cancelDemand": (c: Client) => c.matching.cancelDemand.mutate({ demandId: aDemandId }),
    "matching.closeDemand": (c: Client) => c.matching.closeDemand.mutate({ demandId: aDemandId }),
    "matching.submitQuote": (c: Client) =>
      c.matching.submitQuote.mutate({
        demandId: aDemandId,
        unitPriceMinor: 1,
        currency: "CNY",
        quantity: 1,
        leadTimeDays: 1,
        incoterm: "EXW",
        validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      }),
    "matching.compareQuotes": (c: Client) => c.matching.compareQuotes.query({ demandId: aDemandId }),
    "matching.acceptQuote": (c: Client) => c.matching.acceptQuote.mutate({ quoteId: aQuoteId }),
    "matching.rejectQuote": (c: Client) => c.matching.rejectQuote.mutate({ quoteId: aQuoteId }),
    "matching.postQuoteMessage": (c: Client) => c.matching.postQuoteMessage.mutate({ quoteId: aQuoteId, body: "hi" }),
    "matching.listQuoteMessages": (c: Client) => c.matching.listQuoteMessages.query({ quoteId: aQuoteId }),
    "webhooks.updateEndpoint": (c: Client) =>
      c.webhooks.updateEndpoint.mutate({ endpointId: aEndpointId, url: "http://127.0.0.1:9/stolen" }),
    "webhooks.deleteEndpoint": (c: Client) => c.webhooks.deleteEndpoint.mutate({ endpointId: aEndpointId }),
    "webhooks.getEndpointSecret": (c: Client) => c.webhooks.getEndpointSecret.query({ endpointId: aEndpointId }),
    "webhooks.rotateEndpointSecret": (c: Client) => c.webhooks.rotateEndpointSecret.mutate({ endpointId: aEndpointId }),
    "webhooks.sendTestEvent": (c: Client) => c.webhooks.sendTestEvent.mutate({ endpointId: aEndpointId }),
    "webhooks.getDelivery": (c: Client) => c.webhooks.getDelivery.query({ deliveryId: aDeliveryId }),
    "webhooks.replayDelivery": (c: Client) => c.webhooks.replayDelivery.mutate({ deliveryId: aDeliveryId }),
  };
  // Writes that create rows in the caller's own tenant, and public or self-only procedures.
  const ownTenantOnly = [
    "auth.signIn",
    "auth.signOut",
    "tenancy.listTenants",
    "tenancy.listApiKeyScopes",
    "tenancy.createOrganisation",
    "tenancy.inviteMember",
    "tenancy.acceptInvitation",
    "tenancy.createApiKey",
    "catalog.createCategory",
    "catalog.renameCategory",
    "catalog.createStorefront",
    "catalog.importTemplate",
    "matching.updateSettings",
    "webhooks.createEndpoint",
    "webhooks.updateSettings",
  ];

  it("accounts for every procedure in the router", () => {
    const covered = [...Object.keys(reads), ...Object.keys(byId), ...ownTenantOnly].sort();
    expect(covered).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("B's people see nothing of A", async () => {
    for (const who of ["operator", "merchant", "buyer"]) {
      const { client } = await signedInClient(t.app, b, b.orgs[who]?.ownerEmail ?? "");
      for (const [name, read] of Object.entries(reads)) {
        const result = await read(client).catch((error: { data?: { code: string } }) => error.data?.code);
        expect(leaks(result), `${name} as B's ${who}`).toEqual([]);
      }
    }
  });

  it("B's API key sees nothing of A", async () => {
    const { client: session } = await signedInClient(t.app, b, b.orgs.merchant?.ownerEmail ?? "");
    const { key } = await session.tenancy.createApiKey.mutate({
      name: "b",
      scopes: ["webhooks:manage", "catalog:read"],
    });
    const { client } = createTestClient(t.app, { apiKey: key });
    for (const [name, read] of Object.entries(reads)) {
      const result = await read(client).catch((error: { data?: { code: string } }) => error.data?.code);
      expect(leaks(result), `${name} with B's key`).toEqual([]);
    }
    // Asking for A's market by header does not help: the key decides the market.
    const { client: sneaky } = createTestClient(t.app, { apiKey: key, tenant: "market-a" });
    expect(leaks(await sneaky.tenancy.listApiKeys.query())).toEqual([]);
  });

  it("B cannot act on A's rows by id", async () => {
    for (const who of ["merchant", "buyer"]) {
      const { client } = await signedInClient(t.app, b, b.orgs[who]?.ownerEmail ?? "");
      for (const [name, call] of Object.entries(byId)) {
        const error = await failure(call(client));
        expect(["NOT_FOUND", "FORBIDDEN"], `${name} as B's ${who}`).toContain(error.data.code);
      }
    }
    const { client: owner } = await signedInClient(t.app, a, a.orgs.merchant?.ownerEmail ?? "");
    const keys = await owner.tenancy.listApiKeys.query();
    expect(keys.find((k) => k.id === aApiKeyId)?.revokedAt).toBeNull();
    const listing = await owner.catalog.getListing.query({ listingId: aListingId });
    expect(listing).toMatchObject({ status: "active", titleEn: "Toy car", version: 1 });
    const { client: buyer } = await signedInClient(t.app, a, a.orgs.buyer?.ownerEmail ?? "");
    expect(await buyer.matching.getDemand.query({ demandId: aDemandId })).toMatchObject({ status: "quoting" });
    expect(await buyer.matching.listQuoteMessages.query({ quoteId: aQuoteId })).toHaveLength(1);
    const [endpoint] = await owner.webhooks.listEndpoints.query();
    expect(endpoint).toMatchObject({ id: aEndpointId, url: "http://127.0.0.1:9/a-hook", enabled: true });
    const deliveries = await owner.webhooks.listDeliveries.query({});
    expect(deliveries.items.map((d) => d.id)).toEqual([aDeliveryId]);
  });

  it("a session cookie from A does not work in B's market", async () => {
    const { state } = await signedInClient(t.app, a, a.orgs.merchant?.ownerEmail ?? "");
    const { client, state: bState } = createTestClient(t.app, { tenant: "market-b" });
    bState.cookie = state.cookie;
    const me = await client.auth.me.query();
    // The cookie names its own market: it acts in A, never in B.
    expect(me.tenant.slug).toBe("market-a");
  });
});

type Client = ReturnType<typeof createTestClient>["client"];
