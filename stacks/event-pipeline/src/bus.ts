import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventPermission } from '@cdktf/provider-aws/lib/cloudwatch-event-permission';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import type { BaseStack } from '@tap/constructs';

export interface PipelineBus {
  readonly bus: CloudwatchEventBus;
  readonly rule: CloudwatchEventRule;
  /** The rule's name (`events-to-queue-<suffix>`), known at synth. */
  readonly ruleName: string;
  /** The `source` the ingest function publishes with and the rule matches. */
  readonly source: string;
}

/**
 * The custom bus and the rule that routes ingested events to the queue (target in queue.ts, which needs
 * the rule's ARN for its policy). The bus keeps no events (no archive): the queue is where they rest,
 * encrypted with the stack key. Its resource policy lets the deploying account put events
 * (PIPE-10: the principal is the account id from the caller-identity data source, never a role ARN).
 */
export function pipelineBus(stack: BaseStack): PipelineBus {
  const { naming, config } = stack;
  const source = `${config.project}.event-pipeline`;
  const bus = new CloudwatchEventBus(stack, 'bus', { name: naming.name('events-bus', 'eventBus') });
  const ruleName = naming.name('events-to-queue', 'eventRule');
  const rule = new CloudwatchEventRule(stack, 'rule', {
    name: ruleName,
    description: 'Routes every event the ingest function accepted to the processing queue',
    eventBusName: bus.name,
    eventPattern: JSON.stringify({ source: [source] }),
  });
  new CloudwatchEventPermission(stack, 'bus-permission', {
    eventBusName: bus.name,
    statementId: 'DeployingAccountPutEvents',
    action: 'events:PutEvents',
    principal: stack.accountId,
  });
  return { bus, rule, ruleName, source };
}
