/**
 * Bounds a JSON request body BEFORE it is parsed or anything else happens: size, nesting depth, number
 * of values, duplicate keys, and numbers that a JavaScript number cannot keep exactly. One linear scan
 * of the text; a syntax error is left to JSON.parse (which then answers 400 "not valid JSON").
 *
 * Number semantics (what every API here promises): a number is kept as its value, as a JavaScript
 * number (IEEE 754 double) holds it. A number whose decimal value a double does not hold exactly
 * (123456789012345678901234567890 would become 1.2345678901234568e+29) or outside the double range
 * (1e400 would become null) is refused with 400, never silently rounded. `1.50` and `1.5` are the same
 * value and both accepted (the value is kept, not the spelling). Duplicate keys are refused too (JSON
 * parsers disagree on which one wins).
 */
export interface JsonLimits {
  /** Largest body in bytes (UTF-8); larger is 413. */
  readonly maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  readonly maxDepth: number;
  /** Most values (members, elements, scalars) in the whole document. */
  readonly maxValues: number;
}

/**
 * Defaults for every API body. 256 KiB: EventBridge's entry limit, far above the payment and item
 * bodies. 32 levels and 10,000 values: far above any contract here, far below what breaks a parser or
 * JSON.stringify.
 */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 256 * 1024, maxDepth: 32, maxValues: 10_000 };

export type JsonCheck = { readonly ok: true } | { readonly ok: false; readonly status: 400 | 413; readonly problem: string };

/** Longest key or token echoed back in a problem text. */
const ECHO = 40;

export function checkJsonText(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonCheck {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) return { ok: false, status: 413, problem: `is ${bytes} bytes; at most ${limits.maxBytes} bytes are accepted` };
  // One frame per open container: the keys seen so far (objects) or null (arrays), and whether the next string is a key.
  const stack: { keys: Set<string> | null; expectKey: boolean }[] = [];
  let values = 0;
  const n = text.length;
  let i = 0;
  const fail = (problem: string): JsonCheck => ({ ok: false, status: 400, problem });
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return { ok: true }; // malformed: JSON.parse reports it
        }
        if (top.keys.has(key)) return fail(`has the key "${key.slice(0, ECHO)}" twice in one object`);
        top.keys.add(key);
        top.expectKey = false;
      } else if (++values > limits.maxValues) {
        return fail(`has more than ${limits.maxValues} values`);
      }
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      if (stack.length >= limits.maxDepth) return fail(`is nested deeper than ${limits.maxDepth} levels`);
      if (++values > limits.maxValues) return fail(`has more than ${limits.maxValues} values`);
      stack.push({ keys: c === '{' ? new Set() : null, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < n && /[0-9eE+.-]/.test(text[j])) j++;
      const problem = numberProblem(text.slice(i, j));
      if (problem) return fail(problem);
      if (++values > limits.maxValues) return fail(`has more than ${limits.maxValues} values`);
      i = j;
      continue;
    } else if (c === 't' || c === 'f' || c === 'n') {
      if (++values > limits.maxValues) return fail(`has more than ${limits.maxValues} values`);
      while (i + 1 < n && /[a-z]/.test(text[i + 1])) i++;
    }
    i++;
  }
  return { ok: true };
}

/** Why a number token cannot be kept exactly, or undefined. */
function numberProblem(token: string): string | undefined {
  const value = Number(token);
  if (Number.isNaN(value)) return undefined; // malformed: JSON.parse reports it
  const shown = token.length > ECHO ? `${token.slice(0, ECHO)}...` : token;
  if (!Number.isFinite(value)) return `has the number ${shown}, outside the range a number is kept in (about ±1.8e308)`;
  // Exact when the double's own shortest form has the same decimal value (1.50 and 1.5 do; 2^70 written out does not).
  if (decimal(token) !== decimal(String(value))) return `has the number ${shown}, which a number cannot keep exactly (send it as a string)`;
  return undefined;
}

/** A decimal numeral as significant digits and the position of the point (`1.50` and `15e-1` both `15@1`). */
function decimal(numeral: string): string {
  const negative = numeral.startsWith('-');
  const [mantissa, exponent = '0'] = numeral.replace(/^-/, '').split(/[eE]/);
  const [whole, fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  point -= leading;
  if (digits === '') return '0';
  return `${negative ? '-' : ''}${digits}@${point}`;
}
