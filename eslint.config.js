import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting, plus the import boundaries of docs/architecture.md:
 * platform/ never imports modules/; only repositories, platform/db and the composition files
 * touch Kysely; only src/config.ts reads process.env.
 */
const kyselyAllowed = [
  'src/**/*.repository.ts',
  'src/**/*.loader.ts',
  'src/platform/db/**',
  'src/database.ts',
  'test/**',
  'migrations/**',
];

const noKysely = {
  name: 'kysely',
  message: 'Only repositories and platform/db use Kysely.',
  allowTypeImports: true,
};
const noModules = { group: ['**/modules/**'], message: 'platform/ must not import modules/.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-empty-object-type': [
        'error',
        { allowInterfaces: 'with-single-extends' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts.',
        },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: [...kyselyAllowed, 'src/platform/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noKysely] }] },
  },
  {
    files: ['src/platform/**'],
    ignores: ['src/platform/db/**', 'src/platform/**/*.repository.ts', '**/*.int.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noKysely], patterns: [noModules] }] },
  },
  {
    files: ['src/platform/db/**', 'src/platform/**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noModules] }] },
  },
  {
    files: ['src/config.ts', 'test/**', 'scripts/**', 'vitest.config.ts', 'bin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
