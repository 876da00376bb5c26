#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry, exactly as package-lock.json says.
# Run by hand when a version in package.json changes or a template starts using another utrecht-*
# class (the CSS is cut down to the classes in use); the results are committed, so neither
# `make run` nor `make test` needs npm.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
dest=static/vendor
rm -rf "$dest"
mkdir -p "$dest/utrecht" "$dest/htmx" tests/browser/vendor
node scripts/subset-css.mjs
cp node_modules/@utrecht/component-library-css/LICENSE* "$dest/utrecht/" 2>/dev/null || true
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/browser/vendor/LICENSE.axe-core
echo "vendored: $(cd "$dest" && find . -type f | sort | tr '\n' ' ')"
