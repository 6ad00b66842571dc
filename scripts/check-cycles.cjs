/**
 * `node scripts/check-cycles.cjs`: lists the import cycles in src, server and sw with madge (exit 1 if any).
 * Runtime imports only: type-only imports vanish at build time, and a dynamic `import()` is loaded after
 * both modules have run, so neither can leave a module half-initialised.
 *
 * madge parses TypeScript with @typescript-eslint/typescript-estree, which needs TypeScript's JS API; the
 * project's TypeScript 7 (the native compiler) has none, so madge's `typescript` is the pinned
 * `typescript5` (devDependencies: "npm:typescript@5.9.3"), used for parsing here and nowhere else.
 */
const Module = require('node:module');
const path = require('node:path');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? 'typescript5' : request, ...rest);
};

const madge = require('madge');
const root = path.join(__dirname, '..');
const detective = { skipTypeImports: true, skipAsyncImports: true };

madge(['src', 'server', 'sw'].map((d) => path.join(root, d)), {
  baseDir: root,
  fileExtensions: ['ts', 'tsx'],
  tsConfig: path.join(root, 'tsconfig.json'),
  excludeRegExp: [/\.d\.ts$/, /node_modules/],
  detectiveOptions: { ts: detective, tsx: detective, es6: detective },
}).then((res) => {
  const cycles = res.circular();
  const files = Object.keys(res.obj()).length;
  if (cycles.length === 0) {
    console.log(`no import cycle in ${files} modules (src, server, sw)`);
    return;
  }
  for (const c of cycles) console.log(`cycle: ${c.join(' → ')} → ${c[0]}`);
  process.exitCode = 1;
}, (e) => {
  console.error(e);
  process.exitCode = 2;
});
