#!/usr/bin/env node
// Runs the TypeScript CLI through SWC, with the workspace tsconfig wherever it is invoked from.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
