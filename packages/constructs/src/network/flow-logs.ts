import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { BaseStack } from '../base-stack';
import { assumeRolePolicy, policyDocument } from '../iam';

export interface FlowLogsProps {
  readonly vpcId: string;
  /** ARN of the KMS key that encrypts the log group (its policy must admit the logs service). */
  readonly keyArn: string;
  /** Base name; the log group is `/aws/vpc/flow-logs/<name>-<suffix>`. @default `vpc` */
  readonly name?: string;
}

/**
 * VPC flow logs (ALL traffic, AS-VPC7 / CKV2_AWS_11) to a KMS-encrypted CloudWatch log group the stack
 * owns (retention from config), delivered by a role that vpc-flow-logs.amazonaws.com may assume only for
 * this account and that may write only to that log group.
 */
export class FlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(stack: BaseStack, id: string, props: FlowLogsProps) {
    super(stack, id);
    const { naming, config } = stack;
    const base = props.name ?? 'vpc';
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: naming.check(`/aws/vpc/flow-logs/${naming.name(base)}`, 'logGroup'),
      retentionInDays: config.logs.retentionDays,
      kmsKeyId: props.keyArn,
    });
    this.role = new IamRole(this, 'role', {
      name: naming.name(`${base}-flow-logs-role`, 'iamRole'),
      // Confused-deputy guard: only flow logs acting for this account may assume the role.
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com', stack.accountId),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: naming.name(`${base}-flow-logs-policy`, 'iamPolicy'),
      role: this.role.id,
      policy: policyDocument([
        {
          sid: 'DeliverToOwnLogGroup',
          // CreateLogStream: one stream per network interface; PutLogEvents: the records themselves;
          // DescribeLogStreams: the service checks for an existing stream before creating one.
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      tags: { Name: naming.name(`${base}-flow-log`) },
      // The role must be able to write before the first delivery.
      dependsOn: [policy],
    });
  }
}
