import type { EmulatorDoc } from '../emulator';

/** The README row of IAM and network enforcement, which applies to every emulator's calls and deliveries. */
export const ENFORCEMENT_DOC: EmulatorDoc = {
  declared: 'IAM and network (on by default; `pnpm local --no-enforce` or `LOCAL_ENFORCE=off` turns it off)',
  locally:
    "each function's containers get their own credentials, mapped back to its synthesized role; every call a function makes to the AWS endpoint is decided as `pnpm access` decides it (identity, resource and key policies through `@cloud-copilot/iam-simulate`, plus the function's synthesized network path): a denied call answers 400 `AccessDeniedException` naming role, action and resource, a call with no network path gets no answer and its connection drops after 2 s (lambda-kit's connect timeout), as a blocked connection fails in AWS; EventBridge → SQS deliveries and SQS → Lambda polling are refused when the static check denies them; each API Gateway invocation of a function or an authorizer is decided by the same simulator (`lambda:InvokeFunction` by `apigateway.amazonaws.com` against the function's `aws_lambda_permission`s, with the route's source ARN, decided once per route) and answers 500 when denied, as on AWS; calls not signed by a function (tests, operators) are not enforced; every call is recorded in `.build/access/calls.json` for `pnpm access --unused`. Code: `packages/local-env/src/iam/`",
};
