import { EMULATED_TYPES } from './registry';
import { block, type SynthStack } from '@tap/synth';

/** What each unemulated service means for someone running locally. */
const NOTES: Record<string, string> = {
  EC2: 'EC2/VPC: VPC-attached functions run on loopback; their synthesized network paths are enforced per call',
  KMS: 'KMS: data is not encrypted locally; key policies are not evaluated',
  IAM: 'IAM: policies are enforced through the access check (AccessDeniedException), not stored as resources',
  CloudWatch: 'CloudWatch: alarms and log groups are not created; function output goes to .local/logs',
  XRay: 'X-Ray: tracing is not recorded',
  SNS: 'SNS: topics are not created (alarm notifications)',
  S3: 'S3: buckets are not created',
  API: 'API Gateway: gateway responses, domains and account settings are not applied (API Gateway default answers are used)',
  LAMBDA: 'Lambda: layer permissions are not evaluated',
};

/** The README's summary of the same (its table's last row, generated with the registry's rows). */
export const NOT_EMULATED_DOC = {
  declared: 'not emulated (stated at start-up)',
  locally:
    'EC2/VPC resources (functions run on loopback; their network paths are checked per call), KMS (no encryption; key policies take part in the IAM decisions), WAF, X-Ray, CloudWatch alarms and log groups, SNS, S3, gateway responses other than the request validator\'s (`BAD_REQUEST_BODY`, `BAD_REQUEST_PARAMETERS`, their `DEFAULT_4XX`), custom domains, schedule rules',
};

function serviceOf(type: string): string {
  if (/^aws_(vpc|subnet|route|internet_gateway|nat_gateway|eip|security_group|default_security_group|network_acl|flow_log|vpc_endpoint|default_network_acl|default_route_table)/.test(type)) return 'EC2';
  if (type.startsWith('aws_kms_')) return 'KMS';
  // Resource policies (queue, topic, bucket, key) are IAM evaluation too: not enforced locally.
  if (type.startsWith('aws_iam_') || (/_policy$/.test(type) && type !== 'aws_api_gateway_rest_api_policy')) return 'IAM';
  if (type.startsWith('aws_cloudwatch_') || type.startsWith('aws_sns_')) return type.startsWith('aws_sns_') ? 'SNS' : 'CloudWatch';
  return type.replace(/^aws_/, '').split('_')[0].toUpperCase();
}

/** One line per service the stacks declare and no emulator runs, naming its types (derived from the registry). */
export function notEmulatedServices(stacks: readonly SynthStack[]): string[] {
  const byService = new Map<string, Set<string>>();
  for (const s of stacks) {
    for (const type of Object.keys(s.json.resource ?? {})) {
      if (EMULATED_TYPES.has(type)) continue;
      const svc = serviceOf(type);
      if (!byService.has(svc)) byService.set(svc, new Set());
      byService.get(svc)?.add(type);
    }
    if (Object.values(s.json.resource?.aws_lambda_function ?? {}).some((f) => block(f.tracing_config)?.mode === 'Active')) byService.set('XRay', byService.get('XRay') ?? new Set(['tracing_config']));
  }
  return [...byService].map(([svc, types]) => `${NOTES[svc] ?? `${svc}: not emulated`} (${[...types].join(', ')})`);
}
