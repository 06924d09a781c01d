export * from './status';
export * from './resource';
export * from './evidence';
export * from './connector';
export * from './check';
export * from './evidence-kinds/aws-iam';
export * from './evidence-kinds/github';
