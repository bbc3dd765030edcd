/** The validation API the contract suite and the CLI use. */
export { createContractCheck, BUSINESS_RULES, type CheckInput, type ContractCheck, type ContractResult } from './contract-check.ts';
export { createRunState, OUTCOME_CODES, type Expectation, type Outcome, type Rule, type RunState } from './check-context.ts';
export { errorsIn, jsonPath, shown, type Finding, type Severity } from './finding.ts';
export { RULES, RULE_NAMES, type RuleName } from './rule-names.ts';
export { createSchemaCheck, schemaNameForCode } from './schema-check.ts';
export { checkDuplicateGroup } from './rules/duplicate-rules.ts';
export { acceptedCodes, dialectOf } from './rules/outcome-rules.ts';
export { mergeTallies, tallyChecked, tallyOf, type RuleCount, type Tally } from './tally.ts';
