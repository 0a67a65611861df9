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
  {
    files: ['reports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/harness/**', '../harness/*'] }],
    },
  },
  {
    files: ['harness/engines/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/providers/**'] }],
    },
  },
  {
    files: ['harness/collectors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/engines/**'] }],
    },
  },
);
