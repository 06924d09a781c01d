// Lint = the layering of DESIGN.md, enforced by Nx module boundaries, plus type-aware hygiene.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.astrolabe/**', '.nx/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // The registry is the one place that knows the list of connectors: no provider switches.
      'no-restricted-syntax': [
        'error',
        { selector: 'SwitchStatement[discriminant.name=/provider|connector/i]', message: 'No switch on provider: look it up in the registry.' },
        { selector: 'SwitchStatement[discriminant.property.name=/provider|connector/i]', message: 'No switch on provider: look it up in the registry.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // core is the root of the graph: zod only.
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: [] },
            // checks are pure: core only.
            { sourceTag: 'type:checks', onlyDependOnLibsWithTags: ['type:core'] },
            // connectors know nothing of checks, storage or the scheduler.
            { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:frameworks', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:core', 'type:lib'] },
            // the registry is the one place that knows every connector and check.
            { sourceTag: 'type:registry', onlyDependOnLibsWithTags: ['type:core', 'type:checks', 'type:connector', 'type:frameworks'] },
            { sourceTag: 'type:emulator', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testkit', onlyDependOnLibsWithTags: ['type:core', 'type:lib', 'type:emulator'] },
            // apps and dashboards compose libs; nothing imports an app.
            // Production code never loads test infrastructure (emulators, test harness).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:lib', 'type:registry', 'type:frameworks'] },
            { sourceTag: 'type:dashboard', onlyDependOnLibsWithTags: ['type:core', 'type:lib'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may drive code with the evidence runner and the emulators; production code may not.
    files: ['**/*.spec.ts', '**/test/support/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:checks', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:core', 'type:lib', 'type:emulator'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
];
