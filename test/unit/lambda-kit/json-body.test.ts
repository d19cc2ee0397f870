import { parseJsonObject } from '@tap/lambda-kit';

const base64 = (bytes: Buffer) => ({ body: bytes.toString('base64'), isBase64Encoded: true });
const fieldsOf = (r: ReturnType<typeof parseJsonObject>) => (r.ok ? undefined : (JSON.parse(r.response.body) as { fields: Record<string, string> }).fields);

describe('parseJsonObject: bodies that are not UTF-8', () => {
  // 0xC3 0x28 is an invalid two-byte sequence; 0xFF never appears in UTF-8.
  const bad = (before: string, after: string, bytes = [0xc3, 0x28]) => Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);

  it('is a 400 naming the field that holds the bad bytes, not a value with U+FFFD in it', () => {
    const result = parseJsonObject(base64(bad('{"amount":1,"description":"caf', '"}')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.statusCode).toBe(400);
    expect(fieldsOf(result)).toEqual({ description: 'is not valid UTF-8: send the body as UTF-8 text' });
  });

  it('names a key with bad bytes, a nested value, and the body when it is not an object', () => {
    expect(Object.keys(fieldsOf(parseJsonObject(base64(bad('{"a', '":1}', [0xff]))))!)).toEqual(['a\uFFFD']);
    expect(Object.keys(fieldsOf(parseJsonObject(base64(bad('{"ok":"x","meta":{"n":["', '"]}}'))))!)).toEqual(['meta']);
    expect(fieldsOf(parseJsonObject(base64(bad('["', '"]'))))).toEqual({ body: 'is not valid UTF-8: send the body as UTF-8 text' });
    expect(fieldsOf(parseJsonObject(base64(bad('{"a":', '}'))))).toEqual({ body: 'is not valid UTF-8: send the body as UTF-8 text' });
  });

  it('valid UTF-8 in base64, a real U+FFFD included, parses as before', () => {
    const text = '{"description":"café � 😀"}';
    expect(parseJsonObject(base64(Buffer.from(text, 'utf8')))).toEqual({ ok: true, value: { description: 'café � 😀' } });
    expect(parseJsonObject({ body: text, isBase64Encoded: false })).toEqual({ ok: true, value: { description: 'café � 😀' } });
  });

  it('a byte-order mark is still not JSON (kept, not silently dropped)', () => {
    expect(fieldsOf(parseJsonObject(base64(Buffer.from('\uFEFF{"a":1}', 'utf8'))))).toEqual({ body: 'is not valid JSON' });
  });
});
