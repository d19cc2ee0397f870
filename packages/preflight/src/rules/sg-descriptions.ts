import { blocks, resources } from '@tap/synth';
import { defineRule } from './define';

/** Terraform's default security group description: present, but says nothing. */
const DEFAULT_DESCRIPTION = 'Managed by Terraform';
const RULE_TYPES = ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'];

/** TAP-SG-01 every security group and rule says what it is for — anchors: AS-EC27, CKV_AWS_23, AVD-AWS-0099, AVD-AWS-0124. */
export const sgDescriptions = defineRule(
  {
    id: 'TAP-SG-01',
    severity: 'error',
    description: 'Every aws_security_group has its own description (not "Managed by Terraform"), and every rule (inline or aws_vpc_security_group_*_rule) has a description',
    anchors: ['AS-EC27', 'CKV_AWS_23', 'AVD-AWS-0099', 'AVD-AWS-0124'],
  },
  (ctx, report) => {
    const empty = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';
    for (const sg of resources(ctx.stack.json, 'aws_security_group')) {
      if (empty(sg.body.description) || sg.body.description === DEFAULT_DESCRIPTION) {
        report(sg.address, `security group without a description of its own (Terraform's default is "${DEFAULT_DESCRIPTION}"): nobody reviewing the network can tell what it admits and why. Fix: description = who uses it and what traffic it allows (it forces replacement, so set it at creation).`);
      }
      for (const direction of ['ingress', 'egress']) {
        blocks(sg.body[direction]).forEach((rule, i) => {
          if (empty(rule.description)) report(sg.address, `${direction}[${i}] has no description. Fix: say which traffic it allows and why.`);
        });
      }
    }
    for (const rule of resources(ctx.stack.json, ...RULE_TYPES)) {
      if (empty(rule.body.description)) report(rule.address, 'security group rule without a description. Fix: description = which traffic it allows and why (e.g. "HTTPS to DynamoDB through its gateway endpoint").');
    }
  },
);
