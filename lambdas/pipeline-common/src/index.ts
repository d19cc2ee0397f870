/**
 * `@tap/pipeline-common`: the code the pipeline's functions share, shipped once as a Lambda layer
 * (PIPE-16) built from this folder at synth. Functions import it by that module name and leave it
 * out of their own bundles; the layer puts it at /opt/nodejs/node_modules/@tap/pipeline-common.
 */
export * from './envelope';

