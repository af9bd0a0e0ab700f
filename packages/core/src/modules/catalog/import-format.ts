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

export type ParsedRow = { rowNumber: number; record: ImportRecord };

export interface ParsedFile {
  /** Data rows with their row number in the file (the header is row 1). */
  rows: ParsedRow[];
  /** Problems with the header itself: nothing can be read without it. */
  headerErrors: string[];
}

/** A file that cannot be read as its format at all (an unclosed quote, a broken workbook). */
export class UnreadableFileError extends Error {}

function checkHeader(header: string[]): string[] {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((c) => !normalized.includes(c));
  const unknown = normalized.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  return [...missing.map((c) => `missing column ${c}`), ...unknown.map((c) => `unknown column ${c}`)];
}

/**
 * Characters of CSV papaparse reads at a time (~600 catalogue rows): small enough that checking
 * and writing start after a few milliseconds, far longer than a header row, from which papaparse
 * guesses the line endings.
 */
export const CSV_CHUNK_CHARS = 256 * 1024;

/**
 * A CSV's cells, a chunk of rows at a time, read as they are taken. papaparse rather than
 * csv-parse: it reads a 50k-row catalogue at ~10 µs a row against ~21, measured on the import's own
 * file (docs/benchmarks.md). Its chunk callback pauses the parser, so the file is read no further
 * than the caller has got; resuming a paused string parse is synchronous.
 */
function* csvChunks(content: Buffer, chunkChars: number): Generator<string[][]> {
  // TextDecoder drops a byte-order mark, which Excel writes at the start of a UTF-8 CSV.
  const text = new TextDecoder("utf-8").decode(content);
  let parser: Papa.Parser | undefined;
  let chunk: string[][] | undefined;
  let broken: string | undefined;
  let rowsBefore = 0;
  let finished = false;
  // Line endings guessed as a whole-file parse guesses them, from the first MiB: guessed from the
  // first chunk alone, a long first row (a quoted CR LF near the chunk's end) can pass for CR.
  const guessed = Papa.parse(text.slice(0, 1 << 20), { delimiter: ",", preview: 1 }).meta.linebreak;
  const newline = guessed === "\r\n" || guessed === "\r" ? guessed : "\n";
  Papa.parse<string[]>(text, {
    delimiter: ",",
    newline,
    skipEmptyLines: false,
    chunkSize: chunkChars,
    chunk(results: Papa.ParseResult<string[]>, handle: Papa.Parser) {
      // An unclosed quote shows in the last chunk, having swallowed the rest of the file. A quote
      // problem in the unfinished row a chunk ends with is not one: that row is read again with
      // the next chunk (a closing quote and CR whose LF is in the next chunk looks malformed).
      const quote = results.errors.find((e) => e.type === "Quotes" && (e.row ?? 0) < results.data.length);
      if (quote) broken ??= `row ${rowsBefore + (quote.row ?? 0) + 1}: ${quote.message}`;
      rowsBefore += results.data.length;
      chunk = results.data;
      parser = handle;
      handle.pause();
    },
    complete() {
      finished = true;
    },
  });
  for (;;) {
    if (broken) throw new UnreadableFileError(broken);
    if (chunk) {
      const rows = chunk;
      chunk = undefined;
      yield rows;
    }
    if (finished) return;
    parser?.resume();
    if (!chunk && !finished) throw new UnreadableFileError("the CSV reader stopped before the end of the file");
  }
}

/** A workbook's first sheet as one chunk of rows: exceljs reads a workbook whole. */
async function xlsxTable(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError((error as Error)?.message ?? String(error), { cause: error });
  }
  const sheet = workbook.worksheets[0];
  const table: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, IMPORT_COLUMNS.length); c++) cells.push(row.getCell(c).text ?? "");
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (r) => r ?? []);
}

/** A catalogue file opened for reading: its header checked, its rows read as they are taken. */
export interface CatalogueFileReader {
  /** Problems with the header itself: nothing can be read without it. */
  headerErrors: string[];
  /**
   * The data rows, a part at a time and in file order, with their row number in the file (the
   * header is row 1). Throws UnreadableFileError where the rest of the file cannot be read.
   */
  parts: Iterable<ParsedRow[]>;
}

/**
 * Opens a CSV (UTF-8, with or without BOM) or XLSX catalogue. A CSV is read as its parts are
 * taken, so an import checks and writes its first rows while the rest is still unread.
 */
export async function openCatalogueFile(
  content: Buffer,
  format: FileFormat,
  /** Characters of CSV read at a time; tests vary it to end chunks everywhere. */
  csvChunkChars = CSV_CHUNK_CHARS,
): Promise<CatalogueFileReader> {
  const chunks = format === "csv" ? csvChunks(content, csvChunkChars) : [await xlsxTable(content)][Symbol.iterator]();
  // The header is the first row, whichever chunk it ends in.
  let first = chunks.next();
  while (!first.done && first.value.length === 0) first = chunks.next();
  const [header = [], ...firstRows] = first.done ? [] : first.value;
  const headerErrors = checkHeader(header);
  if (headerErrors.length) return { headerErrors, parts: [] };
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const at = IMPORT_COLUMNS.map((column) => index.get(column) ?? -1);
  let rowNumber = 1;
  const toRows = (table: string[][]): ParsedRow[] => {
    const rows: ParsedRow[] = [];
    for (const cells of table) {
      rowNumber += 1;
      if (cells.every((c) => !c?.trim())) continue; // blank lines are not rows
      // A plain loop: this runs for every row of files of 100k rows.
      const record = {} as ImportRecord;
      for (let c = 0; c < IMPORT_COLUMNS.length; c++) {
        record[IMPORT_COLUMNS[c] as ImportColumn] = (cells[at[c] as number] ?? "").trim();
      }
      rows.push({ rowNumber, record });
    }
    return rows;
  };
  function* parts(): Generator<ParsedRow[]> {
    yield toRows(firstRows);
    for (let next = chunks.next(); !next.done; next = chunks.next()) yield toRows(next.value);
  }
  return { headerErrors, parts: parts() };
}

/** Reads a CSV (UTF-8, with or without BOM) or XLSX catalogue whole into rows keyed by column. */
export async function parseCatalogueFile(content: Buffer, format: FileFormat): Promise<ParsedFile> {
  const file = await openCatalogueFile(content, format);
  const rows: ParsedRow[] = [];
  for (const part of file.parts) for (const row of part) rows.push(row);
  return { headerErrors: file.headerErrors, rows };
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
