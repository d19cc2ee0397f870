import { addOutputs, type BaseStack } from '@tap/constructs';

/** The VPC stack's flat outputs: scalar values only, keys prefixed `vpc` (unique across the app). */
export interface VpcOutputValues {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Comma-joined subnet ids, AZ order. */
  readonly vpcPublicSubnetIds: string;
  readonly vpcPrivateSubnetIds: string;
  /** Comma-joined NAT gateway ids; empty when the profile has none. */
  readonly vpcNatGatewayIds: string;
  /** Absent in shared mode: the shared network's flow logs belong to the environment that created it. */
  readonly vpcFlowLogGroupName?: string;
  readonly vpcNetworkName: string;
  /** `own` (this stack created the VPC) or `shared` (it attaches to the shared one). */
  readonly vpcNetworkMode: string;
}

/** Stable output names (`staticId`), so flat-outputs.json keys do not move when constructs are reorganised. */
export function addVpcOutputs(stack: BaseStack, values: VpcOutputValues): void {
  addOutputs(stack, { ...values });
}
