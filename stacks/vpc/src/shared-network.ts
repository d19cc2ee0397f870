import { Fn } from 'cdktf';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsNatGateways } from '@cdktf/provider-aws/lib/data-aws-nat-gateways';
import { NETWORK_TAG, TIER_TAG, type BaseStack, type Tier } from '@tap/constructs';
import type { VpcOutputValues } from './outputs';

/**
 * `network.mode = shared` (the `pr` profile, FND-08): this environment creates no VPC, NAT gateway or
 * EIP. The stack only reads the shared network (created once by a named environment of this stack, e.g.
 * suffix `shared`) by its tags and publishes the same output keys, so integration tests and the API
 * stacks see one shape whatever the mode.
 */
export function describeSharedNetwork(stack: BaseStack, networkName: string): VpcOutputValues {
  const vpc = new DataAwsVpc(stack, 'shared-vpc', { tags: { [NETWORK_TAG]: networkName } });
  const subnets = (tier: Tier): DataAwsSubnets =>
    new DataAwsSubnets(stack, `shared-${tier}-subnets`, {
      filter: [{ name: 'vpc-id', values: [vpc.id] }],
      tags: { [TIER_TAG]: tier },
    });
  const nat = new DataAwsNatGateways(stack, 'shared-nat-gateways', {
    vpcId: vpc.id,
    filter: [{ name: 'state', values: ['available'] }],
  });
  return {
    vpcId: vpc.id,
    vpcCidr: vpc.cidrBlock,
    vpcPublicSubnetIds: Fn.join(',', subnets('public').ids),
    vpcPrivateSubnetIds: Fn.join(',', subnets('private').ids),
    vpcNatGatewayIds: Fn.join(',', nat.ids),
    vpcNetworkName: networkName,
    vpcNetworkMode: 'shared',
  };
}
