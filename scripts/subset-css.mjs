// Keep only the NL Design System rules and design tokens our templates use, minified: the full
// Utrecht CSS is ~500 kB, too heavy for a jongere's phone on a slow connection. Run by
// scripts/vendor-static.sh; run it again after using a new utrecht-* class in a template.
import { readFileSync, writeFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";
import { minify } from "csso";

const source =
  readFileSync("node_modules/@utrecht/design-tokens/dist/theme.css", "utf8") +
  "\n" +
  readFileSync("node_modules/@utrecht/component-library-css/dist/index.css", "utf8");
// Classes put together in templates ("utrecht-alert--{{ type }}") are not found by scanning.
const safelist = { standard: [/^utrecht-theme$/, /^utrecht-alert--/] };

async function subset(content, target) {
  const [result] = await new PurgeCSS().purge({
    content,
    css: [{ raw: source }],
    variables: true,
    safelist,
  });
  const css = minify(result.css, { comments: false }).css;
  writeFileSync(target, `/* Subset of @utrecht/component-library-css and @utrecht/design-tokens (EUPL-1.2), made by scripts/subset-css.mjs */\n${css}\n`);
  console.log(`${target}: ${css.length} bytes`);
}

const python = [
  "plans/**/*.py",
  "network/**/*.py",
  "toekomstplan/**/*.py",
  "domains/**/*.py",
  "workspace/**/*.py",
  "portal/**/*.py",
  "exports/**/*.py",
  "notifications/**/*.py",
  "figures/**/*.py",
];
await subset(
  ["templates/**/*.html", "static/js/*.js", ...python],
  "static/vendor/utrecht/utrecht.css",
);
await subset(
  [
    "templates/base.html",
    "templates/components/*.html",
    "templates/portal/*.html",
    "plans/forms.py",
    "portal/forms.py",
    "static/js/*.js",
  ],
  "static/vendor/utrecht/utrecht-portal.css",
);
