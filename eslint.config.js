import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Browser and Node globals the core must never touch: it runs in Node, browsers and mini-program logic layers.
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'HTMLElement', 'customElements', 'location', 'fetch', 'XMLHttpRequest', 'process', 'Buffer', 'require'];

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off', // the text rules match control characters on purpose
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'The core (src/) is DOM- and Node-free; inject what you need.' }))],
      'no-restricted-imports': ['error', { patterns: [{ group: ['lit', 'lit/*', 'node:*', '../components/*', '../../components/*'], message: 'The core (src/) must not import DOM or Node modules.' }] }],
    },
  },
);
