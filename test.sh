#!/usr/bin/env bash
# The test command of README.md: installs what the tests need beyond Java 17, then runs every test.
#   ./test.sh            the whole build and every test (./mvnw -B verify)
#   ./test.sh -pl X -am  any further arguments go to Maven
# The dashboard's browser tests drive Debian's Chromium headless (chromium, chromium-driver); the manifest check
# renders the Kustomize overlays (kubectl); the event contract is read by the official AsyncAPI parser on Node.js
# (nodejs, npm; tools/asyncapi-check). Installed with apt-get when this runs as root or with password-less
# sudo; otherwise it stops at once with the command to run — never a half-run that fails twenty minutes later.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "test.sh: the tests need these Debian packages: ${missing[*]}" >&2
    echo "test.sh: install them, then run ./test.sh again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: no apt-get here; install ${missing[*]} (Chromium, its WebDriver, kubectl, Node.js and npm) and run again" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

exec ./mvnw -B verify "$@"
