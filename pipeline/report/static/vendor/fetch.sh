#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry with `npm pack` (pinned versions),
# keep only each package's UMD build (minified where the package ships one) and licence, and rewrite VERSIONS.md with checksums.
# The site loads these files from file:// - nothing is fetched when a page opens.
#
#   bash pipeline/report/static/vendor/fetch.sh      (or: make vendor-report)
set -euo pipefail
cd "$(dirname "$0")"
# package version file-in-package
PACKAGES=(
  "cytoscape 3.35.0 dist/cytoscape.min.js"
  "vega 6.4.0 build/vega.min.js"
  "vega-lite 6.5.0 build/vega-lite.min.js"
  "vega-embed 7.3.0 build/vega-embed.min.js"
  "layout-base 2.0.1 layout-base.js"
  "cose-base 2.2.0 cose-base.js"
  "cytoscape-fcose 2.2.0 cytoscape-fcose.js"
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "# Vendored browser libraries"
  echo
  echo "Fetched from the npm registry by \`fetch.sh\` (\`npm pack NAME@VERSION\`); do not edit by hand."
  echo
  echo "| package | version | file | licence | sha256 |"
  echo "| --- | --- | --- | --- | --- |"
} > VERSIONS.md.new
for entry in "${PACKAGES[@]}"; do
  read -r name version file <<<"$entry"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  mkdir -p "$tmp/$name" && tar xzf "$tmp/$name-$version.tgz" -C "$tmp/$name"
  out=$(basename "$file")
  cp "$tmp/$name/package/$file" "$out"
  licence=$(cd "$tmp/$name/package" && node -p "require('./package.json').license")
  cp "$tmp/$name/package/LICENSE" "$name.LICENSE"
  sum=$(sha256sum "$out" | cut -d' ' -f1)
  echo "| $name | $version | $out | $licence ($name.LICENSE) | $sum |" >> VERSIONS.md.new
done
mv VERSIONS.md.new VERSIONS.md
ls -l ./*.js
