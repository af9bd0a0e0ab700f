import { describe, expect, it } from "vitest";
import { DomainError } from "../../shared/errors.js";
import { checkWebhookUrl, guardedLookup, isPublicAddress } from "./address-guard.js";
import { postWebhook } from "./delivery.js";

const refused = async (url: string) => {
  const error = await checkWebhookUrl(url, { allowLocalTargets: false }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${url} should be refused`).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe("the webhook address guard", () => {
  it("tells public unicast addresses from private, loopback, link-local and the like", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "::127.0.0.1",
      "224.0.0.1",
      "not an address",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("refuses endpoints at 127.0.0.1, 10.x, 169.254.x, [::1] and localhost, naming the url field", async () => {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "https://10.0.0.5/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]:3000/",
      "http://[::ffff:7f00:1]/",
      "http://localhost:4000/hook",
    ]) {
      const error = await refused(url);
      expect(error.code).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["url"]);
      expect(error.messages.en).toMatch(/private, loopback or link-local/);
      expect(error.messages.zh).toMatch(/内网、回环或链路本地/);
    }
  });

  it("refuses other schemes and embedded credentials", async () => {
    expect((await refused("ftp://example.com/x")).messages.en).toMatch(/https:\/\/ or http:\/\//);
    expect((await refused("https://user:pw@example.com/x")).messages.en).toMatch(/user name or password/);
    expect((await refused("not a url")).messages.en).toMatch(/not a valid URL/);
  });

  it("accepts public addresses, and local ones once the market allows local targets", async () => {
    expect((await checkWebhookUrl("https://93.184.216.34/hook", { allowLocalTargets: false })).host).toBe(
      "93.184.216.34",
    );
    expect((await checkWebhookUrl("http://127.0.0.1:9/hook", { allowLocalTargets: true })).port).toBe("9");
  });

  it("refuses a private address again at delivery time, without connecting", async () => {
    const result = await postWebhook("http://10.0.0.1/hook", {}, "{}", { allowLocalTargets: false, timeoutMs: 1000 });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/refused: 10\.0\.0\.1/);
  });

  it("checks the address a name resolves to as the socket connects (DNS rebinding)", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      guardedLookup(false)("localhost", { family: 0 }, (e) => resolve(e)),
    );
    expect(error?.message).toMatch(/localhost resolves to .*loopback/);
    const allowed = await new Promise<string>((resolve, reject) =>
      guardedLookup(true)("localhost", { family: 4 }, (e, address) => (e ? reject(e) : resolve(String(address)))),
    );
    expect(allowed).toBe("127.0.0.1");
  });
});
