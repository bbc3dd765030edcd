/**
 * `paycheck/msw`'s types for a CommonJS importer (package.json's `require` condition). msw ships
 * separate declarations for `import` and `require`, and its handler classes have protected
 * members, so a handler typed from the other set is not assignable to the importer's
 * `setupServer`: here `msw` resolves as the importer's own `require('msw/node')` does. The
 * runtime is the same ES module (Node's require() of ESM); only the handlers' type is re-bound.
 */
import type { HttpHandler } from 'msw';
import type { createMswHandlers as createEsmHandlers } from './msw.ts' with { 'resolution-mode': 'import' };

export * from './msw.ts';
export declare function createMswHandlers(...args: Parameters<typeof createEsmHandlers>): HttpHandler[];
