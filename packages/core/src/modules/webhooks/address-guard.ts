import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAll } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { fieldError } from "../../shared/errors.js";

/**
 * Webhook URLs are chosen by tenants, and the platform POSTs to them from inside its own network:
 * without a guard, an endpoint at 127.0.0.1, 10.x or 169.254.169.254 (cloud metadata) would let a
 * tenant probe it (SSRF). Only public unicast addresses are allowed unless the market's operator
 * explicitly allows local targets (development and tests).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it hides.
  const parsed = ipaddr.process(address);
  // IPv4-compatible IPv6 (::127.0.0.1, deprecated) reads as unicast but can reach IPv4 hosts.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).match(ipaddr.IPv6.parse("::"), 96)) return false;
  return parsed.range() === "unicast";
}

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`);
    this.name = "BlockedAddressError";
  }
}

const urlProblem = (en: string, zh: string) => fieldError("url", { en, zh });

/**
 * Checks a webhook URL when an endpoint is saved: http(s), no credentials, and a host that is, or
 * resolves only to, public addresses. A host that does not resolve yet is accepted (deliveries
 * will fail and be logged); delivery checks every address again as it connects.
 */
export async function checkWebhookUrl(raw: string, options: { allowLocalTargets: boolean }): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlProblem("not a valid URL", "不是有效的网址");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw urlProblem("must start with https:// or http://", "必须以 https:// 或 http:// 开头");
  }
  if (url.username || url.password) {
    throw urlProblem("must not contain a user name or password", "不能包含用户名或密码");
  }
  if (options.allowLocalTargets) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await dnsLookupAll(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return url;
    }
  }
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked) {
    throw urlProblem(
      `resolves to ${blocked}, a private, loopback or link-local address; the market operator can allow local targets for testing`,
      `解析到 ${blocked}，属于内网、回环或链路本地地址；市场运营方可为测试开启本地地址`,
    );
  }
  return url;
}

/**
 * A `lookup` for http.request that refuses blocked addresses as the socket connects, so a name
 * that resolved to a public address when saved cannot be re-pointed at an internal one later (DNS
 * rebinding): the address checked is the address connected to.
 */
export function guardedLookup(allowLocalTargets: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as LookupAddress[];
      const blocked = allowLocalTargets ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}
