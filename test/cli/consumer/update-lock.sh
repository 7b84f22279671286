#!/usr/bin/env bash
# Regenerates package-lock.json of the consumer project test/cli/package-consume.test.ts installs
# (npm ci, so the test resolves nothing live): packs this repository, resolves package.json here
# against the registry, and drops the tarball's integrity (it changes with every build; the test
# installs the tarball it packs). Run after changing helmts' dependencies or the versions above.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/helmts" "$work/app"
for f in package.json README.md bin src jest-preset.js tsconfig.json tsconfig.build.json; do cp -r "$repo/$f" "$work/helmts/"; done
ln -s "$repo/node_modules" "$work/helmts/node_modules"
(cd "$work/helmts" && node "$repo/node_modules/typescript/bin/tsc" -p tsconfig.build.json && npm pack --ignore-scripts --silent >/dev/null)
mv "$work/helmts"/helmts-*.tgz "$work/app/helmts.tgz"
cp "$here/package.json" "$work/app/"
(cd "$work/app" && npm install --package-lock-only --no-audit --no-fund --ignore-scripts)
node -e '
const fs = require("fs"); const f = process.argv[1];
const lock = JSON.parse(fs.readFileSync(f, "utf8"));
delete lock.packages["node_modules/helmts"].integrity;
fs.writeFileSync(f, JSON.stringify(lock, null, 2) + "\n");
' "$work/app/package-lock.json"
cp "$work/app/package-lock.json" "$here/package-lock.json"
echo "wrote $here/package-lock.json"
