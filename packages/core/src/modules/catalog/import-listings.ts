import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, pgArray, resultRows, type Transaction } from "../../db/client.js";
import { newId } from "../../db/columns.js";
import { withTenant } from "../../db/tenant.js";
import type { JobSender } from "../../jobs/index.js";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { pick } from "../../shared/i18n.js";
import { formatMoney, formatScaled, isCurrency, parseMoney, parseScaledDecimal } from "../../shared/money.js";
import { insertEventsSql } from "../events/index.js";
import { requireOrganisation } from "../tenancy/index.js";
import { loadCategoryResolver, type ResolvedCategory } from "./category-lookup.js";
import {
  type FileFormat,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRecord,
  openCatalogueFile,
  type ParsedRow,
  parseCatalogueFile,
  UnreadableFileError,
  writeCatalogueFile,
} from "./import-format.js";
import { insertSearchWordsSql, type ListingValues, listingRow, matchActiveListings } from "./listing-rows.js";
import { requireLeaf, WRITERS } from "./listings.js";
import { checkListingRules, IdSchema, ListingFields } from "./schemas.js";
import { requireOwnStorefront } from "./storefronts.js";
import { catalogImports, listings } from "./tables.js";

export interface ImportRowError {
  /** Row in the file; the header is row 1. */
  row: number;
  column: ImportColumn | null;
  message: string;
}

export interface ImportReport {
  mode: "all-or-nothing" | "skip-invalid";
  totalRows: number;
  created: number;
  updated: number;
  /** Rows not written because they had errors. */
  skipped: number;
  /** False when all-or-nothing found errors and wrote nothing. */
  committed: boolean;
  errors: ImportRowError[];
}

export const ImportListingsInput = z.object({
  storefrontId: IdSchema,
  format: z.enum(["csv", "xlsx"]),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(30_000_000),
  mode: z.enum(["all-or-nothing", "skip-invalid"]).default("all-or-nothing"),
});
export type ImportListingsInput = z.input<typeof ImportListingsInput>;

const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  sku: "sku",
  titleZh: "title_zh",
  titleEn: "title_en",
  categoryCode: "category_code",
  unit: "unit",
  moq: "moq",
  priceTiers: "price_tiers",
  currency: "currency",
  leadTimeDays: "lead_time_days",
  stock: "stock",
  attributes: "attributes",
  imageUrls: "image_urls",
  descriptionZh: "description_zh",
  descriptionEn: "description_en",
  status: "status",
};
const CARTON_COLUMNS: Record<string, ImportColumn> = {
  pcsPerCarton: "pcs_per_carton",
  lengthCm: "carton_l_cm",
  widthCm: "carton_w_cm",
  heightCm: "carton_h_cm",
  grossGrams: "carton_kg",
};
const columnOf = (path: PropertyKey[]): ImportColumn | null =>
  path[0] === "carton" ? (CARTON_COLUMNS[String(path[1])] ?? null) : (COLUMN_OF_FIELD[String(path[0])] ?? null);

const RowSchema = ListingFields.superRefine(checkListingRules);

const msg = (en: string, zh: string) => pick({ en, zh });

const CARTON_CELLS = ["pcs_per_carton", "carton_l_cm", "carton_w_cm", "carton_h_cm", "carton_kg"] as const;

type CellError = { column: ImportColumn | null; message: string };

/** A whole non-negative number from a cell, or undefined with the problem added to `errors`. */
function readInteger(record: ImportRecord, column: ImportColumn, errors: CellError[], optional = false) {
  const text = record[column];
  if (!text) {
    if (!optional) errors.push({ column, message: msg("required", "必填") });
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    errors.push({ column, message: msg(`not a whole non-negative number: ${text}`, `不是非负整数：${text}`) });
    return undefined;
  }
  return Number(text);
}

/** A non-negative decimal from a cell, scaled by 10^digits (readInteger's rules otherwise). */
function readDecimal(record: ImportRecord, column: ImportColumn, digits: number, errors: CellError[]) {
  const text = record[column];
  if (!text) {
    errors.push({ column, message: msg("required", "必填") });
    return undefined;
  }
  const value = parseScaledDecimal(text, digits);
  if (value === null)
    errors.push({ column, message: msg(`not a non-negative number: ${text}`, `不是非负数：${text}`) });
  return value ?? undefined;
}

/** Turns one file row into listing fields, or the problems with it, column by column. */
function readRow(record: ImportRecord): { values?: ListingValues; errors: CellError[] } {
  const errors: CellError[] = [];
  const currency = record.currency.toUpperCase();
  const priceTiers: { minQuantity: number; unitPriceMinor: number }[] = [];
  const tierText = record.price_tiers;
  if (!tierText) errors.push({ column: "price_tiers", message: msg("required", "必填") });
  else if (isCurrency(currency)) {
    for (const part of tierText
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [quantity = "", price = "", extra] = part.split(":").map((s) => s.trim());
      const unitPriceMinor = parseMoney(price, currency);
      if (extra !== undefined || !/^\d+$/.test(quantity) || unitPriceMinor === null) {
        errors.push({
          column: "price_tiers",
          message: msg(
            `"${part}" is not quantity:price (e.g. 100:2.50)`,
            `“${part}” 不是 数量:价格 格式（如 100:2.50）`,
          ),
        });
        break;
      }
      priceTiers.push({ minQuantity: Number(quantity), unitPriceMinor });
    }
  }

  const attributes: Record<string, string> = {};
  for (const pair of record.attributes
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      errors.push({ column: "attributes", message: msg(`"${pair}" is not name=value`, `“${pair}” 不是 名称=值 格式`) });
      break;
    }
    attributes[pair.slice(0, at).trim().toLowerCase()] = pair.slice(at + 1).trim();
  }

  let carton: ListingValues["carton"] = null;
  if (CARTON_CELLS.some((c) => record[c])) {
    const pcsPerCarton = readInteger(record, "pcs_per_carton", errors);
    const lengthCm = readDecimal(record, "carton_l_cm", 2, errors);
    const widthCm = readDecimal(record, "carton_w_cm", 2, errors);
    const heightCm = readDecimal(record, "carton_h_cm", 2, errors);
    const grossGrams = readDecimal(record, "carton_kg", 3, errors);
    if (
      pcsPerCarton !== undefined &&
      lengthCm !== undefined &&
      widthCm !== undefined &&
      heightCm !== undefined &&
      grossGrams !== undefined
    ) {
      carton = { pcsPerCarton, lengthCm: lengthCm / 100, widthCm: widthCm / 100, heightCm: heightCm / 100, grossGrams };
    }
  }
  const moq = readInteger(record, "moq", errors);
  const leadTimeDays = readInteger(record, "lead_time_days", errors);
  const stock = readInteger(record, "stock", errors, true);
  if (errors.length) return { errors };

  const parsed = RowSchema.safeParse({
    sku: record.sku,
    titleZh: record.title_zh,
    titleEn: record.title_en,
    descriptionZh: record.description_zh,
    descriptionEn: record.description_en,
    categoryCode: record.category_code,
    attributes,
    imageUrls: record.image_urls.split(/\s+/).filter(Boolean),
    unit: record.unit.toLowerCase(),
    moq,
    priceTiers,
    currency,
    stock: stock ?? null,
    leadTimeDays,
    carton,
    hsCode: null,
    status: record.status ? record.status.toLowerCase() : "draft",
  });
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => ({ column: columnOf(issue.path), message: issue.message })) };
  }
  return { values: parsed.data, errors: [] };
}

type CheckedRows = {
  resolved: { rowNumber: number; values: ListingValues; category: ResolvedCategory }[];
  errors: ImportRowError[];
};

/**
 * Checks a catalogue file's rows part by part, as the file is read: per-row conversions and rules,
 * categories (the market's taxonomy is loaded once), SKUs repeated in the file. Each part's good
 * rows come back ready to write, with every problem by row number and column, so writing can start
 * before the last part is read.
 */
async function catalogueRowChecker(
  ctx: Pick<ServiceContext, "tx">,
): Promise<(part: readonly ParsedRow[]) => CheckedRows> {
  const categoryOf = await loadCategoryResolver(ctx.tx);
  const seenSku = new Map<string, number>();
  return (part) => {
    const errors: ImportRowError[] = [];
    const resolved: CheckedRows["resolved"] = [];
    for (const { rowNumber, record } of part) {
      const { values, errors: rowErrors } = readRow(record);
      const first = seenSku.get(record.sku);
      if (record.sku && first !== undefined) {
        rowErrors.push({
          column: "sku",
          message: msg(`SKU ${record.sku} repeats row ${first}`, `SKU ${record.sku} 与第 ${first} 行重复`),
        });
      } else if (record.sku) seenSku.set(record.sku, rowNumber);
      if (rowErrors.length || !values) {
        errors.push(...rowErrors.map((e) => ({ row: rowNumber, ...e })));
        continue;
      }
      try {
        resolved.push({
          rowNumber,
          values,
          category: requireLeaf(categoryOf(values.categoryCode), values.categoryCode),
        });
      } catch (error) {
        const message =
          error instanceof DomainError ? (error.fieldErrors?.categoryCode?.[0] ?? error.localized()) : String(error);
        errors.push({ row: rowNumber, column: "category_code", message });
      }
    }
    return { resolved, errors };
  };
}

/** Checks every row of a catalogue file at once (see catalogueRowChecker); errors in row order. */
export async function validateCatalogueRows(
  ctx: Pick<ServiceContext, "tx">,
  records: ParsedRow[],
): Promise<CheckedRows> {
  const check = await catalogueRowChecker(ctx);
  const { resolved, errors } = check(records);
  errors.sort((a, b) => a.row - b.row);
  return { resolved, errors };
}

/** Rows per upsert statement. */
const BATCH = 1000;
/**
 * Rows checked or built between two turns of the event loop. The driver needs those turns to
 * answer the server mid-statement (postgres.js describes a statement before binding it); one
 * batch's CPU work in one go would keep PostgreSQL waiting for it.
 */
const SLICE = 100;

/** Lets the event loop run (socket reads and writes) between slices of CPU work. */
const letIoRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Why a file could not be read at all (an unclosed quote, a broken workbook). */
const unreadable = (format: string, error: unknown) =>
  msg(
    `The file cannot be read as ${format.toUpperCase()}: ${(error as Error)?.message ?? error}`,
    `无法按 ${format.toUpperCase()} 读取该文件：${(error as Error)?.message ?? error}`,
  );

/** The error a request gets for a file it cannot read, on the file's field. */
const unreadableFile = (format: string, error: unknown) =>
  new DomainError(
    "VALIDATION",
    { en: `The file cannot be read as ${format.toUpperCase()}`, zh: `无法按 ${format.toUpperCase()} 读取该文件` },
    { fieldErrors: { contentBase64: [unreadable(format, error)] }, cause: error },
  );

/** Thrown inside the import's savepoint to undo an all-or-nothing import that found bad rows. */
class RowsRejected extends Error {}

/**
 * Imports a CSV or XLSX catalogue into one of the actor's storefronts, upserting by SKU.
 * All-or-nothing (default): any bad row and nothing is written. Skip-invalid: good rows are
 * written, bad ones reported. Merchants (catalog:write). Emits listing.created / listing.updated.
 *
 * The file is read, checked and written a batch at a time, so PostgreSQL writes one batch while
 * the next is read and checked. The import runs in a savepoint: all-or-nothing writes nothing more
 * after the first bad row, still checks the rest for the report, and rolls back; either mode rolls
 * back when the file turns out unreadable part-way (an unclosed quote near its end).
 */
export async function importListings({ ctx, input }: ServiceCall<ImportListingsInput>): Promise<ImportReport> {
  const merchant = requireOrganisation(ctx, WRITERS);
  const { storefrontId, format, contentBase64, mode } = parseInput(ImportListingsInput, input);
  await requireOwnStorefront(ctx, merchant.organisationId, storefrontId);
  const file = await openCatalogueFile(Buffer.from(contentBase64, "base64"), format).catch((error: unknown) => {
    throw error instanceof UnreadableFileError ? unreadableFile(format, error) : error;
  });
  if (file.headerErrors.length) {
    const report = { mode, totalRows: 0, created: 0, updated: 0, skipped: 0, committed: false };
    return { ...report, errors: file.headerErrors.map((message) => ({ row: 1, column: null, message })) };
  }
  const storefront = { id: storefrontId, organisationId: merchant.organisationId };
  const errors: ImportRowError[] = [];
  let total = 0;
  let good = 0;
  const checkAndWrite = async (tx: Transaction) => {
    const check = await catalogueRowChecker({ tx });
    const writer = listingWriter({ ...ctx, tx }, storefront);
    let ready: ValidRow[] = [];
    for (const rows of file.parts) {
      total += rows.length;
      for (let i = 0; i < rows.length; i += SLICE) {
        const part = check(rows.slice(i, i + SLICE));
        errors.push(...part.errors);
        good += part.resolved.length;
        if (mode === "skip-invalid" || errors.length === 0) ready.push(...part.resolved);
        else ready = [];
        if (ready.length >= BATCH) {
          await writer.write(ready);
          ready = [];
        }
        await letIoRun();
      }
    }
    await writer.write(ready);
    const counts = await writer.finish();
    if (mode === "all-or-nothing" && errors.length) throw new RowsRejected();
    return counts;
  };
  const counts = await ctx.tx.transaction(checkAndWrite).catch((error: unknown) => {
    if (error instanceof RowsRejected) return null;
    throw error instanceof UnreadableFileError ? unreadableFile(format, error) : error;
  });
  errors.sort((a, b) => a.row - b.row);
  const base = { mode, totalRows: total, errors, skipped: total - good };
  if (!counts) return { ...base, created: 0, updated: 0, committed: false };
  return { ...base, ...counts, committed: true };
}

type ValidRow = CheckedRows["resolved"][number];

/**
 * One batch of listings built for the upsert: each column as one parameter, and the batch's
 * vocabulary. Column arrays are the cheapest way in that both drivers bind: in psql, 1,000 import
 * rows took ~60 ms to read as one JSON document (jsonb_to_recordset), ~25 ms as arrays.
 */
interface PreparedBatch {
  rows: number;
  /** Per column: a PostgreSQL array literal, or for JSON columns one JSON array of the values. */
  columns: string[];
  vocabulary: string[];
}

/** The columns an import writes, with their SQL types. Names are constants, not input. */
const UPSERT_COLUMNS = [
  ["id", "uuid"],
  ["sku", "text"],
  ["titleZh", "text"],
  ["titleEn", "text"],
  ["descriptionZh", "text"],
  ["descriptionEn", "text"],
  ["categoryId", "uuid"],
  ["categoryCode", "text"],
  ["categoryPath", "text[]"],
  ["attributes", "jsonb"],
  ["imageUrls", "text[]"],
  ["unit", "text"],
  ["moq", "integer"],
  ["priceTiers", "jsonb"],
  ["basePriceMinor", "bigint"],
  ["floorPriceMinor", "bigint"],
  ["currency", "text"],
  ["stock", "integer"],
  ["leadTimeDays", "integer"],
  ["carton", "jsonb"],
  ["hsCode", "text"],
  ["status", "text"],
  ["searchVector", "tsvector"],
] as const satisfies readonly (readonly [keyof typeof listings.$inferInsert, string])[];

/**
 * How a column travels: JSON values as one JSON array, which the statement parses once and indexes
 * by row (inside an array literal every value would be escaped here and unescaped there); text
 * arrays as their own array literal inside the column's (arrays of rows cannot nest), cast back
 * per row; the rest as themselves.
 */
const travelsAs = (type: string) => (type === "jsonb" ? "json" : type.endsWith("[]") ? "array" : "plain");
const COLUMN_TRAVEL = UPSERT_COLUMNS.map(([, type]) => travelsAs(type));

// The batch statement's fixed parts, from the column list.
const JSON_COLUMNS = UPSERT_COLUMNS.flatMap(([key], i) => (COLUMN_TRAVEL[i] === "json" ? [{ key, i }] : []));
const ARRAY_COLUMNS = UPSERT_COLUMNS.flatMap(([key, type], i) =>
  COLUMN_TRAVEL[i] === "json" ? [] : [{ key, i, cast: COLUMN_TRAVEL[i] === "plain" ? type : "text" }],
);
const ARRAY_ALIASES = ARRAY_COLUMNS.map(({ key }) => `"${key}"`).join(", ");
const UPSERT_NAMES = UPSERT_COLUMNS.map(([key]) => listings[key].name).join(", ");
// A JSON array's element i is row i's value; JSON null (no carton) becomes SQL NULL.
const UPSERT_FIELDS = UPSERT_COLUMNS.map(([key, type], i) =>
  COLUMN_TRAVEL[i] === "json"
    ? `nullif(j."${key}" -> (r.ord::integer - 1), 'null'::jsonb)`
    : COLUMN_TRAVEL[i] === "plain"
      ? `r."${key}"`
      : `r."${key}"::${type}`,
).join(", ");

/**
 * What a re-import leaves as it was: the SKU it matched on, and the HS code, which the template
 * has no column for (a merchant sets it in the editor, and an import must not wipe it).
 */
const KEPT_ON_UPDATE = new Set(["id", "sku", "hs_code"]);
const UPSERT_UPDATES = UPSERT_COLUMNS.map(([key]) => listings[key].name)
  .filter((c) => !KEPT_ON_UPDATE.has(c))
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

/**
 * Builds a batch's column parameters (search text segmented here, in the application). The
 * vocabulary it sends is only the words no earlier batch of this write sent (`sentWords`, which it
 * adds to): a market's words recur from batch to batch, and each one sent again was an index probe
 * for nothing.
 */
async function prepareBatch(
  tenantId: string,
  storefront: { id: string; organisationId: string },
  batch: ValidRow[],
  sentWords: Set<string>,
): Promise<PreparedBatch> {
  const vocabulary: string[] = [];
  const columns: unknown[][] = UPSERT_COLUMNS.map(() => []);
  for (const [i, { values, category }] of batch.entries()) {
    if (i > 0 && i % SLICE === 0) await letIoRun();
    const built = listingRow(tenantId, storefront, values, category);
    for (const word of built.vocabulary) {
      if (sentWords.has(word)) continue;
      sentWords.add(word);
      vocabulary.push(word);
    }
    const row: Record<string, unknown> = built.row;
    row.id = newId();
    for (let c = 0; c < UPSERT_COLUMNS.length; c++) {
      const value = row[UPSERT_COLUMNS[c]?.[0] as string] ?? null;
      columns[c]?.push(value !== null && COLUMN_TRAVEL[c] === "array" ? pgArray(value as string[]) : value);
    }
  }
  return {
    rows: batch.length,
    columns: columns.map((column, c) =>
      COLUMN_TRAVEL[c] === "json" ? JSON.stringify(column) : pgArray(column as (string | number | null)[]),
    ),
    vocabulary,
  };
}

/**
 * Writes one batch in a single statement: upserts the listings by (storefront, SKU), each column
 * one parameter zipped back into rows by unnest (a changed listing's version goes up); writes a
 * listing.created or listing.updated event per row into the outbox; adds the batch's words to the
 * vocabulary. One statement rather than three: each statement the drivers send unprepared waits a
 * round trip for its description before its values go, and the events need the upsert's rows.
 */
async function writeListingBatch(
  ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId">,
  storefront: { id: string; organisationId: string },
  prepared: PreparedBatch,
) {
  const json = JSON_COLUMNS.map(({ key, i }) => sql`${prepared.columns[i]}::jsonb as ${sql.raw(`"${key}"`)}`);
  const arrays = ARRAY_COLUMNS.map(({ i, cast }) => sql`${prepared.columns[i]}::${sql.raw(cast)}[]`);
  const result = await ctx.tx.execute(sql`
    with j as materialized (select ${sql.join(json, sql`, `)}),
    written as (
      insert into ${listings} as l (tenant_id, storefront_id, organisation_id, ${sql.raw(UPSERT_NAMES)})
      select ${ctx.tenantId}::uuid, ${storefront.id}::uuid, ${storefront.organisationId}::uuid, ${sql.raw(UPSERT_FIELDS)}
      from unnest(${sql.join(arrays, sql`, `)}) with ordinality as r(${sql.raw(ARRAY_ALIASES)}, ord), j
      on conflict (tenant_id, storefront_id, sku) do update set ${sql.raw(UPSERT_UPDATES)},
        version = l.version + 1, updated_at = now()
      returning l.id, l.sku, l.status, (l.xmax = 0) as inserted),
    events as (${insertEventsSql(
      ctx,
      prepared.rows,
      sql`select case when inserted then 'listing.created' else 'listing.updated' end as type,
        ${storefront.organisationId}::uuid as organisation_id,
        jsonb_build_object('listingId', id, 'sku', sku, 'storefrontId', ${storefront.id}::uuid, 'source', 'import') as payload
        from written`,
    )}),
    words as (${insertSearchWordsSql(ctx.tenantId, prepared.vocabulary)})
    select id, sku, status, inserted from written`);
  return resultRows<{ id: string; sku: string; status: string; inserted: boolean }>(result);
}

/**
 * Starts a statement and lets the driver write it to the server before the caller goes on with
 * CPU work. Drizzle and postgres.js both start a query only when it is awaited, a microtask later,
 * so without the pause the statement would wait for the work it was meant to overlap.
 */
async function startStatement<T>(statement: () => Promise<T>): Promise<{ result: Promise<T> }> {
  const result = statement();
  // Handled here so a failure during the caller's CPU work is not an unhandled rejection; the
  // caller still awaits `result` and gets the error.
  result.catch(() => {});
  await letIoRun();
  return { result };
}

/**
 * Batches sent but not yet answered. Two, so a slow batch (GIN moving its pending list into the
 * index) does not stop the next from being checked and built: the server takes the queued one as
 * soon as it is done.
 */
const MAX_IN_FLIGHT = 2;

/**
 * Writes validated rows batch by batch (writeListingBatch), then asks matching to look at the
 * active ones. On a server the next batches are checked and built (jieba, JSON) while PostgreSQL
 * writes earlier ones, so the application's core and the database's work at once; the statements
 * queue on the transaction's connection in order. `finish` waits for everything and gives the
 * counts.
 */
function listingWriter(
  ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId" | "jobs">,
  storefront: { id: string; organisationId: string },
) {
  let created = 0;
  let updated = 0;
  // Vocabulary words this writer has sent: its batches share one transaction, so a word sent once
  // is in the vocabulary for every later batch.
  const sentWords = new Set<string>();
  const followUps: Promise<unknown>[] = [];
  const inFlight: Promise<Awaited<ReturnType<typeof writeListingBatch>>>[] = [];

  // The oldest batch's rows are back: matching goes out, and it is counted.
  const settleOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    const written = await oldest;
    if (ctx.jobs) followUps.push((await startStatement(() => matchActiveListings(ctx, written))).result);
    for (const w of written) w.inserted ? created++ : updated++;
  };

  return {
    async write(batch: ValidRow[]) {
      if (batch.length === 0) return;
      const prepared = await prepareBatch(ctx.tenantId, storefront, batch, sentWords);
      while (inFlight.length >= MAX_IN_FLIGHT) await settleOldest();
      inFlight.push((await startStatement(() => writeListingBatch(ctx, storefront, prepared))).result);
    },
    async finish() {
      while (inFlight.length) await settleOldest();
      await Promise.all(followUps);
      return { created, updated };
    },
  };
}

export const ImportIdInput = z.object({ importId: IdSchema });

/**
 * Queues a catalogue import to run in the background (large files): the file and a pg-boss job
 * are written in the caller's transaction. Same rules and modes as importListings. Merchants.
 */
export async function startCatalogueImport({ ctx, input }: ServiceCall<ImportListingsInput>) {
  const merchant = requireOrganisation(ctx, WRITERS);
  const { storefrontId, format, contentBase64, mode } = parseInput(ImportListingsInput, input);
  await requireOwnStorefront(ctx, merchant.organisationId, storefrontId);
  if (!ctx.jobs) throw new DomainError("INTERNAL", { en: "No job queue is running", zh: "后台任务队列未运行" });
  const [row] = await ctx.tx
    .insert(catalogImports)
    .values({
      tenantId: ctx.tenantId,
      storefrontId,
      organisationId: merchant.organisationId,
      format,
      mode,
      file: Buffer.from(contentBase64, "base64"),
    })
    .returning({ id: catalogImports.id, status: catalogImports.status });
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await ctx.jobs.send("catalog.import", { tenantId: ctx.tenantId, importId: row.id });
  return { importId: row.id, status: row.status };
}

/** A background import's progress (rows done of total) and, once done, its report. Its merchant. */
export async function getCatalogueImport({ ctx, input }: ServiceCall<{ importId: string }>) {
  const merchant = requireOrganisation(ctx, { kinds: ["merchant"], scope: "catalog:read" });
  const { importId } = parseInput(ImportIdInput, input);
  const [row] = await ctx.tx
    .select({
      id: catalogImports.id,
      storefrontId: catalogImports.storefrontId,
      status: catalogImports.status,
      mode: catalogImports.mode,
      totalRows: catalogImports.totalRows,
      processedRows: catalogImports.processedRows,
      report: catalogImports.report,
      createdAt: catalogImports.createdAt,
      updatedAt: catalogImports.updatedAt,
    })
    .from(catalogImports)
    .where(and(eq(catalogImports.id, importId), eq(catalogImports.organisationId, merchant.organisationId)));
  if (!row) throw notFound({ en: "Import", zh: "导入任务" });
  return { ...row, report: row.report as ImportReport | null };
}

/**
 * The worker for a queued import. Validation reads only; then rows are written a batch per
 * transaction so progress is visible as it goes. All-or-nothing still means no row is written
 * when any row is bad; a crash mid-way is retried by pg-boss, and the upsert by SKU makes the
 * retry finish the same import rather than duplicate it.
 */
export async function runCatalogueImport(
  db: Database,
  job: { tenantId: string; importId: string },
  /** Enqueues follow-up jobs (matching the new listings) in each batch's transaction. */
  jobsFor?: (tx: Transaction) => JobSender,
): Promise<ImportReport> {
  const ctxOf = (tx: Transaction) => ({
    tx,
    tenantId: job.tenantId,
    requestId: `import-${job.importId}`,
    jobs: jobsFor?.(tx),
  });
  const update = (values: Partial<typeof catalogImports.$inferInsert>) =>
    withTenant(db, job.tenantId, (tx) =>
      tx
        .update(catalogImports)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(catalogImports.id, job.importId)),
    );
  const prepared = await withTenant(db, job.tenantId, async (tx) => {
    const [row] = await tx.select().from(catalogImports).where(eq(catalogImports.id, job.importId));
    if (!row?.file) throw new Error(`import ${job.importId} has no file`);
    // An unreadable file ends the import with its reason, rather than failing the job's retries.
    const file = await parseCatalogueFile(row.file, row.format).catch((error: unknown) => {
      if (!(error instanceof UnreadableFileError)) throw error;
      return { rows: [], headerErrors: [unreadable(row.format, error)] };
    });
    const { resolved, errors } = file.headerErrors.length
      ? { resolved: [], errors: file.headerErrors.map((message) => ({ row: 1, column: null, message })) }
      : await validateCatalogueRows(ctxOf(tx), file.rows);
    await tx
      .update(catalogImports)
      .set({ status: "running", totalRows: file.rows.length, processedRows: 0, updatedAt: new Date() })
      .where(eq(catalogImports.id, job.importId));
    return { row, total: file.rows.length, resolved, errors };
  });
  const { row, total, resolved, errors } = prepared;
  const base = { mode: row.mode, totalRows: total, errors, skipped: total - resolved.length };
  if ((row.mode === "all-or-nothing" && errors.length) || resolved.length === 0) {
    const report: ImportReport = { ...base, created: 0, updated: 0, committed: errors.length === 0 };
    await update({ status: "done", processedRows: total, report: report as never, file: null });
    return report;
  }
  let created = 0;
  let updated = 0;
  const storefront = { id: row.storefrontId, organisationId: row.organisationId };
  for (let i = 0; i < resolved.length; i += BATCH) {
    const batch = resolved.slice(i, i + BATCH);
    const done = Math.min(total, Math.round(((i + batch.length) / resolved.length) * total));
    const counts = await withTenant(db, job.tenantId, async (tx) => {
      const writer = listingWriter(ctxOf(tx), storefront);
      await writer.write(batch);
      const written = await writer.finish();
      await tx
        .update(catalogImports)
        .set({ processedRows: done, updatedAt: new Date() })
        .where(eq(catalogImports.id, job.importId));
      return written;
    });
    created += counts.created;
    updated += counts.updated;
  }
  const report: ImportReport = { ...base, created, updated, committed: true };
  await update({ status: "done", processedRows: total, report: report as never, file: null });
  return report;
}

/** A listing as a template row: the inverse of reading one, so export → import changes nothing. */
export function listingRecord(listing: ListingValues): ImportRecord {
  const carton = listing.carton;
  return {
    sku: listing.sku,
    title_zh: listing.titleZh,
    title_en: listing.titleEn,
    category_code: listing.categoryCode,
    unit: listing.unit,
    moq: String(listing.moq),
    price_tiers: listing.priceTiers
      .map((t) => `${t.minQuantity}:${formatMoney(t.unitPriceMinor, listing.currency)}`)
      .join(";"),
    currency: listing.currency,
    lead_time_days: String(listing.leadTimeDays),
    stock: listing.stock === null || listing.stock === undefined ? "" : String(listing.stock),
    pcs_per_carton: carton ? String(carton.pcsPerCarton) : "",
    carton_l_cm: carton ? String(carton.lengthCm) : "",
    carton_w_cm: carton ? String(carton.widthCm) : "",
    carton_h_cm: carton ? String(carton.heightCm) : "",
    carton_kg: carton ? formatScaled(carton.grossGrams, 3) : "",
    attributes: Object.entries(listing.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .join(";"),
    image_urls: listing.imageUrls.join(" "),
    description_zh: listing.descriptionZh,
    description_en: listing.descriptionEn,
    status: listing.status,
  };
}

export const ExportListingsInput = z.object({ storefrontId: IdSchema, format: z.enum(["csv", "xlsx"]).default("csv") });

/** The storefront's listings in the import template, any status. Merchants (catalog:read). */
export async function exportListings({ ctx, input }: ServiceCall<z.input<typeof ExportListingsInput>>) {
  const merchant = requireOrganisation(ctx, { kinds: ["merchant"], scope: "catalog:read" });
  const { storefrontId, format } = parseInput(ExportListingsInput, input);
  await requireOwnStorefront(ctx, merchant.organisationId, storefrontId);
  const rows = await ctx.tx
    .select()
    .from(listings)
    .where(eq(listings.storefrontId, storefrontId))
    .orderBy(asc(listings.sku));
  const records = rows.map((row) => listingRecord({ ...row, hsCode: row.hsCode }));
  const content = await writeCatalogueFile(records, format as FileFormat);
  return {
    format,
    filename: `listings-${storefrontId}.${format}`,
    rows: records.length,
    contentBase64: content.toString("base64"),
  };
}

/** The empty template, for the download link. */
export async function catalogueTemplate(format: FileFormat) {
  const content = await writeCatalogueFile([], format);
  return {
    format,
    filename: `tradecloud-catalogue-template.${format}`,
    columns: [...IMPORT_COLUMNS],
    contentBase64: content.toString("base64"),
  };
}
