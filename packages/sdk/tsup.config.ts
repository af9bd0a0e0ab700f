import { defineConfig } from "tsup";

// ESM for Node ≥ 20 and bundlers; dependencies stay external. The router type is written out by
// scripts/bundle-router-types.ts afterwards, so the .d.ts names no workspace package.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: true,
  clean: true,
  sourcemap: true,
});
