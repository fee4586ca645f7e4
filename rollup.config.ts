import { readdirSync, readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
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
    // The core (src/) is free of side effects: a module imported through the src/index.ts barrel
    // for one name must not come back as a bare `import '…'` of every other core module (which
    // made bundlers that honour only imports, not "sideEffects", pull the whole core into every
    // element). Elements register themselves, so components/ keeps its side effects.
    treeshake: { moduleSideEffects: (id, external) => external || !id.includes('/src/') },
    // One file per source module, as in the sources: bundlers then drop whole modules an app
    // does not use, and what sits behind a dynamic import() (local mode's storage and engine)
    // stays out of the initial load. Merged chunks would drag shared code into every page.
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js', sourcemap: true },
  },
  {
    // One self-contained file for a plain <script type="module">.
    input: 'components/bundle.ts',
    // Dexie ships as UMD behind an ESM wrapper (commonjs); Immer reads process.env.NODE_ENV.
    plugins: [
      nodeResolve({ exportConditions: ['production'], browser: true }),
      commonjs(),
      esbuild({ tsconfig: 'tsconfig.json', target: 'es2022', include: /\.[cm]?[jt]sx?$/, exclude: [], loaders: { '.mjs': 'js', '.cjs': 'js' }, define: { 'process.env.NODE_ENV': '"production"' } }),
      terser({ format: { comments: false } }),
    ],
    // One file: local mode's storage (loaded on demand elsewhere) is inlined.
    output: { file: 'dist/aftercare.min.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
  },
];

export default config;
