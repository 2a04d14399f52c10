#!/usr/bin/env bash
# Validates every Docker Compose file of the project without a Docker engine:
#   bash scripts/check-compose.sh
#
# 1. Each compose file on its own (docker-compose.monitoring-rpi.yml, docker-compose.monitoring-ci.yml,
#    docker-compose.app.yml, and any other compose*.yml / docker-compose*.yml at the top level) goes through
#    dclint (the npm package "dclint", Docker Compose Linter): YAML syntax, the compose-spec JSON schema that
#    dclint bundles (always strict, cannot be switched off), then its rules as configured in .dclintrc.
#    Warnings fail the check too (--max-warnings 0).
# 2. The combinations the project documents are merged the way `docker compose -f a -f b` merges them and
#    the result is validated the same way (schema plus the rules that matter for a merged file: duplicate
#    container names or host ports, unbound ports, image tags; the style rules are skipped there):
#      docker-compose.monitoring-rpi.yml + docker-compose.monitoring-ci.yml   (CI)
#      docker-compose.app.yml + docker-compose.monitoring-rpi.yml             (app and Grafana stack)
#    The merged files are kept in target/tools/merged/ for inspection.
# 3. Files that the compose files bind-mount from this repository must exist (a missing one is only warned
#    about: Docker would create an empty directory in its place at `up`).
# 4. Where a docker CLI with the compose plugin happens to be installed, `docker compose config --quiet`
#    checks the same files with Compose's own loader too (no engine needed for that); otherwise skipped.
#
# dclint and the yaml parser are installed once, pinned, into target/tools (ignored by git, removed by
# `mvn clean`); later runs reuse them and take a second or two. Needs Node.js >= 20.19 and npm.
# Exit status: 0 when everything is valid, 1 otherwise.

set -euo pipefail

DCLINT_VERSION="3.1.0"
YAML_VERSION="2.9.1"

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"

TOOLS_DIR="target/tools"
MERGED_DIR="$TOOLS_DIR/merged"
DCLINT="$TOOLS_DIR/node_modules/dclint/bin/dclint.cjs"
CONFIG=".dclintrc"

# the combinations to validate merged: "base override" pairs
PAIRS=(
  "docker-compose.monitoring-rpi.yml docker-compose.monitoring-ci.yml"
  "docker-compose.app.yml docker-compose.monitoring-rpi.yml"
)
# style rules make no sense on a generated file
MERGED_SKIP_RULES=(
  services-alphabetical-order
  service-keys-order
  service-ports-alphabetical-order
  service-dependencies-alphabetical-order
  top-level-properties-order
  require-quotes-in-ports
  no-quotes-in-volumes
)

failures=0

ok() { printf 'OK    %s\n' "$1"; }
bad() {
  printf 'FAIL  %s\n' "$1"
  failures=$((failures + 1))
}
warn() { printf 'WARN  %s\n' "$1"; }
skip() { printf 'SKIP  %s\n' "$1"; }

# --- tools --------------------------------------------------------------------------------------------------

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAIL  Node.js and npm are needed (dclint runs on Node.js >= 20.19)" >&2
  exit 1
fi
if ! node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit(maj > 20 || (maj === 20 && min >= 19) ? 0 : 1);'; then
  echo "FAIL  Node.js $(node --version) is too old: dclint ${DCLINT_VERSION} needs >= 20.19" >&2
  exit 1
fi

installed_version() {
  local manifest="$TOOLS_DIR/node_modules/$1/package.json"
  if [[ -f "$manifest" ]]; then
    node -p "require('./${manifest}').version" 2>/dev/null || true
  fi
}

if [[ "$(installed_version dclint)" != "$DCLINT_VERSION" || "$(installed_version yaml)" != "$YAML_VERSION" ]]; then
  echo "Installing dclint@${DCLINT_VERSION} and yaml@${YAML_VERSION} into ${TOOLS_DIR} (once) …"
  mkdir -p "$TOOLS_DIR"
  if [[ ! -f "$TOOLS_DIR/package.json" ]]; then
    printf '{\n  "name": "auto-trader-tools",\n  "private": true,\n  "description": "tools for scripts/check-compose.sh"\n}\n' \
      >"$TOOLS_DIR/package.json"
  fi
  if ! npm install --prefix "$TOOLS_DIR" --save-exact --no-audit --no-fund --ignore-scripts --loglevel=error \
    "dclint@${DCLINT_VERSION}" "yaml@${YAML_VERSION}" >"$TOOLS_DIR/npm-install.log" 2>&1; then
    cat "$TOOLS_DIR/npm-install.log" >&2
    echo "FAIL  could not install dclint@${DCLINT_VERSION} (see above)" >&2
    exit 1
  fi
fi

echo "Checking compose files with dclint $(node "$DCLINT" --version) (compose-spec schema + rules from ${CONFIG})"

# --- 1. each compose file -----------------------------------------------------------------------------------

shopt -s nullglob
FILES=(docker-compose*.yml docker-compose*.yaml compose*.yml compose*.yaml)
shopt -u nullglob
if ((${#FILES[@]} == 0)); then
  echo "FAIL  no compose files found in ${ROOT_DIR}" >&2
  exit 1
fi

schema_details() {
  # every schema error with its parameters (dclint reports only the first, without naming the property)
  NODE_PATH="$ROOT_DIR/$TOOLS_DIR/node_modules" node - "$1" "$TOOLS_DIR/node_modules/dclint/schemas/compose.schema.json" <<'NODE' 2>/dev/null || true
const fs = require("node:fs");
const YAML = require("yaml");
const Ajv = require("ajv");
const [file, schemaFile] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
delete schema.$schema; // draft-07 meta-schema is not bundled with Ajv 8's default export
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false });
const validate = ajv.compile(schema);
if (!validate(YAML.parse(fs.readFileSync(file, "utf8"), { merge: true }))) {
  for (const e of validate.errors) console.log(`schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
NODE
}

lint() {
  # lint LABEL FILE [dclint options…]
  local label="$1" file="$2" output
  shift 2
  if output="$(NO_COLOR=1 node "$DCLINT" "$file" --config "$CONFIG" --max-warnings 0 "$@" 2>&1)"; then
    ok "$label"
  else
    bad "$label"
    printf '%s\n' "$output" | sed '/^[[:space:]]*$/d; s/^/      /'
    if grep -q 'invalid-schema' <<<"$output"; then
      schema_details "$file" | sed 's/^/      /'
    fi
  fi
}

for file in "${FILES[@]}"; do
  lint "$file" "$file"
done

# --- 2. documented combinations, merged ---------------------------------------------------------------------

mkdir -p "$MERGED_DIR"

merge() {
  # merge OUT FILE… : Compose's merge rules, as far as these files use them
  NODE_PATH="$ROOT_DIR/$TOOLS_DIR/node_modules" node - "$@" <<'NODE'
const fs = require("node:fs");
const YAML = require("yaml");

const [out, ...files] = process.argv.slice(2);

// sequences that an override replaces instead of extending
const REPLACED = new Set(["command", "entrypoint", "test", "dns", "dns_search", "tmpfs"]);
const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function volumeTarget(v) {
  if (isMap(v)) return v.target;
  const parts = String(v).split(":");
  return parts.length > 1 ? parts[1] : parts[0];
}

function portKey(p) {
  if (isMap(p)) return `${p.host_ip || ""}:${p.published || ""}:${p.target}/${p.protocol || "tcp"}`;
  return String(p);
}

function mergeSeq(key, base, over) {
  if (REPLACED.has(key)) return over;
  const keyOf = key === "volumes" ? volumeTarget : key === "ports" ? portKey : (x) => JSON.stringify(x);
  const result = [...base];
  for (const item of over) {
    const i = result.findIndex((b) => keyOf(b) === keyOf(item));
    if (i >= 0) result[i] = item;
    else result.push(item);
  }
  return result;
}

function mergeValue(key, base, over) {
  if (isMap(base) && isMap(over)) {
    const result = { ...base };
    for (const [k, v] of Object.entries(over)) {
      result[k] = k in result ? mergeValue(k, result[k], v) : v;
    }
    return result;
  }
  if (Array.isArray(base) && Array.isArray(over)) return mergeSeq(key, base, over);
  return over;
}

let merged = {};
for (const file of files) {
  const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { merge: true });
  if (doc.errors.length > 0) {
    console.error(`${file}: ${doc.errors[0].message}`);
    process.exit(1);
  }
  // x- extension fields are per file (anchors): not merged
  const content = Object.fromEntries(Object.entries(doc.toJS() || {}).filter(([k]) => !k.startsWith("x-")));
  merged = mergeValue("", merged, content);
}
const header = `# generated by scripts/check-compose.sh: ${files.join(" + ")}, merged as docker compose -f … -f … does\n`;
// version 1.1 quotes every string that an older YAML reader could take for a bool or a number ("no", "472:0")
fs.writeFileSync(out, header + YAML.stringify(merged, { lineWidth: 0, version: "1.1" }));
NODE
}

skip_args=()
for rule in "${MERGED_SKIP_RULES[@]}"; do
  skip_args+=(--disable-rule "$rule")
done

for pair in "${PAIRS[@]}"; do
  read -r -a parts <<<"$pair"
  label="$(printf '%s + ' "${parts[@]}")"
  label="${label% + }"
  missing=0
  for file in "${parts[@]}"; do
    [[ -f "$file" ]] || missing=1
  done
  if ((missing)); then
    bad "$label: file missing"
    continue
  fi
  name="$(printf '%s+' "${parts[@]%.yml}")"
  merged_file="$MERGED_DIR/${name%+}.merged.yml"
  if ! merge_output="$(merge "$merged_file" "${parts[@]}" 2>&1)"; then
    bad "$label (merge): $merge_output"
    continue
  fi
  lint "$label (merged: $merged_file)" "$merged_file" "${skip_args[@]}"
done

# --- 3. bind-mounted files from the repository --------------------------------------------------------------

mounts="$(
  NODE_PATH="$ROOT_DIR/$TOOLS_DIR/node_modules" node - "${FILES[@]}" <<'NODE'
const fs = require("node:fs");
const YAML = require("yaml");
for (const file of process.argv.slice(2)) {
  const content = YAML.parse(fs.readFileSync(file, "utf8"), { merge: true }) || {};
  for (const [name, service] of Object.entries(content.services || {})) {
    for (const v of service.volumes || []) {
      const source = typeof v === "string" ? v.split(":")[0] : v.type === "bind" ? v.source : "";
      if (source && source.startsWith(".")) console.log(`${file} ${name} ${source}`);
    }
  }
}
NODE
)"
missing_mounts=0
while read -r file service source; do
  [[ -n "${source:-}" ]] || continue
  if [[ ! -e "$source" ]]; then
    warn "$file: service $service mounts $source, which does not exist (yet)"
    missing_mounts=$((missing_mounts + 1))
  fi
done <<<"$mounts"
if ((missing_mounts == 0)); then
  ok "every file or directory bind-mounted from the repository exists"
fi

# --- 4. Compose's own loader, if installed -------------------------------------------------------------------

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  # dummy values for the variables the files require (${VAR:?…})
  export GRAFANA_ADMIN_PASSWORD="${GRAFANA_ADMIN_PASSWORD:-check-compose}"
  export POSTGRES_USER="${POSTGRES_USER:-check-compose}" POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-check-compose}"
  # the CI override is not a project on its own (its services have no image), so it is checked with its base
  for combination in "docker-compose.monitoring-rpi.yml" "docker-compose.app.yml" "${PAIRS[@]}"; do
    read -r -a parts <<<"$combination"
    args=()
    for file in "${parts[@]}"; do
      args+=(-f "$file")
    done
    label="docker compose ${args[*]} config"
    if output="$(docker compose "${args[@]}" config --quiet 2>&1)"; then
      ok "$label"
    else
      bad "$label"
      printf '%s\n' "$output" | sed 's/^/      /'
    fi
  done
else
  skip "docker compose config: no docker CLI with the compose plugin here (dclint's schema check above stands)"
fi

echo
if ((failures > 0)); then
  echo "check-compose: ${failures} check(s) failed"
  exit 1
fi
echo "check-compose: all compose files are valid"
