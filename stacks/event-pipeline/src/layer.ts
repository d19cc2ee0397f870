import { AssetType, TerraformAsset, Token } from 'cdktf';
import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { LambdaLayerVersionPermission } from '@cdktf/provider-aws/lib/lambda-layer-version-permission';
import { bundleHandler, LAMBDA_RUNTIME, type Bundle } from '@tap/bundle';
import type { BaseStack } from '@tap/constructs';
import { COMMON_MODULE, LAYER_BUNDLE } from '@tap/lambda-event-pipeline';

export interface CommonLayer {
  readonly layer: LambdaLayerVersion;
  readonly bundle: Bundle;
}

/**
 * The shared layer (PIPE-16), built from source at synth as a cdktf asset, so there is no zip to
 * forget: esbuild bundles the module into `nodejs/node_modules/@tap/pipeline-common/index.js`, where the
 * Node.js runtime resolves it from `/opt`. Permission to use it goes to the deploying account, read from
 * the caller-identity data source (PIPE-03), never a typed account id.
 */
export function commonLayer(stack: BaseStack): CommonLayer {
  const bundle = bundleHandler(LAYER_BUNDLE);
  const asset = new TerraformAsset(stack, 'layer-code', {
    path: bundle.zip,
    type: AssetType.FILE,
    assetHash: Buffer.from(bundle.hash, 'base64').toString('hex'),
  });
  const layer = new LambdaLayerVersion(stack, 'layer', {
    layerName: stack.naming.name('events-common', 'lambdaLayer'),
    description: `${COMMON_MODULE}: envelope validation shared by the pipeline functions`,
    filename: asset.path,
    sourceCodeHash: bundle.hash,
    compatibleRuntimes: [LAMBDA_RUNTIME],
  });
  new LambdaLayerVersionPermission(stack, 'layer-permission', {
    layerName: layer.layerArn,
    versionNumber: Token.asNumber(layer.version),
    statementId: 'deploying-account',
    action: 'lambda:GetLayerVersion',
    principal: stack.accountId,
  });
  return { layer, bundle };
}
