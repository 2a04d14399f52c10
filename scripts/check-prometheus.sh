#!/usr/bin/env bash
# Static checks of the Prometheus configuration, offline:
#   1. promtool check config grafana-config/prometheus.yml
#   2. promtool check rules  grafana-config/rules/*.yml
#   3. promtool test rules   grafana-config/rules/tests/*.yml   (unit tests of every alert and recording rule)
# Installs Debian's prometheus package (which ships promtool) when promtool is missing; the package's
# service is kept from starting (a Prometheus on :9090 is not wanted here).
# Exits non-zero when any check fails.
set -uo pipefail
cd "$(dirname "$0")/.."

config=grafana-config/prometheus.yml
rules_dir=grafana-config/rules
tests_dir=grafana-config/rules/tests

install_promtool() {
  echo "promtool not found: installing Debian's prometheus package"
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    # tell invoke-rc.d not to start the packaged service during the install
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && created_policy=yes
  fi
  local rc=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus; } \
    > /tmp/check-prometheus-apt.log 2>&1 || rc=$?
  [ -n "$created_policy" ] && rm -f "$policy"
  if ! command -v promtool > /dev/null; then
    tail -20 /tmp/check-prometheus-apt.log
    echo "FAIL: could not install promtool (apt-get exit $rc, log /tmp/check-prometheus-apt.log)"
    exit 1
  fi
  # apt-get may report a failing post-install service start although promtool is in place: that is fine
  [ "$rc" -ne 0 ] && echo "note: apt-get exited $rc (service start?), promtool is installed anyway"
  return 0
}

command -v promtool > /dev/null || install_promtool
promtool --version 2>&1 | head -1

failures=0
step() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then
    echo "PASS: $name"
  else
    echo "FAIL: $name"
    failures=$((failures + 1))
  fi
}

# The config's rule_files point at /etc/prometheus/rules (the compose mount); check a copy whose rule_files
# point at the repository's rules directory instead, so promtool also loads and checks the rule files.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo_rules="$(pwd)/$rules_dir"
sed "s#/etc/prometheus/rules/#${repo_rules}/#" "$config" > "$tmp/prometheus.yml"
if ! grep -q "${repo_rules}/\*.yml" "$tmp/prometheus.yml"; then
  echo "FAIL: $config has no rule_files entry /etc/prometheus/rules/*.yml"
  failures=$((failures + 1))
fi

shopt -s nullglob
rule_files=("$rules_dir"/*.yml)
test_files=("$tests_dir"/*.yml)
shopt -u nullglob

step "promtool check config $config" promtool check config "$tmp/prometheus.yml"
if [ ${#rule_files[@]} -eq 0 ]; then
  echo "FAIL: no rule files in $rules_dir"
  failures=$((failures + 1))
else
  step "promtool check rules ${rule_files[*]}" promtool check rules "${rule_files[@]}"
fi
if [ ${#test_files[@]} -eq 0 ]; then
  echo "FAIL: no rule unit tests in $tests_dir"
  failures=$((failures + 1))
else
  step "promtool test rules ${test_files[*]}" promtool test rules "${test_files[@]}"
fi

if [ "$failures" -ne 0 ]; then
  echo "check-prometheus: $failures check(s) FAILED"
  exit 1
fi
echo "check-prometheus: all checks passed"
