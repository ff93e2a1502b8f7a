// Builds web/static/vendor/codemirror.js (CodeMirror 6, minified, one IIFE that sets window.LixcheckCM) and
// web/static/vendor/codemirror.LICENSE.txt (the licence of every package in the bundle, read from the metafile).
// Run from this folder: npm ci && node build.mjs. The output is committed; nothing is fetched at run time.
import { build } from "esbuild";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "web", "static", "vendor");
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(here, "entry.mjs")],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "LixcheckCM",
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  outfile: join(out, "codemirror.js"),
  banner: { js: "/* CodeMirror 6 for lixcheck (scripts/editor/build.mjs). MIT licence: codemirror.LICENSE.txt */" },
});

// Every npm package that contributed code to the bundle, with its version and licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.set(m[1], join(here, "node_modules", m[1]));
}
const sections = [...packages.keys()].sort().map((name) => {
  const dir = packages.get(name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.md", "LICENSE.txt"].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${name} has no LICENSE file`);
  return `${name} ${pkg.version} (${pkg.license})\n\n${readFileSync(file, "utf8").trim()}\n`;
});
writeFileSync(join(out, "codemirror.LICENSE.txt"),
  "Third-party code in codemirror.js, bundled by scripts/editor/build.mjs.\n\n" +
  sections.join("\n" + "-".repeat(78) + "\n\n"));
console.log(`codemirror.js: ${[...packages.keys()].sort().join(", ")}`);
