/**
 * AWS naming rules that user-supplied values must follow, as plain functions returning what is wrong
 * (undefined when the value is fine). Config uses them at synth time; preflight uses the same
 * functions on the synthesized JSON.
 */

/**
 * A DNS name API Gateway and ACM accept for a custom domain: at least two labels, each 1-63 of a-z,
 * 0-9 and "-" (not first or last), 253 characters at most, an alphabetic top-level label. Sources:
 * RFC 1123 section 2.1 (host names) and the ACM RequestCertificate DomainName constraints (1-253 chars).
 */
export function dnsNameProblem(name: string): string | undefined {
  if (name.length > 253) return `is ${name.length} characters long (at most 253)`;
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return 'has no dot: a domain name has at least two labels, e.g. events.example.com';
  for (const label of labels) {
    if (label.length === 0) return 'has an empty label (two dots in a row)';
    if (label.length > 63) return `has a label of ${label.length} characters (at most 63)`;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(label)) return `has the label "${label}": only letters, digits and "-" (not at either end)`;
  }
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]) && !/^xn--[a-z0-9-]+$/.test(labels[labels.length - 1])) return `ends in "${labels[labels.length - 1]}", which is not a top-level domain`;
  return undefined;
}

/**
 * An S3 general purpose bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ending
 * with a letter or digit, no "..", not shaped like an IP address, none of the reserved prefixes and
 * suffixes. Source: Amazon S3 User Guide, "General purpose bucket naming rules".
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long (3 to 63)`;
  if (/[A-Z]/.test(name)) return 'has uppercase letters (bucket names are lowercase)';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'has characters other than a-z, 0-9, "." and "-"';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must start and end with a letter or digit';
  if (name.includes('..')) return 'has two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'is shaped like an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(prefix)) return `starts with the reserved prefix "${prefix}"`;
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (name.endsWith(suffix)) return `ends with the reserved suffix "${suffix}"`;
  return undefined;
}
