import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPE_NAMES } from "./event-types.js";

const modules = fileURLToPath(new URL("..", import.meta.url));
const docs = fileURLToPath(new URL("../../../../../docs/webhooks.md", import.meta.url));

/** Every `type: "x.y"` a service passes to emitEvent, read from the modules' source. */
function emittedTypes(): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(modules, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts") || entry.endsWith(".test.ts")) continue;
    const source = readFileSync(join(modules, entry), "utf8");
    for (const match of source.matchAll(/type: "([a-z_]+\.[a-z_]+)"/g)) if (match[1]) found.add(match[1]);
  }
  return [...found].sort();
}

describe("the webhook event catalogue", () => {
  it("lists every event type a module emits, so endpoints can subscribe to it", () => {
    const emitted = emittedTypes();
    expect(emitted.length).toBeGreaterThan(10);
    expect(emitted.filter((type) => !(WEBHOOK_EVENT_TYPE_NAMES as string[]).includes(type))).toEqual([]);
  });

  it("is documented type by type in docs/webhooks.md", () => {
    const doc = readFileSync(docs, "utf8");
    const documented = [...doc.matchAll(/^\| `([a-z_]+\.[a-z_]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...WEBHOOK_EVENT_TYPE_NAMES].sort());
  });
});
