import type { Bilingual } from "../../shared/i18n.js";

/**
 * Every event a webhook endpoint can subscribe to, with who receives it. docs/webhooks.md is
 * this list in prose; a test keeps the two in step and checks every emitted type is here.
 */
export const WEBHOOK_EVENT_TYPES = {
  "listing.created": { en: "A listing was created (one per row of an import)", zh: "新建了商品（导入时每行一条）" },
  "listing.updated": { en: "A listing changed: fields, price tiers or status", zh: "商品有改动：字段、阶梯价或状态" },
  "storefront.created": { en: "A storefront was opened", zh: "开设了店铺" },
  "storefront.updated": { en: "A storefront changed", zh: "店铺信息有改动" },
  "category.created": { en: "The market added a category (market-wide)", zh: "市场新增类目（全市场）" },
  "category.updated": { en: "The market renamed a category (market-wide)", zh: "市场修改类目（全市场）" },
  "demand.created": { en: "Your organisation posted a demand", zh: "贵组织发布了求购" },
  "demand.matched": { en: "A demand matched one of your listings", zh: "有求购匹配到贵组织的商品" },
  "demand.invited": { en: "A buyer invited you to quote", zh: "采购商邀请贵组织报价" },
  "quote.submitted": { en: "A supplier quoted on your demand", zh: "供应商对贵组织的求购报价" },
  "quote.accepted": { en: "A buyer accepted your quote", zh: "采购商接受了贵组织的报价" },
  "quote.message": { en: "A new message on a quote", zh: "报价有新留言" },
  "organisation.created": { en: "An organisation was created", zh: "新建了组织" },
  "member.invited": { en: "Someone was invited to your organisation", zh: "有人被邀请加入贵组织" },
  "api_key.created": { en: "An API key was created", zh: "新建了 API 密钥" },
  "api_key.rotated": { en: "An API key was rotated", zh: "轮换了 API 密钥" },
  "api_key.revoked": { en: "An API key was revoked", zh: "吊销了 API 密钥" },
  "webhook_endpoint.disabled": {
    en: "One of your endpoints failed for days and was turned off",
    zh: "贵组织的某个端点连续多日失败，已被停用",
  },
  "webhook.test": { en: "A test event you sent from the portal or the API", zh: "从门户或 API 发送的测试事件" },
} as const satisfies Record<string, Bilingual>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];
