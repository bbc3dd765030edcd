/** Test double for `k6/encoding`: standard Base64 of the string's UTF-8 bytes, like k6. */
export function b64encode(input: string): string {
  return Buffer.from(input, 'utf8').toString('base64');
}
