import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { ConfigError } from '@tap/config';
import type { BaseStack } from '../base-stack';
import { planSubnets, validateSubnets, namedSubnets, type SubnetPlan } from './cidr';
import { NETWORK_TAG, TIER_TAG, type Tier } from './tags';

export interface NetworkProps {
  /** Value of the `Network` tag that NetworkLookup finds this VPC by. No default. */
  readonly networkName: string;
  /** VPC CIDR block. No default (config: `10.0.0.0/16`). */
  readonly vpcCidr: string;
  /** Extra prefix bits per subnet. No default (config: 4, i.e. /20 subnets in a /16). */
  readonly subnetNewBits: number;
  /** Availability zones, each with a public and a private subnet. No default (config: 3). */
  readonly azCount: number;
  /** NAT gateways in the first public subnets, 0..azCount. No default (config: 0 dev, one per AZ production). */
  readonly natGateways: number;
  /** Explicit subnet blocks per tier (index = AZ). @default planned from `vpcCidr` and `subnetNewBits` */
  readonly subnets?: SubnetPlan;
}

/**
 * The environment's VPC: public and private subnet per AZ (AZs from `data.aws_availability_zones`, never
 * typed in), internet gateway, NAT gateways with EIPs in the public subnets (AZ i routes through NAT
 * i mod n; no NAT means no default route: private subnets reach AWS through endpoints only), one
 * private route table per AZ, and the default security group closed.
 *
 * The VPC, subnets and route tables carry `Network = <networkName>`; subnets and route tables also
 * `Tier = public|private`. That is the contract NetworkLookup relies on.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly availabilityZones: DataAwsAvailabilityZones;
  readonly publicSubnets: Subnet[];
  readonly privateSubnets: Subnet[];
  readonly publicRouteTable: RouteTable;
  readonly privateRouteTables: RouteTable[];
  readonly natGateways: NatGateway[];
  readonly internetGateway: InternetGateway;
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** The subnet blocks actually used (validated). */
  readonly plan: SubnetPlan;

  constructor(stack: BaseStack, id: string, props: NetworkProps) {
    super(stack, id);
    const { naming } = stack;
    const { azCount, natGateways, networkName } = props;
    if (!Number.isInteger(natGateways) || natGateways < 0 || natGateways > azCount) {
      throw new ConfigError('network.natGateways', `${natGateways} is outside 0..${azCount}`, 'use 0 (endpoints only), 1, or one per AZ');
    }
    this.plan = props.subnets ?? planSubnets(props.vpcCidr, props.subnetNewBits, azCount);
    if (props.subnets) {
      for (const tier of ['public', 'private'] as const) {
        if (props.subnets[tier].length !== azCount) {
          throw new ConfigError(`network.subnets.${tier}`, `has ${props.subnets[tier].length} blocks for ${azCount} AZs`, 'give one block per AZ');
        }
      }
      validateSubnets(props.vpcCidr, namedSubnets(props.subnets));
    }

    const tags = (name: string, tier?: Tier): Record<string, string> => ({
      Name: name,
      [NETWORK_TAG]: networkName,
      ...(tier ? { [TIER_TAG]: tier } : {}),
    });

    // Opt-in zones (Local/Wavelength) are excluded: they lack NAT gateways and most endpoints.
    this.availabilityZones = new DataAwsAvailabilityZones(this, 'azs', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const azNames = this.availabilityZones.names;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      // Both are required for private DNS names of interface endpoints.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags(naming.name('vpc')),
      lifecycle: {
        // Fn.element wraps around, which would silently put two subnets in one AZ: fail the plan instead.
        precondition: [
          {
            condition: `\${length(${this.availabilityZones.fqn}.names) >= ${azCount}}`,
            errorMessage: `network.azCount: ${azCount} availability zones are needed, fewer are available in this region`,
          },
        ],
      },
    });

    this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tags(naming.name('vpc-igw')) });

    const subnet = (tier: Tier, i: number): Subnet =>
      new Subnet(this, `${tier}-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: this.plan[tier][i],
        availabilityZone: Fn.element(azNames, i),
        // No public IPs on launch, even in public subnets: only NAT gateways (with EIPs) live there.
        mapPublicIpOnLaunch: false,
        tags: tags(naming.name(`vpc-${tier}-${i}`), tier),
      });
    this.publicSubnets = Array.from({ length: azCount }, (_, i) => subnet('public', i));
    this.privateSubnets = Array.from({ length: azCount }, (_, i) => subnet('private', i));

    this.publicRouteTable = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: tags(naming.name('vpc-public-rt'), 'public') });
    new Route(this, 'public-default', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-${i}-rta`, { subnetId: s.id, routeTableId: this.publicRouteTable.id }));

    this.natGateways = Array.from({ length: natGateways }, (_, i) => {
      const eip = new Eip(this, `nat-${i}-eip`, { domain: 'vpc', tags: tags(naming.name(`vpc-nat-${i}-eip`)), dependsOn: [this.internetGateway] });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: tags(naming.name(`vpc-nat-${i}`)),
        // A NAT gateway needs the internet gateway attached to be usable.
        dependsOn: [this.internetGateway],
      });
    });

    this.privateRouteTables = this.privateSubnets.map((s, i) => {
      const table = new RouteTable(this, `private-${i}-rt`, { vpcId: this.vpc.id, tags: tags(naming.name(`vpc-private-${i}-rt`), 'private') });
      if (this.natGateways.length > 0) {
        // AZ i uses NAT i mod n: with one NAT per AZ traffic stays in its AZ; with fewer, they are shared.
        new Route(this, `private-${i}-default`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: this.natGateways[i % this.natGateways.length].id,
        });
      }
      new RouteTableAssociation(this, `private-${i}-rta`, { subnetId: s.id, routeTableId: table.id });
      return table;
    });

    // Adopting the default security group with no rules removes AWS's allow-all rules (CKV2_AWS_12).
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: naming.name('vpc-default-closed') },
    });
  }
}
