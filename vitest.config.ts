import { defineConfig } from "vitest/config";

// One vitest project per kind of suite; slow ones are named by suffix (*.pg.test.ts, *.e2e.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "core",
          root: "packages/core",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.pg.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "pg",
          root: "packages/core",
          include: ["src/**/*.pg.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "api",
          root: "apps/api",
          include: ["src/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "sdk",
          root: "packages/sdk",
          include: ["src/**/*.test.ts"],
          // The end-to-end file starts the real API on a fresh database.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Integrator examples, run against the real platform over HTTP.
          name: "examples",
          root: "examples",
          include: ["**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "e2e",
          root: "apps/portal",
          include: ["e2e/**/*.e2e.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
