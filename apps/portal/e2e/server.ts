import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dropDatabase } from "@tradecloud/core/testing";
import postgres from "postgres";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface RunningApp {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts the real app (`apps/api/src/main.ts`, as `npm start` does) on a fresh, seeded database:
 * a new database on the server at DATABASE_URL when set, else an embedded PGlite directory.
 */
export async function startApp(): Promise<RunningApp> {
  if (!existsSync(join(REPO_ROOT, "apps/portal/dist/index.html"))) {
    throw new Error("The portal build is missing: run `npm run build -w @tradecloud/portal` (npm test does it first)");
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" };
  let cleanup: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const name = `tc_e2e_${randomBytes(5).toString("hex")}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = async () => {
      // With a retry: a backend inside a security-definer function (matching's candidate search)
      // runs as another role for a moment, and FORCE cannot terminate it then.
      await dropDatabase(admin, name);
      await admin.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), "tradecloud-e2e-"));
    delete env.DATABASE_URL;
    env.TRADECLOUD_DATA_DIR = dataDir;
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error("the app was not ready within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await cleanup();
    },
  };
}
