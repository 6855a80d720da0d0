// Lint rules that protect the architecture: src/core and src/shared stay pure (no `vscode`, no Node
// built-ins), so the same code runs in the extension host, the CLI and a browser webview.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'util', 'url', 'stream', 'worker_threads'];
const pure = {
  patterns: [
    { group: ['vscode'], message: 'src/core must not import vscode: put VS Code code in src/vscode.' },
    { group: ['node:*', ...nodeBuiltins], message: 'src/core must run in a browser too: no Node built-ins (do I/O in src/node or src/vscode).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'dist-bench/**', 'dist-fuzz*/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `import vscode = require('vscode')`: a plain require in the bundle. `import * as vscode` makes
      // esbuild copy the whole API object into a namespace per importing file, at every start.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  // The typescript-eslint rule also sees `import x = require('…')`, which the base rule lets through.
  { files: ['src/core/**/*.ts', 'src/shared/**/*.ts'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', pure] } },
  {
    // Code passed to page.evaluate() runs in the browser.
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { document: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'test/e2e/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
);
