// Compile the Sass and copy the needed distribution files of each front-end
// package into static_build/ (served by Django as /static/build/).
//
// The build then checks that every file the copied CSS and JavaScript refer to
// (url(...) in CSS, sourceMappingURL comments) is in the build too: Django's
// hashed static storage refuses to collect a file whose references are missing.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
const mod = (...p) => join(root, "node_modules", ...p);
const STATIC_BUILD_URL = "/static/build/";
const GOVUK_ASSETS_URL = `${STATIC_BUILD_URL}govuk/assets/`;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "app.css"), css.css);

const copies = [
  [mod("govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), "govuk/govuk-frontend.min.js"],
  [mod("govuk-frontend", "dist", "govuk", "assets", "manifest.json"), "govuk/assets/manifest.json"],
  [mod("leaflet", "dist", "leaflet.js"), "leaflet/leaflet.js"],
  [mod("leaflet", "dist", "leaflet.css"), "leaflet/leaflet.css"],
  [mod("leaflet", "dist", "images"), "leaflet/images"],
  [mod("htmx.org", "dist", "htmx.min.js"), "htmx/htmx.min.js"],
  [mod("axe-core", "axe.min.js"), "axe/axe.min.js"],
  [mod("swagger-ui-dist", "swagger-ui-bundle.js"), "swagger/swagger-ui-bundle.js"],
  [mod("swagger-ui-dist", "swagger-ui.css"), "swagger/swagger-ui.css"],
];
for (const [src, dest] of copies) {
  mkdirSync(dirname(join(out, dest)), { recursive: true });
  cpSync(src, join(out, dest), { recursive: true });
}

// The GOV.UK Sass points at $govuk-assets-path (/static/build/govuk/assets/): copy each asset it uses.
for (const url of cssUrls(css.css)) {
  if (url.startsWith(GOVUK_ASSETS_URL)) {
    const path = url.slice(GOVUK_ASSETS_URL.length).split(/[?#]/)[0];
    const dest = join(out, "govuk", "assets", path);
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(mod("govuk-frontend", "dist", "govuk", "assets", path), dest);
  }
}

// Source maps are for debugging the packages themselves: strip their comments rather than ship
// (and compress) megabytes of maps with every deployment.
const SOURCE_MAP = /\n?\/[/*]# sourceMappingURL=([^\s*]+)\s*(\*\/)?\s*$/;
for (const [, dest] of copies) {
  if (!/\.(js|css)$/.test(dest)) continue;
  const target = join(out, dest);
  const text = readFileSync(target, "utf8");
  if (SOURCE_MAP.test(text)) writeFileSync(target, text.replace(SOURCE_MAP, "\n"));
}

checkReferences(out);
console.log(`front-end built into ${out}`);

function cssUrls(text) {
  return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

// Every url(...) in CSS and every sourceMappingURL must name a file of the build.
function checkReferences(dir) {
  const missing = [];
  for (const file of files(dir)) {
    if (!/\.(css|js)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    const refs = file.endsWith(".css") ? cssUrls(text) : [];
    const map = text.match(SOURCE_MAP);
    if (map) refs.push(map[1]);
    for (const ref of refs) {
      if (/^(data:|#|https?:|\/\/)/.test(ref)) continue;
      const path = ref.split(/[?#]/)[0];
      const found = path.startsWith(STATIC_BUILD_URL)
        ? join(dir, path.slice(STATIC_BUILD_URL.length))
        : join(dirname(file), path);
      if (!existsSync(found)) missing.push(`${relative(dir, file)} -> ${ref}`);
    }
  }
  if (missing.length) {
    console.error(`the build refers to files it does not contain:\n  ${missing.join("\n  ")}`);
    process.exit(1);
  }
}
