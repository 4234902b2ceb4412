// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import directions of DESIGN.md, held by lint rather than prose. */
const noImportFrom = (/** @type {string[]} */ patterns, /** @type {string} */ message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
});

export default tseslint.config(
  {
    // Build output, service state, test reports, WhatsApp session profiles: not ours to lint.
    ignores: [
      'dist/**',
      'node_modules/**',
      '.services/**',
      'test-artifacts/**',
      'coverage/**',
      '.wwebjs_auth/**',
      '.wwebjs_cache/**',
      'eslint.config.js',
      '.puppeteerrc.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['parsers/**/*.ts'],
    rules: noImportFrom(
      ['**/src/**', '**/workers/**', 'pg', 'kysely', 'bullmq', 'ioredis', 'express'],
      'parsers/ is pure: no I/O, nothing from src/ or workers/',
    ),
  },
  {
    files: ['src/**/*.ts'],
    // main.ts wires the roles together and is the one place that starts the workers
    ignores: ['src/main.ts'],
    rules: noImportFrom(['**/workers/**', '**/test/**'], 'src/ does not import workers/ or test/'),
  },
  {
    files: ['src/main.ts'],
    rules: noImportFrom(['**/test/**'], 'src/ does not import test/'),
  },
  {
    files: ['migrations/**/*.ts'],
    rules: noImportFrom(
      ['**/src/**', '**/parsers/**', '**/workers/**'],
      'migrations never import app code',
    ),
  },
  {
    files: ['templates/**/*.ts'],
    rules: noImportFrom(
      ['**/src/**', '**/parsers/**', '**/workers/**'],
      'templates import nothing',
    ),
  },
);
