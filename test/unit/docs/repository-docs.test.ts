/**
 * The repository explains itself: the README's layout is the tree and cdktf.json, every link to a
 * decision record or the failure catalog resolves, nothing cites a document that is not in the
 * repository, and every catalog entry (docs/failures.md) names a test and a preflight rule that exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from '@tap/synth';
import { ALL_RULES } from '@tap/preflight';

const SKIP_DIRS = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'cfn-outputs', 'coverage', '.local-env']);
const TEXT_FILE = /\.(ts|js|mjs|cjs|md|sh|json|yml|yaml)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(path, out);
    } else if (entry.isFile() && TEXT_FILE.test(entry.name) && entry.name !== 'pnpm-lock.yaml') {
      out.push(relative(REPO_ROOT, path));
    }
  }
  return out;
}

const FILES = walk(REPO_ROOT);
const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const README = read('README.md');
const MARKDOWN = FILES.filter((f) => f.endsWith('.md') && (f.startsWith('docs/') || /(^|\/)README\.md$/.test(f)));

/** First column of every line of the README's Layout code block: the paths it names. */
function layoutEntries(): { path: string; line: string }[] {
  const section = README.split('\n## Layout\n')[1]?.split('\n## ')[0] ?? '';
  const block = section.split('```')[1] ?? '';
  return block
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => ({ path: line.split(/\s{2,}/)[0]!.trim(), line }));
}

/** Whether a layout path exists; `<name>` stands for any entry of its folder. */
function layoutPathExists(path: string): boolean {
  let candidates = [REPO_ROOT];
  for (const segment of path.replace(/\/$/, '').split('/')) {
    candidates = candidates.flatMap((dir) =>
      /^<.+>$/.test(segment)
        ? existsSync(dir) && statSync(dir).isDirectory()
          ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name))
          : []
        : [join(dir, segment)].filter((p) => existsSync(p)),
    );
  }
  return candidates.length > 0;
}

describe('README layout matches the tree and cdktf.json', () => {
  const entries = layoutEntries();

  it('the layout block lists paths', () => {
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(layoutEntries().map((e) => [e.path] as const))('%s exists', (path) => {
    expect(layoutPathExists(path)).toBe(true);
  });

  it('every workspace package and top-level folder is in the layout', () => {
    const named = new Set(entries.map((e) => e.path.replace(/\/$/, '')));
    const packages = readdirSync(join(REPO_ROOT, 'packages'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `packages/${e.name}`);
    const topLevel = readdirSync(REPO_ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
      .map((e) => e.name)
      // A folder is covered when the layout names it or something inside it.
      .filter((name) => ![...named].some((n) => n === name || n.startsWith(`${name}/`)));
    expect(packages.filter((p) => !named.has(p))).toEqual([]);
    expect(topLevel).toEqual([]);
  });

  it("cdktf.json's language, app command and providers are what the layout says", () => {
    const cdktf = JSON.parse(read('cdktf.json')) as { language: string; app: string; terraformProviders: string[] };
    const line = entries.find((e) => e.path === 'cdktf.json')?.line ?? '';
    expect(line).toMatch(/language (\S+);/);
    expect(/language (\S+);/.exec(line)?.[1]).toBe(cdktf.language);
    expect(/app = (.+?) \(/.exec(line)?.[1]).toBe(cdktf.app);
    if (/no terraformProviders/.test(line)) expect(cdktf.terraformProviders).toEqual([]);
    else for (const provider of cdktf.terraformProviders) expect(line).toContain(provider);
  });
});

describe('links to decision records and the failure catalog resolve', () => {
  const TARGET = /(^|\/)(decisions\/[^)#\s]*|failures[^)#\s/]*\.md)$/;

  it.each(MARKDOWN.map((f) => [f] as const))('markdown links in %s', (file) => {
    const broken = [...read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/.test(target) && TARGET.test(target))
      .filter((target) => !existsSync(join(REPO_ROOT, dirname(file), target)));
    expect(broken).toEqual([]);
  });

  it('every docs/decisions/… and docs/failures… path named in the tree exists', () => {
    const missing = FILES.flatMap((file) =>
      [...read(file).matchAll(/docs\/(?:decisions\/[\w.-]+\.md|failures[\w.-]*\.md)/g)]
        .map((m) => m[0])
        .filter((path) => !existsSync(join(REPO_ROOT, path)))
        .map((path) => `${file}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('the decision index lists every record, and only records that exist', () => {
    const records = readdirSync(join(REPO_ROOT, 'docs/decisions')).filter((f) => /^\d{3}-.+\.md$/.test(f));
    const index = read('docs/decisions/README.md');
    const linked = [...index.matchAll(/\]\((\d{3}-[^)]+\.md)\)/g)].map((m) => m[1]);
    expect([...linked].sort()).toEqual([...records].sort());
  });
});

describe('nothing cites a document or an issue that is not in the repository', () => {
  // Character classes keep this file from matching its own patterns.
  const CITATION = /\b[S]eeds? 00\d|\b[s]eeds? 00\d|[s]eeds\/|\bD[E]SIGN\b|[I]ssue \d|[i]ssue \d|[Ii]ssue #|[Dd]eparture #|R[U]LE-ANCHORS|(?:IDEAL|MODEL)_R[E]SPONSE/;

  it('no file outside node_modules cites one', () => {
    const found = FILES.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => CITATION.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});

interface CatalogEntry {
  readonly id: string;
  readonly body: string;
}

function catalog(): CatalogEntry[] {
  return read('docs/failures.md')
    .split('\n### ')
    .slice(1)
    .map((chunk) => ({ id: chunk.split(' ')[0]!, body: chunk }));
}

describe('the failure catalog (docs/failures.md)', () => {
  const entries = catalog();
  const ruleIds = new Set(ALL_RULES.map((r) => r.id));

  it('has unique, well-formed ids', () => {
    expect(entries.length).toBeGreaterThan(50);
    for (const { id } of entries) expect(id).toMatch(/^(PAY|REST|VPC|PIPE|FND)-\d{2}$/);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it.each(catalog().map((e) => [e.id, e] as const))('%s says what went wrong and what is done instead', (_id, entry) => {
    expect(entry.body).toMatch(/\*\*Went wrong:\*\* \S/);
    expect(entry.body).toMatch(/\*\*Instead:\*\* \S/);
  });

  it.each(catalog().map((e) => [e.id, e] as const))('%s names a test that exists', (_id, entry) => {
    const test = /\*\*Test:\*\* `([^`]+)` "([^"]+)"/.exec(entry.body);
    expect(test).not.toBeNull();
    const [, file, title] = test!;
    expect(existsSync(join(REPO_ROOT, file!))).toBe(true);
    expect(read(file!)).toContain(title);
  });

  it.each(catalog().map((e) => [e.id, e] as const))('%s names a preflight rule that exists, or says why none can', (_id, entry) => {
    const rule = /\*\*Rule:\*\* (.+)/.exec(entry.body)?.[1] ?? '';
    const ids = [...rule.matchAll(/`(TAP-[A-Z0-9]+-\d{2})`/g)].map((m) => m[1]!);
    if (ids.length === 0) expect(rule).toMatch(/^none: \S/);
    for (const id of ids) expect(ruleIds.has(id)).toBe(true);
  });

  it('every id a test title or source comment uses is catalogued', () => {
    const known = new Set(entries.map((e) => e.id));
    const unknown = FILES.filter((f) => f !== 'docs/failures.md').flatMap((file) =>
      [...read(file).matchAll(/(?<![-\w])(?:PAY|REST|VPC|PIPE|FND)-\d{2}\b/g)]
        .map((m) => m[0])
        .filter((id) => !known.has(id))
        .map((id) => `${file}: ${id}`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });
});
