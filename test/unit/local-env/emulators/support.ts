import type { Placement } from '../../../../packages/local-env/src/emulator';
import type { StackResource as TfResource } from '@tap/synth';

/** Where the resources of these tests run: account 000000000000 in eu-west-1, the AWS endpoint on port 4600, one API on 4602. */
export const AT: Placement = { region: 'eu-west-1', accountId: '000000000000', awsPort: 4600, apiPorts: new Map([['s|api', 4602]]) };

/** Config values are literals here: text is the identity. */
export const text = (v: unknown): string => String(v);

export const resource = (type: string, name: string, config: Record<string, unknown>): TfResource => ({ stack: 's', type, name, config });
