// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', 'coverage/**', '.local/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Pure domain code must stay free of AWS: handlers compose it with adapters.
    files: ['shared/claim/**', 'shared/codes/**', 'shared/payers/**', 'shared/rules/**', 'shared/scrub/**', 'shared/formats/**', 'shared/intake/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*'], message: 'Domain code must not import AWS; use an adapter in shared/aws.' }] }],
    },
  },
);
