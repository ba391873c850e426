#!/usr/bin/env bash
# Installs what tests/test_vscode_real.py needs to run the extension in a real VS Code:
# code-server (VS Code for the browser, from the npm registry), Debian's Chromium, and
# Playwright (PyPI) in the given Python. Idempotent: what is there is kept. Reaches only the
# package registries (Debian, npm, PyPI).
#   usage: editors/vscode/e2e/install.sh [PYTHON]    (PYTHON gets playwright; default python3)
set -euo pipefail

PYTHON="${1:-python3}"
# 4.100.3 is the last code-server release that runs on Node 20 (later ones want 22 or 24).
CODE_SERVER_VERSION=4.100.3
# The @vscode/ripgrep that code-server 4.100.3 pins, and the rg build it downloads.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
PLAYWRIGHT_VERSION=1.65.3
# The test reads the same default (JOB_LSP_CODE_SERVER_HOME overrides both).
HOME_DIR="${JOB_LSP_CODE_SERVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/job-lsp/code-server-$CODE_SERVER_VERSION}"

# Chromium to drive, ripgrep (see below), and what code-server's native modules build with.
packages=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev build-essential python3)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$HOME_DIR/.installed" ]; then
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR"
  # @vscode/ripgrep downloads a prebuilt rg from GitHub at install time, which this network
  # cannot reach; it first looks for that tarball in $TMPDIR/vscode-ripgrep-cache-VERSION/, so
  # one made from Debian's rg lets the install finish offline.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  tar -czf "$scratch/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION/$RIPGREP_ASSET" -C /usr/bin rg
  # --unsafe-perm: its post-install runs as root here; npm_config_yes: it runs `npx node-gyp`.
  (cd "$HOME_DIR" \
    && TMPDIR="$scratch" npm_config_yes=true npm_config_audit=false npm_config_fund=false \
       npm_config_update_notifier=false \
       npm install --unsafe-perm --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")
  "$HOME_DIR/node_modules/.bin/code-server" --version >/dev/null
  touch "$HOME_DIR/.installed"
fi

if ! "$PYTHON" -c "import playwright, sys; from importlib.metadata import version; sys.exit(version('playwright') != '$PLAYWRIGHT_VERSION')" 2>/dev/null; then
  # Its own browser download cannot work here: the test launches Debian's /usr/bin/chromium.
  "$PYTHON" -m pip install -q --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION"
fi
echo "code-server $CODE_SERVER_VERSION in $HOME_DIR; chromium $(dpkg-query -W -f '${Version}' chromium); playwright $PLAYWRIGHT_VERSION"
