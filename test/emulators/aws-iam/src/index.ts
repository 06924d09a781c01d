export { startIamEmulator, type IamEmulator, type IamEmulatorOptions, type IamFaults } from './iam-emulator';
export { generateScenario, type GenerateScenarioOptions } from './scenario-generator';
export { DEMO_SCENARIO_PATH, loadDemoScenario, loadScenarioFile, parseScenario } from './scenario-loader';
export { scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema';
export { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
export { IAM_ACTIONS, type IamAction } from './actions';
