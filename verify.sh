#!/usr/bin/env bash
# The one entry point of the verification matrix.
#
#   ./verify.sh prepare    Docker engine (installed and started if none answers) + every image the
#                          rehearsal needs, built offline; a second run skips what exists.
#   ./verify.sh rehearse   The main job: the cutover rehearsal on this machine's engine, the
#                          operator's five invocations Pre, Cutover, Post, Rollback, Pre.
#   ./verify.sh test       The project's tests: self-tests and module contracts, then the same
#                          drill; ends with "N passed, N failed".
#   ./verify.sh down       Removes every rehearsal container, network and volume.
#   ./verify.sh benchmark  Times the rehearsal against a one-by-one baseline (evidence/benchmark.md).
#   ./verify.sh stability  The drill three times back to back, each timed.
#
# Extra arguments after the subcommand go to `dotnet test` (e.g. --filter Category=Post).
# Nothing here ever selects runsettings/production.runsettings: production runs are typed by the
# operator, as README.md shows.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
WORLD_LABEL=mint.verification.world
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The reaper image cannot be pulled without a registry; worlds are removed explicitly (and by `down`).
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"

log() { printf '[verify] %s\n' "$*" >&2; }

# Talk to an old engine (Debian's 20.10 speaks API 1.41) in its own API version.
pin_engine_api() {
  local api
  api="$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)"
  if [[ -n "$api" && -z "${DOCKER_API_VERSION:-}" ]] && [[ "$(printf '%s\n1.44\n' "$api" | sort -V | head -n1)" != "1.44" ]]; then
    export DOCKER_API_VERSION="$api"
    log "engine speaks Docker API $api; DOCKER_API_VERSION=$api"
  fi
}

# rsync and the OpenSSH client carry the cutover's step 2 (module transfer) from this machine.
ensure_local_tools() {
  local missing=()
  command -v rsync >/dev/null || missing+=(rsync)
  command -v ssh >/dev/null || missing+=(openssh-client)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "missing ${missing[*]}: install them (the cutover's rsync step needs them)"
    return 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

prepare() {
  ensure_local_tools
  bash fixtures/images/ensure-engine.sh
  pin_engine_api
  bash fixtures/images/build-images.sh
  bash fixtures/evidence/install.sh
}

# Evidence of one run: every dotnet test invocation appends Allure results here; the bundle
# (report.html, change-record.md, SHA256SUMS) is made from them at the end.
RESULTS_DIR="$ROOT/evidence/allure-results"
export MINT_ALLURE_RESULTS="$RESULTS_DIR"
bundle() {
  dotnet run --project fixtures/Verification.Evidence -c Release -- bundle --results "$RESULTS_DIR"
}

# Runs dotnet test once, shows its output, and adds its counts to the run's totals.
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
run_tests() {
  local output status=0 counts
  output="$(mktemp)"
  dotnet test Verification.sln "$@" 2>&1 | tee "$output" || status=$?
  counts="$(awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
      gsub(/,/, ""); for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
      }
    }
    END { printf "%d %d %d", p, f, s }' "$output")"
  # The planted secret (./verify.sh test) must never reach the console.
  if [[ -n "${MINT_PLANTED_SECRET:-}" ]] && grep -qF "$MINT_PLANTED_SECRET" "$output"; then
    log "LEAK: the planted secret appears in the console output of dotnet test $*"
    status=1
  fi
  rm -f "$output"
  read -r p f s <<<"$counts"
  TOTAL_PASSED=$((TOTAL_PASSED + p)) TOTAL_FAILED=$((TOTAL_FAILED + f)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + s))
  # A run that reports no counts at all (build error, crash) is a failure, not a silent zero.
  if [[ $status -eq 0 && $((p + f + s)) -eq 0 ]]; then
    log "dotnet test $* ran no test"
    status=1
  fi
  return "$status"
}

# The fault table the self-tests recorded: fault -> expected rows -> detected -> message.
print_fault_catalogue() {
  local table="$RESULTS_DIR/fault-catalogue.md"
  if [[ ! -f "$table" ]]; then
    log "no fault catalogue was recorded"
    return 1
  fi
  cat "$table"
  if grep -q '| NO (' "$table"; then
    log "some faults were not detected by exactly their rows (see the table)"
    return 1
  fi
}

closing_line() {
  printf '%d passed, %d failed, %d skipped\n' "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED"
}

# The compose projects the rehearsal deploys through the docker-host stand-in (they carry compose's
# labels, not ours): the old per-module stacks and the unified stack.
REHEARSAL_PROJECTS=(artwork-module quote-page mint-modules-prod)
HOST_WORLD_STATE="${XDG_STATE_HOME:-$HOME/.local/state}/mint-verification/host-world.json"

down() {
  rm -f "$HOST_WORLD_STATE"
  if ! docker version >/dev/null 2>&1; then
    log "no Docker engine answers; nothing to remove"
    return 0
  fi
  local filters=(--filter "label=$WORLD_LABEL") project containers networks volumes
  containers="$(docker ps -aq "${filters[@]}")"
  networks="$(docker network ls -q "${filters[@]}")"
  volumes="$(docker volume ls -q "${filters[@]}")"
  for project in "${REHEARSAL_PROJECTS[@]}"; do
    containers+=" $(docker ps -aq --filter "label=com.docker.compose.project=$project")"
    networks+=" $(docker network ls -q --filter "label=com.docker.compose.project=$project")"
    volumes+=" $(docker volume ls -q --filter "label=com.docker.compose.project=$project")"
  done
  # shellcheck disable=SC2086 # word splitting of id lists is intended
  [[ -z "${containers// /}" ]] || docker rm -f -v $containers >/dev/null
  # shellcheck disable=SC2086
  [[ -z "${networks// /}" ]] || docker network rm $networks >/dev/null
  # shellcheck disable=SC2086
  [[ -z "${volumes// /}" ]] || docker volume rm $volumes >/dev/null
  log "removed $(wc -w <<<"$containers") container(s), $(wc -w <<<"$networks") network(s), $(wc -w <<<"$volumes") volume(s) and the host world's state"
}

# The operator's cutover day, rehearsed on one host world: one `dotnet test` per stage, exactly the
# commands of README.md. Later stages run even if an earlier one failed (their rows then say
# why); the drill fails if any stage did.
DRILL=(Pre Cutover Post Rollback Pre)
drill() {
  local stage status=0
  for stage in "${DRILL[@]}"; do
    log "drill: dotnet test --filter Category=$stage"
    run_tests --filter "Category=$stage" "$@" || status=1
  done
  return "$status"
}

command="${1:-}"
[[ $# -gt 0 ]] && shift
# This script rehearses; it never takes another runsettings (production is typed by hand, see README).
for argument in "$@"; do
  case "$argument" in
    -s|--settings|--settings=*|-s=*) log "refused: ./verify.sh never takes --settings; run production by hand as README.md shows"; exit 2 ;;
  esac
done
case "$command" in
  prepare) prepare ;;
  rehearse)
    prepare
    down
    rm -rf "$RESULTS_DIR"
    status=0
    drill "$@" || status=1
    bundle || status=1
    closing_line
    exit "$status"
    ;;
  test)
    # Every secret of the fresh world carries this value, so any leak into the console or the
    # evidence is found by a plain search (run_tests and the bundle tool both look).
    export MINT_PLANTED_SECRET="${MINT_PLANTED_SECRET:-planted$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')}"
    prepare
    down
    rm -rf "$RESULTS_DIR"
    status=0
    # Self-tests and module contracts first (they may run side by side), then the drill.
    run_tests --filter "Category=SelfTest|Category=Contract" "$@" || status=1
    print_fault_catalogue || status=1
    drill "$@" || status=1
    bundle || status=1
    closing_line
    exit "$status"
    ;;
  down) down ;;
  benchmark) exec bash fixtures/bench/benchmark.sh ;;
  stability)
    # The whole drill three times back to back on fresh worlds, each timed.
    prepare
    for round in 1 2 3; do
      down
      start=$(date +%s)
      drill "$@" || { closing_line; exit 1; }
      log "stability round $round: drill took $(( $(date +%s) - start )) s"
    done
    closing_line
    ;;
  *)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac
