// @ts-check
import ipaddr from 'ipaddr.js';

/** @typedef {import('fastify').FastifyRequest} FastifyRequest */

/**
 * The client's address: the socket's, or with `trustProxy` set, the one the trusted proxies in
 * front of the server report in X-Forwarded-For (Fastify's `request.ip`, proxy-addr rules). An
 * IPv4 address mapped into IPv6 (`::ffff:192.0.2.1`) is written as IPv4.
 * @param {FastifyRequest} request
 */
export function clientAddress(request) {
  const address = request.ip ?? request.raw.socket.remoteAddress ?? 'unknown';
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && /** @type {ipaddr.IPv6} */ (parsed).isIPv4MappedAddress()) {
    return /** @type {ipaddr.IPv6} */ (parsed).toIPv4Address().toString();
  }
  return parsed.toString();
}

/**
 * What per-client limits count by: an IPv4 address, or the /64 an IPv6 address is in. One IPv6
 * subscriber usually gets a whole /64 (RFC 6177), so counting single addresses would give one
 * client 2^64 fresh buckets.
 * @param {FastifyRequest} request
 */
export function clientKey(request) {
  const address = clientAddress(request);
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
