import type { AwsProtocol } from '../aws/endpoint';
import { AwsError, parseBody, str } from '../aws/protocol';
import type { SsmStore } from './store';

/** AmazonSSM.* (AWS JSON 1.1): GetParameter, GetParameters and PutParameter over the store. */
export function ssmProtocol(ssm: SsmStore): AwsProtocol {
  return {
    target: 'AmazonSSM',
    service: 'ssm',
    handle: ({ operation, raw }) => {
      const body = parseBody(raw);
      if (operation === 'GetParameter') return { Parameter: ssm.get(String(body.Name), body.WithDecryption === true) };
      if (operation === 'GetParameters') return getParameters(ssm, body);
      if (operation === 'PutParameter') return ssm.put(String(body.Name), String(body.Value), str(body.Type), body.Overwrite === true);
      throw new AwsError('UnknownOperationException', `AmazonSSM.${operation} is not emulated by the local environment`);
    },
  };
}

function getParameters(ssm: SsmStore, body: Record<string, unknown>): unknown {
  const Parameters: unknown[] = [];
  const InvalidParameters: string[] = [];
  for (const name of (body.Names as string[]) ?? []) {
    try {
      Parameters.push(ssm.get(name, body.WithDecryption === true));
    } catch {
      InvalidParameters.push(name);
    }
  }
  return { Parameters, InvalidParameters };
}
