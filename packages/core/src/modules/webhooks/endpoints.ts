import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { requireOrganisation } from "../tenancy/index.js";
import { checkWebhookUrl } from "./address-guard.js";
import {
  CreateEndpointInput,
  type CreateEndpointInput as CreateInput,
  EndpointIdInput,
  UpdateEndpointInput,
  type UpdateEndpointInput as UpdateInput,
  WebhookSettingsInput,
} from "./schemas.js";
import { webhookEndpoints, webhookSettings } from "./tables.js";

/** Who manages an organisation's endpoints: its owners and admins, or a key with the scope. */
export const WEBHOOK_MANAGERS = { roles: ["owner", "admin"], scope: "webhooks:manage" } as const;

/** `whsec_` and 24 random bytes in base64, as the Standard Webhooks libraries expect. */
export const newEndpointSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

const publicColumns = {
  id: webhookEndpoints.id,
  organisationId: webhookEndpoints.organisationId,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

/** The market's webhook rules; defaults until its operator saves some. */
export async function readWebhookSettings(ctx: Pick<ServiceContext, "tx">) {
  const [row] = await ctx.tx.select({ allowLocalTargets: webhookSettings.allowLocalTargets }).from(webhookSettings);
  return { allowLocalTargets: row?.allowLocalTargets ?? false };
}

/** Sets the market's webhook rules. The market operator only. */
export async function updateWebhookSettings({ ctx, input }: ServiceCall<{ allowLocalTargets: boolean }>) {
  requireOrganisation(ctx, { kinds: ["operator"], roles: ["owner", "admin"] });
  const values = parseInput(WebhookSettingsInput, input);
  await ctx.tx
    .insert(webhookSettings)
    .values({ tenantId: ctx.tenantId, ...values })
    .onConflictDoUpdate({ target: webhookSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
  return readWebhookSettings(ctx);
}

/**
 * Registers an endpoint for the acting organisation and returns it with its signing secret (also
 * readable later through getEndpointSecret). The URL must pass the address guard.
 */
export async function createEndpoint({ ctx, input }: ServiceCall<CreateInput>) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  const values = parseInput(CreateEndpointInput, input);
  const url = await checkWebhookUrl(values.url, await readWebhookSettings(ctx));
  const secret = newEndpointSecret();
  const [row] = await ctx.tx
    .insert(webhookEndpoints)
    .values({
      tenantId: ctx.tenantId,
      organisationId: actor.organisationId,
      url: url.toString(),
      description: values.description,
      eventTypes: [...new Set(values.eventTypes)],
      secret,
      createdBy: actor.userId,
    })
    .returning(publicColumns);
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  return { ...row, secret };
}

/** The acting organisation's endpoints, oldest first, without secrets. */
export async function listEndpoints(ctx: ServiceContext) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  return ctx.tx
    .select(publicColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationId, actor.organisationId))
    .orderBy(asc(webhookEndpoints.id));
}

/** One of the acting organisation's endpoints; NOT_FOUND for anyone else's. */
export async function findOwnEndpoint(ctx: ServiceContext, endpointId: string) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  const [row] = await ctx.tx
    .select({ ...publicColumns, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.organisationId, actor.organisationId)));
  if (!row) throw notFound({ en: "Webhook endpoint", zh: "Webhook 端点" });
  return row;
}

/** Changes an endpoint's URL, description, event types or whether it is on. */
export async function updateEndpoint({ ctx, input }: ServiceCall<UpdateInput>) {
  const values = parseInput(UpdateEndpointInput, input);
  const endpoint = await findOwnEndpoint(ctx, values.endpointId);
  const url = values.url ? (await checkWebhookUrl(values.url, await readWebhookSettings(ctx))).toString() : undefined;
  const [row] = await ctx.tx
    .update(webhookEndpoints)
    .set({
      ...(url ? { url } : {}),
      ...(values.description !== undefined ? { description: values.description } : {}),
      ...(values.eventTypes ? { eventTypes: [...new Set(values.eventTypes)] } : {}),
      ...(values.enabled !== undefined
        ? { enabled: values.enabled, disabledReason: null, ...(values.enabled ? { failingSince: null } : {}) }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning(publicColumns);
  if (!row) throw notFound({ en: "Webhook endpoint", zh: "Webhook 端点" });
  return row;
}

/** Deletes an endpoint; its delivery log goes with it. */
export async function deleteEndpoint({ ctx, input }: ServiceCall<{ endpointId: string }>) {
  const { endpointId } = parseInput(EndpointIdInput, input);
  const endpoint = await findOwnEndpoint(ctx, endpointId);
  // Its deliveries and their attempts go by cascade.
  await ctx.tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
  return { deleted: true as const };
}

/** The endpoint's signing secret, for the integrator's receiver. */
export async function getEndpointSecret({ ctx, input }: ServiceCall<{ endpointId: string }>) {
  const { endpointId } = parseInput(EndpointIdInput, input);
  const endpoint = await findOwnEndpoint(ctx, endpointId);
  return { endpointId: endpoint.id, secret: endpoint.secret };
}

/** A new signing secret; deliveries from now on are signed with it. */
export async function rotateEndpointSecret({ ctx, input }: ServiceCall<{ endpointId: string }>) {
  const { endpointId } = parseInput(EndpointIdInput, input);
  const endpoint = await findOwnEndpoint(ctx, endpointId);
  const secret = newEndpointSecret();
  await ctx.tx
    .update(webhookEndpoints)
    .set({ secret, updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, endpoint.id));
  return { endpointId: endpoint.id, secret };
}
