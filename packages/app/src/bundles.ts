import type { BundleOptions } from '@tap/bundle';
import { HANDLER_BUNDLES as EVENT_PIPELINE, LAYER_BUNDLE } from '@tap/lambda-event-pipeline';
import { HANDLER_BUNDLES as PAYMENT_API } from '@tap/lambda-payment-api';
import { HANDLER_BUNDLES as REST_API } from '@tap/lambda-rest-api';

/**
 * Every bundle the app's stacks build their functions and layers from, known before any stack loads:
 * synth starts esbuild on them first. The app may ask for no other (a bundle missing here fails the
 * synth, naming it), and every profile builds all of them.
 */
export const APP_BUNDLES: readonly BundleOptions[] = [
  ...Object.values(PAYMENT_API),
  ...Object.values(REST_API),
  ...Object.values(EVENT_PIPELINE),
  LAYER_BUNDLE,
];
