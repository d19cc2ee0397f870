import { App } from 'cdktf';
import type { EnvironmentConfig } from '@tap/config';
import { VpcStack } from '@tap/stack-vpc';
import { PaymentApiStack } from '@tap/stack-payment-api';
import { EventPipelineStack } from '@tap/stack-event-pipeline';
import { RestApiStack } from '@tap/stack-rest-api';

/** Every stack of the app for a config, in one new App writing to `outdir`. */
export function constructApp(config: EnvironmentConfig, outdir: string): App {
  const app = new App({ outdir });
  // Each stack owns one marker line below; stacks are added in dependency order.
  const vpc = new VpcStack(app, 'vpc', { config });
  const paymentApi = new PaymentApiStack(app, 'payment-api', { config });
  // Its functions attach to the network the VPC stack creates in `own` mode (found by tag at plan time).
  if (config.network.mode === 'own') paymentApi.addDependency(vpc);
  const restApi = new RestApiStack(app, 'rest-api', { config });
  const eventPipeline = new EventPipelineStack(app, 'event-pipeline', { config });
  // The account's API Gateway CloudWatch role (created by the event pipeline when account singletons are
  // on) must be set before any stage that logs is created, so every API stack deploys after it.
  if (config.accountSingletons) for (const api of [paymentApi, restApi]) api.addDependency(eventPipeline);
  return app;
}
