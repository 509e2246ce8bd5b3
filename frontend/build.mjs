// Compile the Sass and copy the needed distribution files of each front-end
// package into static_build/ (served by Django as /static/build/).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import { writeFileSync } from "node:fs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
const mod = (...p) => join(root, "node_modules", ...p);

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
];
for (const [src, dest] of copies) {
  mkdirSync(dirname(join(out, dest)), { recursive: true });
  cpSync(src, join(out, dest), { recursive: true });
}
console.log(`front-end built into ${out}`);
