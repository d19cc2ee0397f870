import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { BaseStack } from '../base-stack';
import { NETWORK_TAG, TIER_TAG } from './tags';

/** What a stack's VPC-bound functions need from the environment's one network. */
export interface NetworkAttachment {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnet ids (a list token), usable as Lambda `vpc_config.subnet_ids`. */
  readonly privateSubnetIds: string[];
  /** The calling stack's own security group for its functions (HTTPS egress only, no ingress). */
  readonly securityGroupId: string;
}

export interface NetworkLookupProps {
  /** Base name of the functions' security group (`<name>-<suffix>`). */
  readonly name: string;
}

/**
 * Attaches a stack to the environment's ONE network instead of creating a VPC (FND-08). The network is
 * found by its tags (the contract the VPC stack writes, see stacks/vpc/README.md): the VPC by
 * `Network = config.network.networkName`, its private subnets by `Tier = private`. This works for
 * `own` mode (the VPC stack of the same suffix created it) and `shared` mode (a named environment of the
 * VPC stack created it once for every pull-request copy).
 *
 * The security group created here allows HTTPS out only: to the VPC CIDR (interface endpoints, NAT-less
 * private subnets) and to the S3 and DynamoDB managed prefix lists (gateway endpoints): every service the
 * attached functions call has an endpoint, so nothing needs egress to public addresses through NAT
 * (TAP-SG-03 forbids it; `pnpm access` names the missing path if a new call needs one). No ingress:
 * nothing calls into the functions over the network.
 */
export class NetworkLookup extends Construct {
  readonly attachment: NetworkAttachment;
  readonly vpc: DataAwsVpc;
  readonly securityGroup: SecurityGroup;

  constructor(stack: BaseStack, id: string, props: NetworkLookupProps) {
    super(stack, id);
    const networkName = stack.config.network.networkName;

    this.vpc = new DataAwsVpc(this, 'vpc', { tags: { [NETWORK_TAG]: networkName } });
    const privateSubnets = new DataAwsSubnets(this, 'private-subnets', {
      filter: [{ name: 'vpc-id', values: [this.vpc.id] }],
      tags: { [TIER_TAG]: 'private' },
    });

    const sgName = stack.naming.name(props.name, 'securityGroup');
    this.securityGroup = new SecurityGroup(this, 'functions-sg', {
      name: sgName,
      description: `Functions of ${stack.node.id} (${stack.config.suffix}): HTTPS egress only`,
      vpcId: this.vpc.id,
      // Inline rules stay empty; the rules below are separate resources so each is visible in plans.
      tags: { Name: sgName },
    });
    // HTTPS to the VPC itself: interface endpoints (e.g. SQS) live in the private subnets.
    new VpcSecurityGroupEgressRule(this, 'https-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to interface endpoints in the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: this.vpc.cidrBlock,
    });
    // HTTPS to S3 and DynamoDB through their gateway endpoints, addressed by AWS-managed prefix lists.
    for (const service of ['s3', 'dynamodb'] as const) {
      const list = new DataAwsEc2ManagedPrefixList(this, `${service}-prefix-list`, {
        name: `com.amazonaws.${stack.regionName}.${service}`,
      });
      new VpcSecurityGroupEgressRule(this, `https-${service}`, {
        securityGroupId: this.securityGroup.id,
        description: `HTTPS to ${service} through its gateway endpoint`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: list.id,
      });
    }

    this.attachment = {
      vpcId: this.vpc.id,
      vpcCidr: this.vpc.cidrBlock,
      privateSubnetIds: privateSubnets.ids,
      securityGroupId: this.securityGroup.id,
    };
  }
}
