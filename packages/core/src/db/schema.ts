// Every table of every module, for drizzle-kit and the typed client. Modules own their tables;
// this file only gathers them.
export * from "../modules/catalog/tables.js";
export * from "../modules/events/tables.js";
export * from "../modules/integrations/tables.js";
export * from "../modules/matching/tables.js";
export * from "../modules/tenancy/tables.js";
export * from "../modules/webhooks/tables.js";
