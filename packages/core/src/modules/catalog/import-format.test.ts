import { describe, expect, it } from "vitest";
import {
  CSV_CHUNK_CHARS,
  IMPORT_COLUMNS,
  type ImportRecord,
  openCatalogueFile,
  parseCatalogueFile,
  UnreadableFileError,
  writeCatalogueFile,
} from "./import-format.js";

const HEADER = IMPORT_COLUMNS.join(",");

/** A template row with the given SKU and English description, every other cell filled in. */
const record = (sku: string, descriptionEn: string): ImportRecord => ({
  sku,
  title_zh: "毛绒玩具熊",
  title_en: "Plush teddy bear",
  category_code: "toys.plush",
  unit: "pcs",
  moq: "100",
  price_tiers: "100:2.50;500:2.20",
  currency: "CNY",
  lead_time_days: "15",
  stock: "",
  pcs_per_carton: "",
  carton_l_cm: "",
  carton_w_cm: "",
  carton_h_cm: "",
  carton_kg: "",
  attributes: "material=plush",
  image_urls: "",
  description_zh: "",
  description_en: descriptionEn,
  status: "active",
});

/** A CSV with every cell quoted and the given line end after every row (Excel on Windows: CR LF). */
const quotedCsv = (records: ImportRecord[], lineEnd: string) =>
  Buffer.from(
    [HEADER, ...records.map((r) => IMPORT_COLUMNS.map((c) => `"${r[c].replace(/"/g, '""')}"`).join(","))]
      .map((line) => `${line}${lineEnd}`)
      .join(""),
  );

/**
 * Rows whose first description is padded so that the file's first chunk ends exactly `offset`
 * characters after `marker`'s first appearance, then enough rows for several more chunks.
 */
function rowsSplitAt(marker: string, offset: number, lineEnd: string): ImportRecord[] {
  const head = `${HEADER}${lineEnd}"A-0",`;
  const probe = quotedCsv([record("A-0", `x${marker}.`)], lineEnd).toString();
  const markerAt = probe.indexOf(marker, head.length);
  const padding = CSV_CHUNK_CHARS - (markerAt + offset) + 1;
  // Cells are trimmed, so the marker is not left at the cell's end.
  const rows = [record("A-0", `${"x".repeat(padding)}${marker}.`)];
  for (let i = 1; i < 3000; i++) rows.push(record(`A-${i}`, `line ${i}\r\nsecond "line", ${"y".repeat(i % 300)}.`));
  return rows;
}

describe("reading a catalogue file", () => {
  it("reads a CSV of many chunks row for row, wherever a chunk ends", async () => {
    // A chunk ending between CR and LF inside a quoted cell (where a long first row once made the
    // line ends pass for CR), inside a quoted line break, or inside a doubled quote.
    for (const lineEnd of ["\r\n", "\n"]) {
      for (const [marker, offset] of [
        ['"\r\n', 2],
        ["a\r\nb", 2],
        ['q""q', 2],
      ] as const) {
        const rows = rowsSplitAt(marker, offset, lineEnd);
        const content = quotedCsv(rows, lineEnd);
        expect(content.length).toBeGreaterThan(3 * CSV_CHUNK_CHARS);
        const file = await parseCatalogueFile(content, "csv");
        expect(file.headerErrors).toEqual([]);
        expect(file.rows.map((r) => r.record)).toEqual(rows);
        // Row numbers count records, not lines: a quoted line break stays inside its row.
        expect(file.rows.at(-1)?.rowNumber).toBe(rows.length + 1);
      }
    }
  });

  it("reads a CSV row for row at every chunk size from 20 to 400 characters, so chunks end everywhere", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => record(`C-${i}`, `line ${i}\r\nsaid "hi", ok`));
    for (const lineEnd of ["\r\n", "\n"]) {
      const content = quotedCsv(rows, lineEnd);
      for (let size = 20; size <= 400; size++) {
        const file = await openCatalogueFile(content, "csv", size);
        const read = [...file.parts].flat().map((r) => r.record);
        expect(read, `${JSON.stringify(lineEnd)} in chunks of ${size}`).toEqual(rows);
      }
    }
  });

  it("reads a CRLF file whose chunk ends between a row's closing quote and CR and its LF", async () => {
    const first = quotedCsv([record("A-0", "x")], "\r\n").toString();
    // The first row's description is padded so that its last `"` and CR are the chunk's last two
    // characters; the LF starts the next chunk.
    const rows = [record("A-0", "x".repeat(CSV_CHUNK_CHARS - first.length + 2))];
    for (let i = 1; i < 2000; i++) rows.push(record(`A-${i}`, "y".repeat(100 + (i % 50))));
    const content = quotedCsv(rows, "\r\n");
    expect(content.toString().slice(CSV_CHUNK_CHARS - 2, CSV_CHUNK_CHARS + 1)).toBe('"\r\n');
    const file = await parseCatalogueFile(content, "csv");
    expect(file.rows.map((r) => r.record)).toEqual(rows);
  });

  it("reads a large CSV a part at a time, as the parts are taken", async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => record(`P-${i}`, "z".repeat(200)));
    const file = await openCatalogueFile(await writeCatalogueFile(rows, "csv"), "csv");
    const parts = [...file.parts];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.flat().map((r) => r.record.sku)).toEqual(rows.map((r) => r.sku));
  });

  it("refuses a CSV whose quote is left open after many good rows, naming the row", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => record(`Q-${i}`, "w".repeat(200)));
    const good = await writeCatalogueFile(rows, "csv");
    const content = Buffer.concat([good, Buffer.from('Q-x,引号,"never closed,toys.plush\n')]);
    const file = await openCatalogueFile(content, "csv");
    const read = () => [...file.parts];
    expect(read).toThrow(UnreadableFileError);
    await expect(parseCatalogueFile(content, "csv")).rejects.toThrow("row 3002: Quoted field unterminated");
  });

  it("reports a wrong header and reads no rows", async () => {
    const file = await parseCatalogueFile(Buffer.from("sku,title\nA,B\n"), "csv");
    expect(file.headerErrors).toContain("missing column title_zh");
    expect(file.headerErrors).toContain("unknown column title");
    expect(file.rows).toEqual([]);
  });
});
