import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-ALARM-01 an alarm tells someone — anchors: CKV_AWS_319. */
export const alarmActions = defineRule(
  {
    id: 'TAP-ALARM-01',
    severity: 'error',
    description: 'aws_cloudwatch_metric_alarm has actions_enabled not false and at least one alarm_actions target',
    anchors: ['CKV_AWS_319'],
  },
  (ctx, report) => {
    for (const a of resources(ctx.stack.json, 'aws_cloudwatch_metric_alarm')) {
      const actions = Array.isArray(a.body.alarm_actions) ? a.body.alarm_actions : [];
      if (bool(a.body.actions_enabled) === false || actions.length === 0) {
        report(a.address, `${bool(a.body.actions_enabled) === false ? 'actions_enabled = false' : 'no alarm_actions'}: the alarm changes state and nobody hears of it. Fix: alarm_actions = [the stack's alarm topic ARN] (alarm helpers do) and leave actions_enabled on.`);
      }
    }
  },
);
