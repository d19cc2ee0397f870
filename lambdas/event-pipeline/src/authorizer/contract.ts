import { defineContract } from '@tap/lambda-kit';

/** Token authorizer: reads the current and the previous token (SecureStrings; the previous one during a rotation's overlap). */
export const authorizerContract = defineContract({
  function: 'event-pipeline/authorizer',
  entry: 'src/authorizer/handler.ts',
  calls: [
    { action: 'ssm:GetParameter', commands: ['GetParameterCommand'], resource: 'ssm-parameter', resourceEnv: 'TOKEN_PARAMETER_NAME', decrypt: true },
    { action: 'ssm:GetParameter', commands: ['GetParameterCommand'], resource: 'ssm-parameter', resourceEnv: 'PREVIOUS_TOKEN_PARAMETER_NAME', decrypt: true },
  ],
});
