/**
 * Writes `dist/package.json` and copies the README, so `dist/` is the package to publish
 * (`npm publish packages/sdk/dist`). The workspace's own package.json keeps pointing at the
 * source, which lets the monorepo's apps and tests use the SDK without a build.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  name: string;
  version: string;
  description?: string;
  dependencies: Record<string, string>;
};

const published = {
  name: source.name,
  version: source.version,
  description: source.description,
  type: "module",
  main: "./index.js",
  types: "./index.d.ts",
  exports: { ".": { types: "./index.d.ts", default: "./index.js" }, "./package.json": "./package.json" },
  sideEffects: false,
  engines: { node: ">=20" },
  dependencies: source.dependencies,
};
if (Object.keys(published.dependencies).some((name) => name.startsWith("@tradecloud/"))) {
  throw new Error("the published SDK may not depend on a workspace package");
}
writeFileSync(join(packageDir, "dist/package.json"), `${JSON.stringify(published, null, 2)}\n`);
copyFileSync(join(packageDir, "README.md"), join(packageDir, "dist/README.md"));
console.log(`dist/package.json: ${published.name}@${published.version}`);
