import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'runs/**',
      'node_modules/**',
      'test-artifacts/**',
      'test/fixtures/scenarios/syntax-error.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  // The layers (DESIGN.md): core <- scenarios, targets <- reports <- harness <- harness/cli.
  // test/architecture/layering.test.ts checks the same rules and that no import circle exists.
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/scenarios/**', '**/targets/**'],
              message: 'core/ imports no other loadrig folder',
            },
            {
              group: ['**/reports/**', '**/harness/**', '**/bench/**'],
              message: 'core/ imports no other loadrig folder',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scenarios/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/targets/**', '**/reports/**', '**/harness/**', '**/bench/**'],
              message: 'scenarios/ imports only core/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['targets/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/scenarios/**', '**/reports/**', '**/harness/**', '**/bench/**'],
              message: 'targets/ imports only core/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['reports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/harness/**', '**/bench/**'], message: 'reports/ never imports harness/' },
          ],
        },
      ],
    },
  },
  {
    files: ['harness/**/*.ts'],
    ignores: ['harness/cli/**', 'harness/engines/**', 'harness/collectors/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/bench/**'],
              message: 'only harness/cli is above the rest of harness/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['harness/engines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers/**'],
              message: 'engines never know which provider started the target',
            },
            {
              group: ['**/cli/**', '**/bench/**'],
              message: 'only harness/cli is above the rest of harness/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['harness/collectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engines/**'],
              message: 'collectors never know which engine drives the load',
            },
            {
              group: ['**/cli/**', '**/bench/**'],
              message: 'only harness/cli is above the rest of harness/',
            },
          ],
        },
      ],
    },
  },
);
