/** A mock-control input (header, flag, env value) the mock cannot honour. Answered with HTTP 400, never an API code. */
import { PaycheckError } from '../kernel/errors.ts';

export class MockControlError extends PaycheckError {
  override name = 'MockControlError';
  constructor(message: string) {
    super('PAYCHECK_MOCK_CONTROL', message);
  }
}
