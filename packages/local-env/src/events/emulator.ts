import { arnAt, physicalName, shortId } from '../attributes';
import type { Emulator, EmulatedType } from '../emulator';
import { EventBus, type RuleSpec } from './bus';
import { eventsProtocol } from './protocol';

export interface BusAttributes {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
}

export const eventBus: EmulatedType<BusAttributes> = {
  type: 'aws_cloudwatch_event_bus',
  attributes: (r, at, text) => {
    const name = physicalName(r, text);
    return { id: name, name, arn: arnAt(at, 'events', `event-bus/${name}`) };
  },
};

export interface RuleAttributes {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
}

export const eventRule: EmulatedType<RuleAttributes> = {
  type: 'aws_cloudwatch_event_rule',
  attributes: (r, at, text) => {
    const name = physicalName(r, text);
    const bus = r.config.event_bus_name === undefined ? 'default' : text(r.config.event_bus_name);
    return { id: `${bus}/${name}`, name, arn: arnAt(at, 'events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`) };
  },
};

/** A rule's target (read with its rule). */
export const eventTarget: EmulatedType<{ id: string }> = { type: 'aws_cloudwatch_event_target', attributes: (r) => ({ id: shortId(r) }) };

/** EventBridge: PutEvents over the synthesized rules (bus.ts), delivered to SQS queues and functions of this app. */
export const events: Emulator = {
  service: 'EventBridge',
  types: [eventBus, eventRule, eventTarget],
  doc: {
    declared: '`aws_cloudwatch_event_bus/rule/target`',
    locally: '`PutEvents`; rules matched on their `event_pattern` (exact, prefix, suffix, anything-but, exists, numeric, equals-ignore-case, nested); targets SQS or Lambda, `input`/`input_path`',
  },
  start: (c) => {
    c.endpoint.register(eventsProtocol(() => c.state.events));
    return (p) => {
      const res = p.resolver;
      const rules: RuleSpec[] = p.state.rules;
      for (const r of p.all('aws_cloudwatch_event_rule')) {
        const ruleName = res.text(r.stack, `\${aws_cloudwatch_event_rule.${r.name}.name}`);
        if (r.config.event_pattern === undefined) {
          p.state.warnings.push(`event rule ${ruleName}: schedule rules are not emulated`);
          continue;
        }
        const bus = r.config.event_bus_name === undefined ? 'default' : res.text(r.stack, r.config.event_bus_name);
        const targets = p
          .all('aws_cloudwatch_event_target')
          .filter((t) => t.stack === r.stack && res.text(t.stack, t.config.rule) === ruleName)
          .map((t) => ({ id: String(t.config.target_id ?? t.name), arn: res.text(t.stack, t.config.arn), ...(t.config.input !== undefined ? { input: res.text(t.stack, t.config.input) } : {}), ...(t.config.input_path !== undefined ? { inputPath: String(t.config.input_path) } : {}) }));
        rules.push({ name: ruleName, busName: bus.startsWith('arn:') ? bus.split('/').pop() ?? bus : bus, pattern: JSON.parse(res.text(r.stack, r.config.event_pattern)) as Record<string, unknown>, enabled: r.config.state !== 'DISABLED' && r.config.is_enabled !== false, targets });
      }
      p.state.events = new EventBus(
        rules,
        async (targetArn, payload) => {
          if (targetArn.startsWith('arn:aws:sqs:')) {
            // IAM enforcement: the queue policy must let EventBridge send (iam/).
            await p.enforcer?.delivery('eventbridge-target', [`target ${targetArn.split(':').pop() ?? ''}`]);
            p.state.sqs.send(targetArn, payload);
          } else if (targetArn.startsWith('arn:aws:lambda:')) await p.state.invoke(targetArn, JSON.parse(payload));
          else throw new Error(`target ${targetArn} is not emulated`);
        },
        p.region,
        p.accountId,
      );
    };
  },
};
