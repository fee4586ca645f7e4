import { readdirSync, readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import type { RollupOptions } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const externals = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isExternal = (id: string) => externals.some((dep) => id === dep || id.startsWith(`${dep}/`));

/** One registration module per element folder: `components/<name>/<name>.ts`. */
const elementEntries = Object.fromEntries(
  readdirSync('components', { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'base')
    .map((d) => [`components/${d.name}`, `components/${d.name}/${d.name}.ts`]),
);

const typescript = () => esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' });

const config: RollupOptions[] = [
  {
    // Modules for bundler users: dependencies stay external so apps share one Lit.
    input: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      'components/index': 'components/index.ts',
      ...elementEntries,
    },
    external: isExternal,
    plugins: [typescript()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    // One self-contained file for a plain <script type="module">.
    input: 'components/bundle.ts',
    plugins: [nodeResolve({ exportConditions: ['production'], browser: true }), typescript(), terser({ format: { comments: false } })],
    output: { file: 'dist/aftercare.min.js', format: 'es', sourcemap: true },
  },
];

export default config;
