import type { Rule } from '../types';
import { accountIdLiteral } from './account-id-literal';
import { accountSingleton } from './account-singleton';
import { apigwAccessLogs } from './apigw-access-logs';
import { apigwMethodValid } from './apigw-method-valid';
import { apigwThrottling } from './apigw-throttling';
import { apigwXray } from './apigw-xray';
import { authApiKeyOnly } from './auth-api-key-only';
import { authOpenResourcePolicy } from './auth-open-resource-policy';
import { authTokenValidation } from './auth-token-validation';
import { authWriteRoute } from './auth-write-route';
import { backendLocking } from './backend-locking';
import { backendOptions } from './backend-options';
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
import { snsEncryption } from './sns-encryption';
import { sqsDlq } from './sqs-dlq';
import { sqsEncryption } from './sqs-encryption';
import { sqsVisibility } from './sqs-visibility';
import { ssmSecureString } from './ssm-secure-string';

/** Every rule, in report order. */
export const ALL_RULES: readonly Rule[] = [
  backendOptions,
  backendLocking,
  defaultTagsSingle,
  nameSuffix,
  nameLength,
  environmentWords,
  accountIdLiteral,
  regionLiteral,
  placeholderSecrets,
  ssmSecureString,
  apigwMethodValid,
  apigwAccessLogs,
  apigwXray,
  apigwThrottling,
  authWriteRoute,
  authApiKeyOnly,
  authOpenResourcePolicy,
  authTokenValidation,
  accountSingleton,
  eventsPermissionPrincipal,
  lambdaRuntime,
  lambdaTimeout,
  lambdaTracing,
  lambdaEnvKms,
  lambdaConcurrencyBudget,
  lambdaLogGroup,
  dynamodbEncryption,
  sqsEncryption,
  snsEncryption,
  s3Encryption,
  s3PublicAccess,
  s3TlsOnly,
  logsRetention,
  logsKms,
  sqsDlq,
  sqsVisibility,
  iamWildcardActions,
  iamWildcardResources,
  outputsFlat,
  outputsUnique,
  ephemeralS3ForceDestroy,
  ephemeralDynamodbProtection,
  ephemeralKmsWindow,
  kmsRotation,
];

export {
  accountIdLiteral, accountSingleton, apigwAccessLogs, authApiKeyOnly, authOpenResourcePolicy, authTokenValidation, authWriteRoute, apigwMethodValid, apigwThrottling, apigwXray, backendLocking, backendOptions,
  defaultTagsSingle, dynamodbEncryption, environmentWords, eventsPermissionPrincipal, ephemeralDynamodbProtection, ephemeralKmsWindow, ephemeralS3ForceDestroy,
  iamWildcardActions, iamWildcardResources, kmsRotation, lambdaConcurrencyBudget, lambdaEnvKms, lambdaLogGroup, lambdaRuntime,
  lambdaTimeout, lambdaTracing, logsKms, logsRetention, nameLength, nameSuffix, outputsFlat, outputsUnique, placeholderSecrets,
  regionLiteral, s3Encryption, s3PublicAccess, s3TlsOnly, snsEncryption, sqsDlq, sqsEncryption, sqsVisibility, ssmSecureString,
};
