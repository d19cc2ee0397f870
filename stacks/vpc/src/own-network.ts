import { Fn } from 'cdktf';
import { EncryptionKey, FlowLogs, GatewayEndpoints, InterfaceEndpoints, Network, type BaseStack } from '@tap/constructs';
import { ConfigError, type NetworkConfig } from '@tap/config';
import type { VpcOutputValues } from './outputs';

type OwnNetworkConfig = Extract<NetworkConfig, { mode: 'own' }>;

/**
 * The environment's own network (`network.mode = own`): VPC with subnets, gateways and route tables,
 * S3/DynamoDB gateway endpoints on the PRIVATE route tables, the configured interface endpoints in the
 * first `interfaceEndpointAzs` private subnets, and flow logs to a KMS-encrypted log group.
 */
export function buildOwnNetwork(stack: BaseStack, network: OwnNetworkConfig): VpcOutputValues {
  const net = new Network(stack, 'network', {
    networkName: network.networkName,
    vpcCidr: network.vpcCidr,
    subnetNewBits: network.subnetNewBits,
    azCount: network.azCount,
    natGateways: network.natGateways,
  });

  new GatewayEndpoints(stack, 'gateway-endpoints', {
    vpcId: net.vpc.id,
    routeTableIds: net.privateRouteTables.map((t) => t.id),
  });

  const endpointAzs = network.interfaceEndpointAzs;
  if (!Number.isInteger(endpointAzs) || endpointAzs < 1 || endpointAzs > network.azCount) {
    // Each AZ adds one billed ENI per endpoint; fail rather than silently clamp.
    throw new ConfigError('network.interfaceEndpointAzs', `${endpointAzs} is outside 1..${network.azCount}`, 'use 1 (cheapest) up to the AZ count');
  }
  new InterfaceEndpoints(stack, 'interface-endpoints', {
    vpcId: net.vpc.id,
    vpcCidr: net.vpc.cidrBlock,
    subnetIds: net.privateSubnets.slice(0, endpointAzs).map((s) => s.id),
    services: network.interfaceEndpoints,
  });

  const key = new EncryptionKey(stack, 'flow-logs-key', {
    name: 'vpc-flow-logs',
    description: 'VPC flow log encryption',
    services: ['logs'],
  });
  const flowLogs = new FlowLogs(stack, 'flow-logs', { vpcId: net.vpc.id, keyArn: key.arn });

  return {
    vpcId: net.vpc.id,
    vpcCidr: net.vpc.cidrBlock,
    vpcPublicSubnetIds: Fn.join(',', net.publicSubnets.map((s) => s.id)),
    vpcPrivateSubnetIds: Fn.join(',', net.privateSubnets.map((s) => s.id)),
    vpcNatGatewayIds: net.natGateways.length > 0 ? Fn.join(',', net.natGateways.map((n) => n.id)) : '',
    vpcFlowLogGroupName: flowLogs.logGroup.name,
    vpcNetworkName: network.networkName,
    vpcNetworkMode: 'own',
  };
}
