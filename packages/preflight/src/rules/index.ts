import type { Rule } from '../types';
import { accountIdLiteral } from './account-id-literal';
import { accountSingleton } from './account-singleton';
import { apigwAccessLogs } from './apigw-access-logs';
import { asyncDeadLetters } from './async-dead-letters';
import { apigwMethodValid } from './apigw-method-valid';
import { apigwThrottling } from './apigw-throttling';
import { apigwThrottleCapacity } from './apigw-throttle-capacity';
import { apigwXray } from './apigw-xray';
import { authApiKeyOnly } from './auth-api-key-only';
import { authOpenResourcePolicy } from './auth-open-resource-policy';
import { authTokenValidation } from './auth-token-validation';
import { authWriteRoute } from './auth-write-route';
import { backendLocking } from './backend-locking';
import { backendOptions } from './backend-options';
import { customDomainName } from './custom-domain-name';
import { defaultTagsSingle } from './default-tags-single';
import { dynamodbEncryption } from './dynamodb-encryption';
import { environmentWords } from './environment-words';
import { eventsPermissionPrincipal } from './events-permission-principal';
import { ephemeralDynamodbProtection } from './ephemeral-dynamodb-protection';
import { ephemeralKmsWindow } from './ephemeral-kms-window';
import { ephemeralS3ForceDestroy } from './ephemeral-s3-force-destroy';
import { iamWildcardActions } from './iam-wildcard-actions';
import { iamWildcardResources } from './iam-wildcard-resources';
import { kmsRotation } from './kms-rotation';
import { lambdaConcurrencyBudget } from './lambda-concurrency-budget';
import { lambdaEnvKms } from './lambda-env-kms';
import { lambdaLogGroup } from './lambda-log-group';
import { lambdaRuntime } from './lambda-runtime';
import { lambdaTimeout } from './lambda-timeout';
import { lambdaTracing } from './lambda-tracing';
import { logsKms } from './logs-kms';
import { logsRetention } from './logs-retention';
import { nameLength } from './name-length';
import { nameSuffix } from './name-suffix';
import { outputsFlat } from './outputs-flat';
import { outputsUnique } from './outputs-unique';
import { placeholderSecrets } from './placeholder-secrets';
import { regionLiteral } from './region-literal';
import { s3Encryption } from './s3-encryption';
import { s3PublicAccess } from './s3-public-access';
import { s3TlsOnly } from './s3-tls-only';
import { singletonSharedProfile } from './singleton-shared-profile';
import { snsEncryption } from './sns-encryption';
import { sqsDlq } from './sqs-dlq';
import { sqsEncryption } from './sqs-encryption';
import { sqsVisibility } from './sqs-visibility';
import { ssmSecureString } from './ssm-secure-string';
import { sgDescriptions } from './sg-descriptions';
import { sgOpenIngress } from './sg-open-ingress';
import { sgOpenEgress } from './sg-open-egress';
import { lambdaPermissionScoped } from './lambda-permission-scoped';
import { lambdaMemory } from './lambda-memory';
import { lambdaAsyncFailure } from './lambda-async-failure';
import { apigwExecutionLogging } from './apigw-execution-logging';
import { apigwRequestValidation } from './apigw-request-validation';
import { apigwCacheEncryption } from './apigw-cache-encryption';
import { apigwDeploymentLifecycle } from './apigw-deployment-lifecycle';
import { eventsBusOpen } from './events-bus-open';
import { ssmSecretType } from './ssm-secret-type';
import { iamNotAction } from './iam-not-action';
import { iamPassRole } from './iam-pass-role';
import { iamTrustScoped } from './iam-trust-scoped';
import { iamNoScan } from './iam-no-scan';
import { vpcFlowLogs } from './vpc-flow-logs';
import { vpcDefaultSgClosed } from './vpc-default-sg-closed';
import { vpcGatewayEndpointsPrivate } from './vpc-gateway-endpoints-private';
import { sqsTlsOnly } from './sqs-tls-only';
import { snsTlsOnly } from './sns-tls-only';
import { s3Versioning } from './s3-versioning';
import { s3Lifecycle } from './s3-lifecycle';
import { dynamodbPitr } from './dynamodb-pitr';
import { alarmActions } from './alarm-actions';
import { backupVaultKms } from './backup-vault-kms';
import { kmsPolicyPrincipal } from './kms-policy-principal';
import { vpcSubnetPublicIp } from './vpc-subnet-public-ip';
import { statefulPreventDestroy } from './stateful-prevent-destroy';
import { stateBucketName } from './state-bucket-name';

/** Every rule, in report order. */
export const ALL_RULES: readonly Rule[] = [
  backendOptions,
  backendLocking,
  stateBucketName,
  defaultTagsSingle,
  nameSuffix,
  nameLength,
  environmentWords,
  accountIdLiteral,
  regionLiteral,
  placeholderSecrets,
  ssmSecureString,
  ssmSecretType,
  apigwMethodValid,
  apigwAccessLogs,
  apigwXray,
  apigwThrottling,
  apigwThrottleCapacity,
  apigwExecutionLogging,
  apigwRequestValidation,
  apigwCacheEncryption,
  apigwDeploymentLifecycle,
  authWriteRoute,
  authApiKeyOnly,
  authOpenResourcePolicy,
  authTokenValidation,
  accountSingleton,
  singletonSharedProfile,
  customDomainName,
  eventsPermissionPrincipal,
  eventsBusOpen,
  asyncDeadLetters,
  lambdaRuntime,
  lambdaTimeout,
  lambdaTracing,
  lambdaEnvKms,
  lambdaConcurrencyBudget,
  lambdaLogGroup,
  lambdaPermissionScoped,
  lambdaMemory,
  lambdaAsyncFailure,
  dynamodbEncryption,
  dynamodbPitr,
  sqsEncryption,
  snsEncryption,
  s3Encryption,
  s3PublicAccess,
  s3TlsOnly,
  s3Versioning,
  s3Lifecycle,
  logsRetention,
  logsKms,
  sqsDlq,
  sqsVisibility,
  sqsTlsOnly,
  snsTlsOnly,
  iamWildcardActions,
  iamWildcardResources,
  iamNotAction,
  iamPassRole,
  iamTrustScoped,
  iamNoScan,
  outputsFlat,
  outputsUnique,
  ephemeralS3ForceDestroy,
  ephemeralDynamodbProtection,
  ephemeralKmsWindow,
  statefulPreventDestroy,
  kmsRotation,
  kmsPolicyPrincipal,
  sgDescriptions,
  sgOpenIngress,
  sgOpenEgress,
  vpcFlowLogs,
  vpcDefaultSgClosed,
  vpcGatewayEndpointsPrivate,
  vpcSubnetPublicIp,
  alarmActions,
  backupVaultKms,
];

export {
  accountIdLiteral, accountSingleton, apigwAccessLogs, asyncDeadLetters, authApiKeyOnly, authOpenResourcePolicy, authTokenValidation, authWriteRoute, apigwMethodValid, apigwThrottling, apigwThrottleCapacity, apigwXray, backendLocking, backendOptions,
  defaultTagsSingle, dynamodbEncryption, environmentWords, eventsPermissionPrincipal, ephemeralDynamodbProtection, ephemeralKmsWindow, ephemeralS3ForceDestroy,
  iamWildcardActions, iamWildcardResources, kmsRotation, lambdaConcurrencyBudget, lambdaEnvKms, lambdaLogGroup, lambdaRuntime,
  lambdaTimeout, lambdaTracing, logsKms, logsRetention, nameLength, nameSuffix, outputsFlat, outputsUnique, placeholderSecrets,
  regionLiteral, s3Encryption, vpcSubnetPublicIp,
  sgDescriptions, sgOpenIngress, sgOpenEgress, lambdaPermissionScoped, lambdaMemory, lambdaAsyncFailure, apigwExecutionLogging, apigwRequestValidation, apigwCacheEncryption, apigwDeploymentLifecycle, eventsBusOpen, ssmSecretType, iamNotAction, iamPassRole, iamTrustScoped, iamNoScan, vpcFlowLogs, vpcDefaultSgClosed, vpcGatewayEndpointsPrivate, sqsTlsOnly, snsTlsOnly, s3Versioning, s3Lifecycle, dynamodbPitr, alarmActions, backupVaultKms, kmsPolicyPrincipal, s3PublicAccess, s3TlsOnly, snsEncryption, sqsDlq, sqsEncryption, sqsVisibility, ssmSecureString,
  statefulPreventDestroy,
};
export { customDomainName, singletonSharedProfile, stateBucketName };
