/** IPv4 addresses and CIDR blocks, as ServiceEntry `addresses` list them. */

function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Whether `address` (an IP, or a CIDR such as `10.0.0.0/8`) covers the IPv4 address `ip`; false for anything else. */
export function addressCovers(address: string, ip: string): boolean {
  const target = ipv4(ip);
  if (target === null) return false;
  const [base, bitsText] = address.split('/');
  const start = ipv4(base);
  if (start === null) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  const first = Math.floor(start / size) * size;
  return target >= first && target < first + size;
}

export function isIpv4(text: string): boolean {
  return ipv4(text) !== null;
}

/** A CIDR block wider than one address (`10.0.0.0/8`), as opposed to an IP or a `/32`. */
export function isCidrRange(address: string): boolean {
  const [base, bits] = address.split('/');
  return ipv4(base) !== null && bits !== undefined && Number(bits) < 32;
}
