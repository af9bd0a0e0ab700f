import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import Papa from "papaparse";

/** The catalogue template's columns, in order (docs/catalogue-import.md explains each). */
export const IMPORT_COLUMNS = [
  "sku",
  "title_zh",
  "title_en",
  "category_code",
  "unit",
  "moq",
  "price_tiers",
  "currency",
  "lead_time_days",
  "stock",
  "pcs_per_carton",
  "carton_l_cm",
  "carton_w_cm",
  "carton_h_cm",
  "carton_kg",
  "attributes",
  "image_urls",
  "description_zh",
  "description_en",
  "status",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportRecord = Record<ImportColumn, string>;

export type FileFormat = "csv" | "xlsx";

export interface ParsedFile {
  /** Data rows with their row number in the file (the header is row 1). */
  rows: { rowNumber: number; record: ImportRecord }[];
  /** Problems with the header itself: nothing can be read without it. */
  headerErrors: string[];
}

function checkHeader(header: string[]): string[] {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((c) => !normalized.includes(c));
  const unknown = normalized.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  return [...missing.map((c) => `missing column ${c}`), ...unknown.map((c) => `unknown column ${c}`)];
}

function toRecords(header: string[], body: string[][], firstRowNumber: number): ParsedFile["rows"] {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const at = IMPORT_COLUMNS.map((column) => index.get(column) ?? -1);
  const rows: ParsedFile["rows"] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c?.trim())) return; // blank lines are not rows
    // A plain loop: this runs for every row of files of 100k rows.
    const record = {} as ImportRecord;
    for (let c = 0; c < IMPORT_COLUMNS.length; c++) {
      record[IMPORT_COLUMNS[c] as ImportColumn] = (cells[at[c] as number] ?? "").trim();
    }
    rows.push({ rowNumber: firstRowNumber + i, record });
  });
  return rows;
}

/**
 * A CSV's cells, row by row. papaparse rather than csv-parse: it reads a 50k-row catalogue at
 * ~10 µs a row against ~21, measured on the import's own file (docs/benchmarks.md).
 */
function parseCsv(content: Buffer): string[][] {
  // TextDecoder drops a byte-order mark, which Excel writes at the start of a UTF-8 CSV.
  const text = new TextDecoder("utf-8").decode(content);
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false });
  const broken = errors.find((e) => e.type === "Quotes");
  if (broken) throw new Error(`row ${(broken.row ?? 0) + 1}: ${broken.message}`);
  return data;
}

/** Reads a CSV (UTF-8, with or without BOM) or XLSX catalogue into rows keyed by column. */
export async function parseCatalogueFile(content: Buffer, format: FileFormat): Promise<ParsedFile> {
  let table: string[][];
  if (format === "csv") {
    table = parseCsv(content);
  } else {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, IMPORT_COLUMNS.length); c++) cells.push(row.getCell(c).text ?? "");
      table[rowNumber - 1] = cells;
    });
    table = Array.from(table, (r) => r ?? []);
  }
  const [header = [], ...body] = table;
  const headerErrors = checkHeader(header);
  return { headerErrors, rows: headerErrors.length ? [] : toRecords(header, body, 2) };
}

/** Writes records in the template's column order. */
export async function writeCatalogueFile(records: ImportRecord[], format: FileFormat): Promise<Buffer> {
  if (format === "csv") {
    return Buffer.from(
      stringify(records, { header: true, columns: [...IMPORT_COLUMNS], quoted_match: /[;\s,="]/ }),
      "utf8",
    );
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("listings");
  sheet.addRow([...IMPORT_COLUMNS]);
  for (const record of records) sheet.addRow(IMPORT_COLUMNS.map((c) => record[c]));
  // Every cell as text, so 00123 SKUs and 2.50 prices keep their exact form.
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cell.numFmt = "@";
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
