import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'db/migrations/', 'test-artifacts/', 'templates/static/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration once in services/config.ts and pass it down.' },
      ],
    },
  },
  {
    // Entrypoints and test helpers are where the environment is read.
    files: ['services/main.ts', 'services/api.ts', 'services/cli/**', 'jobs/worker.ts', 'jobs/healthcheck.ts', 'jobs/simulate/cli.ts', 'bench/cli.ts', 'bench/profile-pages.ts', 'bench/raw-server.ts', 'scripts/**', 'tests/**', '*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tool configs that must be CommonJS (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
