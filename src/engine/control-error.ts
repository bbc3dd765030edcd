/** A mock-control input (header, flag, env value) the mock cannot honour. Answered with HTTP 400, never an API code. */
export class MockControlError extends Error {
  readonly code = 'E_MOCK_CONTROL';
  override name = 'MockControlError';
}
