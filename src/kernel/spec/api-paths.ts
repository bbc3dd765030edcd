/**
 * The API's paths, by call: the one place a path string is written (openapi.yaml's `paths` are
 * the same set; test/spec/api-paths.test.ts holds the two together).
 */
export const API_PATHS = {
  pay: '/pay/qrcode',
  get: '/pay/get',
  check: '/pay/check',
  cancel: '/pay/cancel',
  refund: '/pay/refund',
} as const;
