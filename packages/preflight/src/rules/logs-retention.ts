import { num, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LOGS-01 log groups have a retention — anchors: SL-CloudWatchLogGroupRetentionPeriod, CKV_AWS_66. */
export const logsRetention = defineRule(
  {
    id: 'TAP-LOGS-01',
    severity: 'error',
    description: 'aws_cloudwatch_log_group sets retention_in_days',
    anchors: ['SL-CloudWatchLogGroupRetentionPeriod', 'CKV_AWS_66'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_cloudwatch_log_group')) {
      const days = r.body.retention_in_days;
      if (days === undefined || num(days) === 0) {
        report(r.address, 'log group kept forever (no retention_in_days): cost grows without bound. Fix: retention_in_days from config (logs.retentionDays).');
      }
    }
  },
);
