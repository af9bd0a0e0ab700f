import type { IncomingHttpHeaders } from "node:http";
import { Webhook } from "standardwebhooks";
import { describe, expect, expectTypeOf, it } from "vitest";
import { verifyWebhook, type WebhookEvent, type WebhookHeaders, WebhookVerificationError } from "./webhooks.js";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const event: WebhookEvent = {
  type: "listing.created",
  timestamp: "2026-03-01T08:00:00.000Z",
  data: { listing: { id: "0190a1b2-0000-7000-8000-000000000001", sku: "LED-100" } },
};
const body = JSON.stringify(event);

/** Headers as the server sends them, signed with `signingSecret` at `at`. */
function signed(payload: string, at = new Date(), signingSecret = secret) {
  const id = "msg_2hTq0Lz4";
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(signingSecret).sign(id, at, payload),
  };
}

describe("verifyWebhook", () => {
  it("returns the event when the signature checks out", () => {
    expect(verifyWebhook(body, signed(body), secret)).toEqual(event);
  });

  it("takes a fetch Headers instance, or header names in any case", () => {
    const headers = signed(body);
    expect(verifyWebhook(body, new Headers(headers), secret).type).toBe("listing.created");
    const shouting = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verifyWebhook(body, shouting, secret).type).toBe("listing.created");
  });

  it("takes node:http's and Express's req.headers as they are", () => {
    expectTypeOf<IncomingHttpHeaders>().toExtend<WebhookHeaders>();
    const incoming: IncomingHttpHeaders = {
      ...signed(body),
      "content-type": "application/json",
      "set-cookie": ["a=1"],
    };
    expect(verifyWebhook(body, incoming, secret).type).toBe("listing.created");
  });

  it("takes the raw body as bytes (a Buffer or Uint8Array)", () => {
    const headers = signed(body);
    expect(verifyWebhook(new TextEncoder().encode(body), headers, secret)).toEqual(event);
    expect(verifyWebhook(Buffer.from(body), headers, secret)).toEqual(event);
  });

  it("refuses a body changed on the way", () => {
    const tampered = body.replace("LED-100", "LED-999");
    expect(() => verifyWebhook(tampered, signed(body), secret)).toThrow(WebhookVerificationError);
  });

  it("refuses a delivery signed with another secret", () => {
    const other = "whsec_c2VjcmV0LW9mLWFub3RoZXItZW5kcG9pbnQ=";
    expect(() => verifyWebhook(body, signed(body, new Date(), other), secret)).toThrow(/No matching signature/);
  });

  it("refuses a replay older than five minutes", () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    expect(() => verifyWebhook(body, signed(body, tenMinutesAgo), secret)).toThrow(/too old/);
  });

  it("refuses a delivery without its signature headers", () => {
    const { "webhook-signature": _dropped, ...unsigned } = signed(body);
    expect(() => verifyWebhook(body, unsigned, secret)).toThrow(
      new WebhookVerificationError("Missing header webhook-signature"),
    );
  });

  it("refuses parsed JSON, whose bytes are no longer the ones signed", () => {
    expect(() => verifyWebhook(JSON.parse(body), signed(body), secret)).toThrow(TypeError);
  });
});
