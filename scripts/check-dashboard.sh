#!/usr/bin/env bash
# The dashboard page in a real headless browser: Debian's chromium and chromedriver (and a Korean font, so
# screenshots show Hangul) are installed when missing, then DashboardBrowserE2E runs against the app with its
# test servers. Screenshots land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi nanum || missing+=(fonts-nanum)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium --version
./mvnw test -B -ntp -Dtest=DashboardBrowserE2E -Dsurefire.failIfNoSpecifiedTests=false
echo "dashboard browser test passed; screenshots in target/screenshots/"
