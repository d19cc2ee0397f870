import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { assumeRolePolicy, type BaseStack } from '@tap/constructs';

/**
 * API Gateway's account-level CloudWatch role (PIPE-09), created ONLY when config opts in
 * (`accountSingletons`, docs/decisions/006-many-environments-per-account.md): it is one setting per account and Region, so many PR
 * environments must not fight over it, and destroying it resets logging for every API in the account.
 * Without the opt-in the setting is an account prerequisite (README, "Account prerequisites").
 */
export function apiGatewayAccount(stack: BaseStack): ApiGatewayAccount | undefined {
  if (!stack.config.accountSingletons) return undefined;
  const role = new IamRole(stack, 'apigw-logs-role', {
    name: stack.naming.name('events-apigw-logs-role', 'iamRole'),
    assumeRolePolicy: assumeRolePolicy('apigateway.amazonaws.com', stack.accountId),
  });
  // AWS's managed policy is the documented minimum for API Gateway to write execution and access logs.
  const attachment = new IamRolePolicyAttachment(stack, 'apigw-logs-policy', {
    role: role.name,
    policyArn: `arn:${stack.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
  });
  return new ApiGatewayAccount(stack, 'apigw-account', {
    cloudwatchRoleArn: role.arn,
    // Destroy clears the setting instead of leaving it pointing at a deleted role.
    resetOnDelete: true,
    // The role must be usable before API Gateway validates it.
    dependsOn: [attachment],
  });
}
