// An eslint-module-utils resolver (interface 2) for the console, so that eslint-plugin-boundaries sees which
// file each import of console/src really names and can check it:
// - SvelteKit's aliases ($lib, $domain, ...), given by eslint.config.js from console/svelte.config.js;
// - relative imports in the <script> blocks of .svelte files. ESLint lints those as virtual files named
//   `Component.svelte/script.ts`, and eslint-module-utils resolves from that virtual name under ESLint 10, so
//   this resolver resolves from the component's own folder instead.
// SvelteKit's virtual modules ($app/*, $env/*, ./$types) are not files: they stay unresolved (eslint.config.js
// flags them as external). CommonJS because eslint-module-utils loads resolvers with require().
const fs = require('node:fs');
const path = require('node:path');

const suffixes = ['', '.ts', '.js', '.svelte', '/index.ts', '/index.js'];

function firstFile(base) {
  for (const suffix of suffixes) {
    const candidate = base + suffix;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { found: true, path: candidate };
  }
  return { found: false };
}

exports.interfaceVersion = 2;

/** @param {string} source @param {string} file @param {{ aliases?: Record<string, string> }} config */
exports.resolve = (source, file, config) => {
  for (const [alias, target] of Object.entries(config?.aliases ?? {})) {
    if (source === alias || source.startsWith(`${alias}/`)) return firstFile(path.join(target, source.slice(alias.length)));
  }
  const component = file.replace(/(\.svelte)[/\\][^/\\]*$/, '$1');
  if (component !== file && (source.startsWith('./') || source.startsWith('../'))) {
    return firstFile(path.resolve(path.dirname(component), source));
  }
  return { found: false };
};
