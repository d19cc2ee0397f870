import { resolveFunction, resolveKey, resolveQueue } from '@tap/preflight';
import { goodFunction, stack } from './rules/helpers';

/** The shared resolver follows references the way Terraform does at plan time, and says when it cannot. */
describe('reference resolution', () => {
  const owner = stack({
    name: 'owner',
    resource: {
      aws_lambda_function: { fn: goodFunction('worker-dev') },
      aws_lambda_alias: { live: { name: 'live', function_name: '${aws_lambda_function.fn.function_name}', function_version: '${aws_lambda_function.fn.version}' } },
      aws_sqs_queue: { q: { name: 'jobs-dev' } },
      aws_kms_key: { k: {} },
      aws_kms_alias: { a: { name: 'alias/app-dev', target_key_id: '${aws_kms_key.k.key_id}' } },
    },
  });
  const other = stack({
    name: 'other',
    data: { aws_lambda_function: { looked_up: { function_name: 'worker-dev' } }, aws_sqs_queue: { jobs: { name: 'jobs-dev' } } },
  });
  const app = [owner, other];

  it('alias, version and qualified ARNs end at the function', () => {
    for (const value of ['${aws_lambda_alias.live.arn}', '${aws_lambda_alias.live.invoke_arn}', '${aws_lambda_function.fn.qualified_arn}', 'worker-dev:live', 'arn:aws:lambda:us-east-1:123456789012:function:worker-dev:7']) {
      expect(resolveFunction(value, owner, app)).toMatchObject({ kind: 'resolved', stack: 'owner', resource: { address: 'aws_lambda_function.fn' } });
    }
    expect(resolveFunction('${aws_lambda_alias.live.arn}', owner, app)).toMatchObject({ via: ['aws_lambda_alias.live', 'aws_lambda_function.fn'] });
  });
  it('data-source lookups are resolved across the app, like the lookup at plan time', () => {
    expect(resolveFunction('${data.aws_lambda_function.looked_up.arn}', other, app)).toMatchObject({ kind: 'resolved', stack: 'owner' });
    expect(resolveQueue('${data.aws_sqs_queue.jobs.arn}', other, app)).toMatchObject({ kind: 'resolved', stack: 'owner', resource: { address: 'aws_sqs_queue.q' } });
    expect(resolveQueue('https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dev', other, app)).toMatchObject({ kind: 'resolved' });
  });
  it('keys through their alias; AWS-managed keys are named as such', () => {
    expect(resolveKey('${aws_kms_alias.a.arn}', owner)).toMatchObject({ kind: 'customer', key: { address: 'aws_kms_key.k' } });
    expect(resolveKey('alias/aws/sqs', owner)).toEqual({ kind: 'aws-managed', alias: 'alias/aws/sqs' });
  });
  it('what it cannot resolve is reported with the reference and the reason, never a pass', () => {
    expect(resolveFunction('${aws_lambda_alias.missing.arn}', owner, app)).toMatchObject({ kind: 'unresolved', reference: '${aws_lambda_alias.missing.arn}', reason: expect.stringContaining('not declared') });
    expect(resolveFunction('not-in-this-app', owner, app)).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('"not-in-this-app"') });
    expect(resolveQueue('${aws_sqs_queue.nope.arn}', owner, app)).toMatchObject({ kind: 'unresolved' });
    expect(resolveQueue('arn:aws:kinesis:us-east-1:123456789012:stream/s', owner, app)).toBeUndefined();
  });
});
