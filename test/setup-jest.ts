// cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...), from the
// adapter Testing.setupJest() calls: the `cdktf` index would load all of cdktf into every test file
// (about 0.2 s each), most of which never build a stack.
import { types } from 'node:util';
import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();

// cdktf records a full stack trace for every token it creates (its `creationStack`, read only to explain
// a token that fails to resolve). Jest maps every stack trace back to TypeScript through source maps,
// which makes each synth of the app in a test about 0.4 s slower. The traces cdktf captures (on a plain
// object, not an Error, from any realm) keep their unmapped frames; errors still get jest's mapped traces.
const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => (types.isNativeError(error) || 'message' in error ? mapped(error, frames) : `\n${frames.map((frame) => `    at ${String(frame)}`).join('\n')}`);
}
