import { ConfigError } from '@tap/config';

/** A parsed IPv4 CIDR block: network address as an unsigned 32-bit integer and prefix length. */
export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
}

/** One named subnet of a plan, e.g. `private-2`. */
export interface NamedCidr {
  readonly name: string;
  readonly cidr: string;
}

/** Subnet CIDRs per tier, index = AZ index. */
export interface SubnetPlan {
  readonly public: readonly string[];
  readonly private: readonly string[];
}

/** AWS accepts VPC blocks between /16 and /28, and subnets no smaller than /28. */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;
export const MAX_SUBNET_PREFIX = 28;

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses and checks a CIDR (octets 0-255, prefix 0-32, no host bits set), naming `field` when it is wrong. */
export function parseCidr(text: string, field: string): Cidr {
  const match = CIDR_PATTERN.exec(text);
  if (!match) throw new ConfigError(field, `"${text}" is not an IPv4 CIDR block`, 'use the form 10.0.0.0/16');
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) throw new ConfigError(field, `"${text}" has an octet over 255`, 'use the form 10.0.0.0/16');
  if (prefix > 32) throw new ConfigError(field, `"${text}" has a prefix over /32`, 'use a prefix between /16 and /28');
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if ((base & hostMask(prefix)) !== 0) {
    throw new ConfigError(field, `"${text}" has host bits set (the network address is ${format(base & ~hostMask(prefix), prefix)})`, `use ${format(base & ~hostMask(prefix), prefix)}`);
  }
  return { text, base, prefix };
}

function hostMask(prefix: number): number {
  return prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
}

function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

function format(base: number, prefix: number): string {
  const b = base >>> 0;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${prefix}`;
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

/** Whether two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** The `index`-th block of `newBits` extra prefix bits inside `vpc` (Terraform's `cidrsubnet`). */
export function cidrSubnet(vpc: Cidr, newBits: number, index: number): string {
  const prefix = vpc.prefix + newBits;
  return format(vpc.base + index * 2 ** (32 - prefix), prefix);
}

/**
 * Checks a VPC block and its subnets, failing at synth with the subnet named
 * (`network.subnets.private-2: 10.0.48.0/20 overlaps public-0 (10.0.0.0/18) ...`): VPC block well formed
 * and of a size AWS accepts, every subnet well formed, inside the VPC, no smaller than /28, and no two
 * overlapping.
 */
export function validateSubnets(vpcCidr: string, subnets: readonly NamedCidr[]): void {
  const vpc = parseCidr(vpcCidr, 'network.vpcCidr');
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) {
    throw new ConfigError('network.vpcCidr', `${vpcCidr} is a /${vpc.prefix}; AWS accepts /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`, 'use e.g. 10.0.0.0/16');
  }
  const parsed: { name: string; cidr: Cidr }[] = [];
  for (const subnet of subnets) {
    const field = `network.subnets.${subnet.name}`;
    const cidr = parseCidr(subnet.cidr, field);
    if (cidr.prefix > MAX_SUBNET_PREFIX) {
      throw new ConfigError(field, `${subnet.cidr} is smaller than the /${MAX_SUBNET_PREFIX} AWS allows`, 'use fewer subnet bits');
    }
    if (!contains(vpc, cidr)) {
      throw new ConfigError(field, `${subnet.cidr} is outside the VPC block ${vpcCidr}`, 'choose a block inside the VPC CIDR');
    }
    const clash = parsed.find((p) => overlaps(p.cidr, cidr));
    if (clash) {
      throw new ConfigError(field, `${subnet.cidr} overlaps ${clash.name} (${clash.cidr.text})`, 'give each subnet its own block');
    }
    parsed.push({ name: subnet.name, cidr });
  }
}

/**
 * Plans one public and one private subnet per AZ: public i is block i, private i is block azCount + i,
 * each `newBits` longer than the VPC prefix. Fails when the blocks do not fit or are too small, then
 * validates the whole plan.
 */
export function planSubnets(vpcCidr: string, newBits: number, azCount: number): SubnetPlan {
  const vpc = parseCidr(vpcCidr, 'network.vpcCidr');
  if (!Number.isInteger(newBits) || newBits < 1) {
    throw new ConfigError('network.subnetNewBits', `${newBits} is not a positive whole number`, 'use e.g. 4 (a /16 VPC gets /20 subnets)');
  }
  if (vpc.prefix + newBits > MAX_SUBNET_PREFIX) {
    throw new ConfigError('network.subnetNewBits', `${vpcCidr} + ${newBits} bits gives /${vpc.prefix + newBits} subnets, smaller than the /${MAX_SUBNET_PREFIX} AWS allows`, 'use fewer subnet bits or a larger VPC block');
  }
  const needed = 2 * azCount;
  const room = 2 ** newBits;
  if (needed > room) {
    throw new ConfigError('network.subnetNewBits', `${needed} subnets (public + private in ${azCount} AZs) do not fit in the ${room} blocks of /${vpc.prefix + newBits} inside ${vpcCidr}`, `use at least ${Math.ceil(Math.log2(needed))} subnet bits`);
  }
  const plan: SubnetPlan = {
    public: Array.from({ length: azCount }, (_, i) => cidrSubnet(vpc, newBits, i)),
    private: Array.from({ length: azCount }, (_, i) => cidrSubnet(vpc, newBits, azCount + i)),
  };
  validateSubnets(vpcCidr, namedSubnets(plan));
  return plan;
}

/** A plan as a flat, named list (`public-0`, ..., `private-0`, ...), the names used in error messages. */
export function namedSubnets(plan: SubnetPlan): NamedCidr[] {
  return [
    ...plan.public.map((cidr, i) => ({ name: `public-${i}`, cidr })),
    ...plan.private.map((cidr, i) => ({ name: `private-${i}`, cidr })),
  ];
}
