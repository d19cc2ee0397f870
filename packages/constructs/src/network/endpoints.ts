import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ConfigError } from '@tap/config';
import type { BaseStack } from '../base-stack';

export interface GatewayEndpointsProps {
  readonly vpcId: string;
  /** Route tables of the subnets whose workloads use S3/DynamoDB: the PRIVATE ones (PAY-03). */
  readonly routeTableIds: string[];
  /** Gateway services. @default `['s3', 'dynamodb']` (the only two AWS offers; both free) */
  readonly services?: readonly ('s3' | 'dynamodb')[];
}

/**
 * Gateway endpoints for S3 and DynamoDB, associated with the given (private) route tables. They are free
 * and let NAT-less private subnets reach both services; associating them with the public route table
 * (PAY-03) would do nothing for private subnets.
 */
export class GatewayEndpoints extends Construct {
  readonly endpoints: Record<string, VpcEndpoint> = {};

  constructor(stack: BaseStack, id: string, props: GatewayEndpointsProps) {
    super(stack, id);
    for (const service of props.services ?? ['s3', 'dynamodb']) {
      this.endpoints[service] = new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${stack.regionName}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: props.routeTableIds,
        tags: { Name: stack.naming.name(`vpce-${service}`) },
      });
    }
  }
}

export interface InterfaceEndpointsProps {
  readonly vpcId: string;
  /** VPC CIDR: the only source allowed to reach the endpoints (HTTPS). */
  readonly vpcCidr: string;
  /** Subnets holding the endpoint ENIs (one ENI per subnet, each billed hourly). */
  readonly subnetIds: string[];
  /** Service short names, e.g. `sqs`, `ssm`. Default none. */
  readonly services: readonly string[];
}

const SERVICE_PATTERN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

/**
 * Interface endpoints (PrivateLink) with private DNS, so SDK clients reach e.g. SQS at its normal
 * hostname from subnets without NAT. One security group admits HTTPS from the VPC only.
 */
export class InterfaceEndpoints extends Construct {
  readonly endpoints: Record<string, VpcEndpoint> = {};
  readonly securityGroup?: SecurityGroup;

  constructor(stack: BaseStack, id: string, props: InterfaceEndpointsProps) {
    super(stack, id);
    if (props.services.length === 0) return;
    for (const service of props.services) {
      if (!SERVICE_PATTERN.test(service)) {
        throw new ConfigError('network.interfaceEndpoints', `"${service}" is not a service short name`, 'use names such as sqs, ssm or logs');
      }
    }
    if (new Set(props.services).size !== props.services.length) {
      throw new ConfigError('network.interfaceEndpoints', `lists a service twice (${props.services.join(', ')})`, 'list each service once');
    }
    const sgName = stack.naming.name('vpce-interface', 'securityGroup');
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: sgName,
      description: `Interface endpoints (${stack.config.suffix}): HTTPS from the VPC only`,
      vpcId: props.vpcId,
      tags: { Name: sgName },
    });
    // The endpoints only answer; no egress rule is needed (security groups are stateful).
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from workloads in the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    for (const service of props.services) {
      this.endpoints[service] = new VpcEndpoint(this, service.replace(/\./g, '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${stack.regionName}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: stack.naming.name(`vpce-${service.replace(/\./g, '-')}`) },
      });
    }
  }
}
