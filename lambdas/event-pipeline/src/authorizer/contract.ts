import { defineContract } from '@tap/lambda-kit';

/** Token authorizer: reads the expected token (a SecureString) once per container. */
export const authorizerContract = defineContract({
  function: 'event-pipeline/authorizer',
  entry: 'src/authorizer/handler.ts',
  calls: [{ action: 'ssm:GetParameter', commands: ['GetParameterCommand'], resource: 'ssm-parameter', resourceEnv: 'TOKEN_PARAMETER_NAME', decrypt: true }],
});
