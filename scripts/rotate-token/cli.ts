/**
 * `pnpm rotate-token [--outputs cfn-outputs/flat-outputs.json] [--force]`: rotates the event pipeline's
 * token with an overlap (docs/security.md, "Rotating the event token"). Parameter names and the key come
 * from the flat outputs; credentials and region from the standard AWS environment.
 */
import { readFileSync } from 'node:fs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { TOKEN_OVERLAP_SECONDS } from '@tap/stack-event-pipeline';
import { rotateToken } from './rotate';

const REQUIRED = ['eventPipelineTokenParameterName', 'eventPipelinePreviousTokenParameterName'] as const;

async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf('--outputs');
  const file = at >= 0 ? argv[at + 1] : process.env.FLAT_OUTPUTS ?? 'cfn-outputs/flat-outputs.json';
  if (!file) throw new Error('--outputs needs a file');
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const missing = REQUIRED.filter((k) => !outputs[k]);
  if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(', ')}. Fix: deploy the event pipeline and run pnpm outputs:flatten (or pnpm local)`);
  // The local environment emulates no KMS (its outputs leave the key out); a deployment needs the key.
  const local = Boolean(process.env.AWS_ENDPOINT_URL_SSM);
  if (!outputs.eventPipelineTokenKeyArn && !local) throw new Error(`${file} lacks eventPipelineTokenKeyArn. Fix: flatten the outputs of the deployed event pipeline`);
  const region = outputs.eventPipelineRegion && !outputs.eventPipelineRegion.includes('${') ? outputs.eventPipelineRegion : process.env.AWS_REGION;
  const ssm = new SSMClient({ region });
  try {
    const result = await rotateToken({
      ssm,
      currentName: outputs.eventPipelineTokenParameterName,
      previousName: outputs.eventPipelinePreviousTokenParameterName,
      ...(outputs.eventPipelineTokenKeyArn ? { keyId: outputs.eventPipelineTokenKeyArn } : {}),
      overlapSeconds: TOKEN_OVERLAP_SECONDS,
      force: argv.includes('--force'),
    });
    process.stdout.write(
      `rotate-token: new token in ${outputs.eventPipelineTokenParameterName}; the previous one is accepted until ${result.previousAcceptedUntil.toISOString()}.\n` +
        'Producers read the new value from SSM (GetParameter WithDecryption) before then.\n',
    );
    return 0;
  } finally {
    ssm.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rotate-token: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
