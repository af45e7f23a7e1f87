#!/usr/bin/env bash
# Installs ONNX Runtime for Node.js into TARGET/node_modules for the cross-runtime test, which runs the
# explainer exported by `gradcam4j compile` outside Java. Without node/npm the test is skipped (it says
# so), except on CI (CI=true), where the check must run: there a missing runtime fails the build.
# The package's install script would fetch GPU binaries from a host outside the npm registry; the CPU
# binaries are inside the package, so scripts are not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "[cross-runtime test] node/npm not found, but CI=true: the onnxruntime-node check must run on CI" >&2
    exit 1
  fi
  echo "[cross-runtime test] node/npm not found: the onnxruntime-node check will be skipped" >&2
  exit 0
fi
wanted="$(sed -n 's/.*"onnxruntime-node": *"\([^"]*\)".*/\1/p' "$here/package.json")"
installed="$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$target/node_modules/onnxruntime-node/package.json" 2>/dev/null || true)"
if [ "$installed" = "$wanted" ]; then
  exit 0
fi
mkdir -p "$target"
cp "$here/package.json" "$here/run-explainer.mjs" "$target/"
(cd "$target" && npm install --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >&2)
