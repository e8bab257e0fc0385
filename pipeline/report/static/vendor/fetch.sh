#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry with `npm pack` (pinned versions),
# keep only each package's minified UMD build and licence, and rewrite VERSIONS.md with checksums.
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
  cp "$tmp/$name/package/$file" "$name.min.js"
  licence=$(cd "$tmp/$name/package" && node -p "require('./package.json').license")
  cp "$tmp/$name/package/LICENSE" "$name.LICENSE"
  sum=$(sha256sum "$name.min.js" | cut -d' ' -f1)
  echo "| $name | $version | $name.min.js | $licence ($name.LICENSE) | $sum |" >> VERSIONS.md.new
done
mv VERSIONS.md.new VERSIONS.md
ls -l ./*.min.js
