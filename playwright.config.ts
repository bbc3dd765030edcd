// `npx playwright test` in a checkout: the contract suite's config lives with the suite.
export { default } from './src/runners/contracts/playwright.config.ts';
