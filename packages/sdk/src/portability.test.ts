import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The SDK runs in browsers as well as Node ≥ 20: its shipped source may use web APIs only.
const shipped = readdirSync(new URL(".", import.meta.url)).filter(
  (file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "testing.ts",
);

describe("portability", () => {
  it.each(shipped)("%s imports no Node built-in and uses no Buffer", (file) => {
    // Comments may mention Node (examples for a server handler); the code may not.
    const source = readFileSync(new URL(file, import.meta.url), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    expect(source).not.toMatch(/from\s+["']node:/);
    expect(source).not.toMatch(/\bBuffer\b/);
    expect(source).not.toMatch(/\bprocess\./);
  });
});
