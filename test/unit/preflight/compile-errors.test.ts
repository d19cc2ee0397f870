import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT as REPO } from '@tap/synth';

const DIR = join(REPO, 'test/fixtures/compile-errors');

/** Compiles one file with the repo's own compiler options (tsconfig.json) and returns its diagnostics. */
function compile(file: string): { code: number; message: string }[] {
  const configFile = ts.readConfigFile(join(REPO, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, REPO);
  const program = ts.createProgram([join(DIR, file)], { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.endsWith(file))
    .map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}

/** Catalogued mistakes that the TypeScript compiler itself rejects (so no preflight rule is needed for them). */
const CASES = [
  {
    title: 'REST-01: serverSideEncryption given as an array is rejected (TS2741, DynamodbTableServerSideEncryption)',
    file: 'seed-001-sse-array.ts',
    code: 2741,
    message: /Property 'enabled' is missing in type '\{ enabled: true; \}\[\]' but required in type 'DynamodbTableServerSideEncryption'/,
  },
  {
    title: 'FND-02: defaultTags given as one { tags } object instead of a list is rejected (TS2353, tags)',
    file: 'seed-004-default-tags-object.ts',
    code: 2353,
    message: /'tags' does not exist in type 'AwsProviderDefaultTags\[\] \| IResolvable'/,
  },
  {
    title: 'FND-02: tags given as a list of { key, value } pairs is rejected (TS2322)',
    file: 'seed-004-default-tags-list.ts',
    code: 2322,
    message: /Type '\{ key: string; value: string; \}' is not assignable to type 'string'/,
  },
];

describe('catalogued mistakes the compiler rejects (test/fixtures/compile-errors, repo compiler options)', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const diagnostics = compile(c.file);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe(c.code);
    expect(diagnostics[0].message).toMatch(c.message);
  });
});
