import fc from 'fast-check';
import { ConfigError } from '@tap/config';
import { cidrSubnet, contains, overlaps, parseCidr, planSubnets, validateSubnets } from '@tap/constructs';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('CIDR utility', () => {
  it('plans public i = block i and private i = block azCount + i (the default /16, 4 bits, 3 AZs)', () => {
    expect(planSubnets('10.0.0.0/16', 4, 3)).toEqual({
      public: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
      private: ['10.0.48.0/20', '10.0.64.0/20', '10.0.80.0/20'],
    });
  });

  it('computes cidrsubnet like Terraform, across octet boundaries', () => {
    const vpc = parseCidr('172.16.0.0/12', 'x');
    expect(cidrSubnet(vpc, 8, 0)).toBe('172.16.0.0/20');
    expect(cidrSubnet(vpc, 8, 17)).toBe('172.17.16.0/20');
    expect(cidrSubnet(parseCidr('10.1.2.0/24', 'x'), 4, 15)).toBe('10.1.2.240/28');
  });

  it('contains and overlaps', () => {
    const vpc = parseCidr('10.0.0.0/16', 'a');
    expect(contains(vpc, parseCidr('10.0.255.0/24', 'b'))).toBe(true);
    expect(contains(vpc, parseCidr('10.1.0.0/24', 'b'))).toBe(false);
    expect(contains(parseCidr('10.0.0.0/24', 'a'), vpc)).toBe(false);
    expect(overlaps(parseCidr('10.0.0.0/18', 'a'), parseCidr('10.0.48.0/20', 'b'))).toBe(true);
    expect(overlaps(parseCidr('10.0.0.0/20', 'a'), parseCidr('10.0.16.0/20', 'b'))).toBe(false);
  });

  describe('fails at synth naming the field', () => {
    it.each([
      ['10.0.0/16', 'is not an IPv4 CIDR block'],
      ['10.0.0.256/16', 'octet over 255'],
      ['10.0.0.0/33', 'prefix over /32'],
      ['10.0.1.0/16', 'host bits set (the network address is 10.0.0.0/16)'],
    ])('malformed VPC CIDR %s', (cidr, problem) => {
      const error = configError(() => planSubnets(cidr, 4, 3));
      expect(error.field).toBe('network.vpcCidr');
      expect(error.message).toContain(problem);
    });

    it('a VPC block AWS does not accept (/8)', () => {
      expect(configError(() => planSubnets('10.0.0.0/8', 4, 3)).message).toMatch(/^network\.vpcCidr: 10\.0\.0\.0\/8 is a \/8; AWS accepts \/16 to \/28/);
    });

    it('not enough room: 6 subnets in 2 bits', () => {
      const error = configError(() => planSubnets('10.0.0.0/16', 2, 3));
      expect(error.field).toBe('network.subnetNewBits');
      expect(error.message).toContain('6 subnets (public + private in 3 AZs) do not fit in the 4 blocks of /18 inside 10.0.0.0/16');
    });

    it('subnets smaller than /28', () => {
      expect(configError(() => planSubnets('10.0.0.0/24', 6, 3)).message).toContain('/30 subnets, smaller than the /28 AWS allows');
    });

    it('non-positive subnet bits', () => {
      expect(configError(() => planSubnets('10.0.0.0/16', 0, 3)).field).toBe('network.subnetNewBits');
    });

    it('an overlapping subnet is named with the one it overlaps', () => {
      const error = configError(() =>
        validateSubnets('10.0.0.0/16', [
          { name: 'public-0', cidr: '10.0.0.0/18' },
          { name: 'private-2', cidr: '10.0.48.0/20' },
        ]),
      );
      expect(error.field).toBe('network.subnets.private-2');
      expect(error.message).toMatch(/^network\.subnets\.private-2: 10\.0\.48\.0\/20 overlaps public-0 \(10\.0\.0\.0\/18\)/);
    });

    it('a subnet outside the VPC is named', () => {
      const error = configError(() => validateSubnets('10.0.0.0/16', [{ name: 'public-1', cidr: '10.1.0.0/20' }]));
      expect(error.message).toMatch(/^network\.subnets\.public-1: 10\.1\.0\.0\/20 is outside the VPC block 10\.0\.0\.0\/16/);
    });

    it('a malformed subnet is named', () => {
      expect(configError(() => validateSubnets('10.0.0.0/16', [{ name: 'private-0', cidr: '10.0.0.1/20' }])).field).toBe('network.subnets.private-0');
    });

    it('a subnet below /28 is named', () => {
      expect(configError(() => validateSubnets('10.0.0.0/16', [{ name: 'private-1', cidr: '10.0.0.0/29' }])).message).toContain('network.subnets.private-1: 10.0.0.0/29 is smaller than the /28');
    });
  });
});

describe('CIDR utility properties', () => {
  it('every plan that is accepted has disjoint subnets inside the VPC, one per tier and AZ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 26 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 255 }), (prefix, bits, azs, second) => {
        const vpcText = `10.${second}.0.0/${prefix}`;
        let plan;
        try {
          // Only the first two octets vary; with prefix >= 16 the address is always a network address.
          plan = planSubnets(vpcText, bits, azs);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect(prefix + bits > 28 || 2 * azs > 2 ** bits).toBe(true);
          return;
        }
        const vpc = parseCidr(vpcText, 'v');
        const all = [...plan.public, ...plan.private].map((c) => parseCidr(c, 's'));
        expect(all).toHaveLength(2 * azs);
        all.forEach((a, i) => {
          expect(contains(vpc, a)).toBe(true);
          all.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false));
        });
      }),
    );
  });
});
