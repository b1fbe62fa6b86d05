#!/bin/sh
# Installs code-server (VS Code served to a browser) into .vscode-test/code-server/, outside the
# project's dependencies, for `npm run test:e2e`. Does nothing when the pinned version is there.
# Needs Debian's ripgrep (and libkrb5-dev to build code-server's kerberos module): see .ci/run.
set -eu
VERSION=4.100.3 # the newest code-server (VS Code 1.100) that runs on Node 20
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/.vscode-test/code-server"
manifest="$dir/node_modules/code-server/package.json"
installed() { [ -f "$manifest" ] && node -p "require('$manifest').version" 2>/dev/null; }

# (Not `code-server --version`: that writes a config file into the user's home.)
if [ "$(installed)" = "$VERSION" ] && [ -x "$dir/node_modules/.bin/code-server" ]; then
  echo "code-server $VERSION is installed in $dir"
  exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing: apt-get install -y ripgrep" >&2; exit 1; }

# code-server's @vscode/ripgrep downloads rg from GitHub in its postinstall, which these machines
# cannot reach; it looks in this cache first, so put Debian's rg there under the expected name.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$archive" ]; then
  staging=$(mktemp -d)
  mkdir -p "$cache"
  cp "$(command -v rg)" "$staging/rg"
  tar czf "$archive" -C "$staging" rg
  rm -rf "$staging"
fi

rm -rf "$dir"
mkdir -p "$dir"
# A package of its own, so its install scripts are allowed here and nowhere else (npm 11 blocks
# dependencies' install scripts unless allowScripts names them).
cat >"$dir/package.json" <<JSON
{
  "private": true,
  "description": "code-server for Policy Memo's end-to-end tests (not a dependency of the extension)",
  "dependencies": { "code-server": "$VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
echo "Installing code-server $VERSION into $dir (about a minute)..."
# unsafe_perm: code-server's postinstall refuses to run as root without it; yes: a nested npx node-gyp.
(cd "$dir" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error)
[ "$(installed)" = "$VERSION" ] || { echo "install-code-server: the install did not give code-server $VERSION" >&2; exit 1; }
echo "code-server $VERSION installed in $dir"
