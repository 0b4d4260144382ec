// The code-health gate: type-aware rules for the bugs tsc cannot see (a
// promise nobody awaits, a handler passed where a void callback belongs),
// and import cycles. Formatting is Prettier's job, so its rules stay off.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Stripping control characters out of untrusted text is the point of those patterns.
      'no-control-regex': 'off',
    },
  },
  {
    // The presentation layer draws messages from journal values and strings
    // only; reading the store or calling into the adapter or the handlers
    // from here would bring back the import cycle it was cut out to break.
    files: ['src/messages/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/messages',
              from: [
                './src/discord',
                './src/store',
                './src/commands',
                './src/console',
                './src/cli',
              ],
              message:
                'src/messages/ depends only on src/journal/, src/i18n/ and src/schedule/types.ts.',
            },
            {
              target: './src/messages',
              from: './src/schedule',
              except: ['./types.ts'],
              message:
                'src/messages/ depends only on src/journal/, src/i18n/ and src/schedule/types.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks read Discord's raw JSON off the wire and poke at it;
    // typing every probe would add noise, not safety. The promise and import
    // rules above still hold there.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
