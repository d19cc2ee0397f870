import type { Construct } from 'constructs';
import { BaseStack, type BaseStackProps } from '@tap/constructs';
import { addVpcOutputs } from './outputs';
import { buildOwnNetwork } from './own-network';
import { describeSharedNetwork } from './shared-network';

/** Props of the VPC stack: the one validated config, nothing else. */
export type VpcStackProps = BaseStackProps;

/**
 * The payment-gateway VPC. With `network.mode = own` (dev, production) it creates
 * the environment's one network; with `shared` (pr) it creates nothing and describes the shared network
 * its API stacks attach to. Either way API stacks find the network through NetworkLookup by its tags,
 * never by creating a second VPC.
 */
export class VpcStack extends BaseStack {
  constructor(scope: Construct, id: string, props: VpcStackProps) {
    super(scope, id, props);
    const network = props.config.network;
    const outputs = network.mode === 'own' ? buildOwnNetwork(this, network) : describeSharedNetwork(this, network.networkName);
    addVpcOutputs(this, outputs);
  }
}

export { buildOwnNetwork } from './own-network';
export { describeSharedNetwork } from './shared-network';
export type { VpcOutputValues } from './outputs';
