// Preloaded (`--require`) into a CLI run by help-and-unknown-options.test.ts: on exit, writes the files of
// every module the process loaded to file descriptor 3, a pipe the test reads, so stdout, stderr and the
// file system stay exactly what the CLI itself produced.
const { writeSync } = require('node:fs');

process.on('exit', () => writeSync(3, JSON.stringify(Object.keys(require.cache))));
