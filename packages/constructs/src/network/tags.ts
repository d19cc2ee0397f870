/**
 * The tag contract between the VPC stack and every stack that attaches to its network (documented in
 * stacks/vpc/README.md). Changing a key here changes both sides at once.
 */
/** Tag on the VPC, its subnets and route tables: the network's name (`config.network.networkName`). */
export const NETWORK_TAG = 'Network';
/** Tag on subnets and route tables: `public` or `private`. */
export const TIER_TAG = 'Tier';

export type Tier = 'public' | 'private';
