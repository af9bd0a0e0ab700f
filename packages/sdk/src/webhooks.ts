import { WebhookVerificationError as StandardWebhookError, Webhook } from "standardwebhooks";

/** What a Tradecloud webhook delivers; see docs/webhooks.md for every `type` and its `data`. */
export interface WebhookEvent<TData = Record<string, unknown>> {
  /** E.g. `listing.created`, `demand.matched`, `quote.accepted`. */
  type: string;
  /** When it happened, ISO 8601 (UTC). */
  timestamp: string;
  data: TData;
}

/** A `Headers` (fetch, Hono, Next.js) or a plain object (Express, node:http); names in any case. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * The delivery is not from Tradecloud, was changed on the way, is older (or newer) than five
 * minutes, or lacks its `webhook-*` headers. Answer 400 and do not act on it.
 */
export class WebhookVerificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WebhookVerificationError";
  }
}

const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const found: Record<string, string> = {};
  if (typeof (headers as Headers).get === "function") {
    for (const name of SIGNATURE_HEADERS) {
      const value = (headers as Headers).get(name);
      if (value) found[name] = value;
    }
    return found;
  }
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!(SIGNATURE_HEADERS as readonly string[]).includes(lower) || value === undefined) continue;
    // node:http joins repeated headers for us, except a few; several signatures are space-separated.
    found[lower] = Array.isArray(value) ? value.join(" ") : value;
  }
  return found;
}

function rawBody(payload: string | Uint8Array | ArrayBuffer): string {
  if (typeof payload === "string") return payload;
  if (ArrayBuffer.isView(payload) || payload instanceof ArrayBuffer) return new TextDecoder().decode(payload);
  throw new TypeError(
    "verifyWebhook() needs the raw request body (string or bytes), not parsed JSON: re-serializing changes the bytes that were signed",
  );
}

function isWebhookEvent(value: unknown): value is WebhookEvent {
  const event = value as Partial<WebhookEvent> | null;
  return (
    typeof event === "object" &&
    event !== null &&
    typeof event.type === "string" &&
    typeof event.timestamp === "string" &&
    typeof event.data === "object" &&
    event.data !== null
  );
}

/**
 * Checks a delivery's Standard Webhooks signature with your endpoint's secret (`whsec_…`) and
 * returns the event. Pass the body exactly as received: a string, a Buffer or a Uint8Array.
 * Throws WebhookVerificationError when it does not check out.
 *
 * ```ts
 * const event = verifyWebhook(await request.text(), request.headers, process.env.TRADECLOUD_WEBHOOK_SECRET);
 * ```
 */
export function verifyWebhook(
  payload: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string,
): WebhookEvent {
  const body = rawBody(payload);
  const found = signatureHeaders(headers);
  const missing = SIGNATURE_HEADERS.filter((name) => !found[name]);
  if (missing.length > 0) throw new WebhookVerificationError(`Missing header ${missing.join(", ")}`);

  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch (error) {
    throw new TypeError("The webhook secret is not a valid whsec_… value", { cause: error });
  }
  let event: unknown;
  try {
    event = webhook.verify(body, found);
  } catch (error) {
    if (error instanceof StandardWebhookError) throw new WebhookVerificationError(error.message, { cause: error });
    // Signed correctly but not JSON: not something Tradecloud sends.
    throw new WebhookVerificationError("The body is not a JSON event", { cause: error });
  }
  if (!isWebhookEvent(event)) throw new WebhookVerificationError("The body is not a Tradecloud event");
  return event;
}
