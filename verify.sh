#!/usr/bin/env bash
# The one entry point of the verification matrix.
#
#   ./verify.sh prepare    Docker engine (installed and started if none answers) + every image the
#                          rehearsal needs, built offline; a second run skips what exists.
#   ./verify.sh rehearse   The main job: the cutover rehearsal on this machine's engine, the
#                          operator's six invocations Pre, Cutover, Post, Soak, Rollback, Pre.
#                          --twin FILE: on a twin built from that host-snapshot.json.
#   ./verify.sh test       The project's tests: self-tests and module contracts, then the same
#                          drill; ends with "N passed, N failed".
#   ./verify.sh down       Removes what the rehearsal created (see down() below); --list only prints it.
#   ./verify.sh benchmark  Times the rehearsal against a one-by-one baseline (evidence/benchmark.md).
#   ./verify.sh stability  The drill three times back to back, each timed.
#   ./verify.sh divergences  Twins of edited host snapshots, each refused at the readiness gate.
#
# Extra arguments after the subcommand go to `dotnet test` (e.g. --filter Category=Post).
# Every subcommand talks only to this machine's engine: DOCKER_HOST, DOCKER_CONTEXT, the CLI's
# current context and ~/.testcontainers.properties are checked first, whatever the subcommand
# (fixtures/engine/local-engine-guard.sh); anything remote is refused (exit 3) naming the source.
# Nothing here ever selects runsettings/production.runsettings: production runs are typed by the
# operator, as README.md shows.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
WORLD_LABEL=mint.verification.world
# shellcheck source=fixtures/engine/local-engine-guard.sh
source "$ROOT/fixtures/engine/local-engine-guard.sh"
# Before anything else, whatever the subcommand (one added later too, or none): no docker call,
# nor any other step, may come before it.
guard_local_engine
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every run this script starts only rehearses: the settings reader refuses Target=production while
# this is set, however production was asked for (--settings, -p:RunSettingsFilePath, @file.rsp, ...).
export MINT_REHEARSAL_ONLY=1
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
  # Post-9 runs the modules repository's staging-integration-smoke.sh, which speaks HTTP through curl.
  command -v curl >/dev/null || missing+=(curl)
  # The report's renderer (allure 3) runs on node; installed here, before the image builds start,
  # because the s3 image's build uses this machine's npm when there is one (build-images.sh).
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "missing ${missing[*]}: install them (the cutover's rsync step, Post-9's smoke script and the report need them)"
    return 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The engine, then the images and the report's tools side by side: on a fresh machine the image
# builds wait on the Debian mirror and the report's tools on apt (chromium), neither on the other.
# The tools' output is shown when both are done, so the two logs do not interleave.
prepare() {
  local tools_log tools_pid status=0
  ensure_local_tools
  bash fixtures/images/ensure-engine.sh
  pin_engine_api
  tools_log="$(mktemp)"
  bash fixtures/evidence/install.sh >"$tools_log" 2>&1 &
  tools_pid=$!
  bash fixtures/images/build-images.sh || status=1
  wait "$tools_pid" || status=1
  cat "$tools_log" >&2
  rm -f "$tools_log"
  return "$status"
}

# Evidence of one run: a fresh night per rehearsal (or test run); every dotnet test invocation of
# it appends Allure results here, and the bundle (report.html, change-record.md, SHA256SUMS) is
# made from them at the end. The matrix refuses a directory that holds another night.
RESULTS_DIR="$ROOT/evidence/nights/rehearsal-verify-$(date -u +%Y%m%dT%H%M%SZ)"
export MINT_ALLURE_RESULTS="$RESULTS_DIR"
bundle() {
  dotnet run --project fixtures/Verification.Evidence -- bundle --results "$RESULTS_DIR"
}

# Where the run's time went (README's performance section is made from this table); never fails the run.
slowest() {
  local cpu=()
  stop_cpu_sampler
  [[ -n "$CPU_SAMPLES" ]] && cpu=(--cpu "$CPU_SAMPLES")
  log "the 20 slowest tests and fixtures of this run (seconds)${CPU_SAMPLES:+, then where the CPU of the machine went}:"
  dotnet run --project fixtures/Verification.Evidence -- slowest "${cpu[@]}" "$@" || log "no timing table (see above)"
  [[ -z "$CPU_SAMPLES" ]] || rm -f "$CPU_SAMPLES"
}

# The machine's CPU while `test` runs, for the second table of slowest (where the CPU went, by
# fixture): on 2 cores the suite is bound by CPU, and a wall clock alone cannot say which proofs
# cost it. "# cores N", then every 5 s the epoch and /proc/stat's "cpu" counters; a sample costs
# a date and an awk. Stopped by stop_background, after one last sample by stop_cpu_sampler.
CPU_SAMPLES="" CPU_SAMPLER_PID=""
cpu_sample() { printf '%s %s\n' "$(date +%s.%N)" "$(awk 'NR == 1 { $1 = ""; print; exit }' /proc/stat)"; }
start_cpu_sampler() {
  [[ -r /proc/stat ]] || return 0
  CPU_SAMPLES="$(mktemp)"
  printf '# cores %s\n' "$(nproc)" >"$CPU_SAMPLES"
  # A process group of its own, so its sleep is stopped with it.
  setsid bash -c "$(declare -f cpu_sample); while cpu_sample; do sleep 5; done" >>"$CPU_SAMPLES" 2>/dev/null &
  CPU_SAMPLER_PID=$!
}
# cpu_phase NAME: from now on, the CPU no test is running for is NAME's (slowest's last lines).
# A sample right after it, so no interval spans two phases.
cpu_phase() {
  [[ -n "$CPU_SAMPLES" ]] || return 0
  printf '# phase %s %s\n' "$(date +%s.%N)" "$1" >>"$CPU_SAMPLES"
  cpu_sample >>"$CPU_SAMPLES"
}
stop_cpu_sampler() {
  [[ -n "$CPU_SAMPLER_PID" ]] || return 0
  kill -TERM -- "-$CPU_SAMPLER_PID" 2>/dev/null || true
  wait "$CPU_SAMPLER_PID" 2>/dev/null || true
  CPU_SAMPLER_PID=""
  cpu_sample >>"$CPU_SAMPLES"
}

# Runs dotnet test once (arguments: what to test, then options), shows its output, and adds its
# counts to the run's totals. The failing rows of the console logger's closing summary are kept for
# the closing line, so the last lines of a log name what failed.
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
# The dotnet that run_tests starts, with what it runs under (the Unit tier: no engine, no network).
TEST_RUNNER=(dotnet)
FAILED_ROWS="$(mktemp)"
run_tests() {
  local output status=0
  output="$(mktemp)"
  "${TEST_RUNNER[@]}" test "$@" 2>&1 | tee "$output" || status=$?
  account "$output" "$status" "$*"
}

# account OUTPUT STATUS WHAT: adds one dotnet test run's counts (from its console OUTPUT, then
# removed) to the totals, keeps its failing rows, and looks for the planted secret; returns its status.
account() {
  local output="$1" status="$2" what="$3" counts
  # Only the closing summary's table counts: a fault test prints a broken row's FAIL line on purpose.
  awk '/^── summary/ { table = 1; next } /^───/ { table = 0 } table && / (FAIL|NOT RUN) /' "$output" >>"$FAILED_ROWS" || true
  counts="$(awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
      gsub(/,/, ""); for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
      }
    }
    END { printf "%d %d %d", p, f, s }' "$output")"
  # The planted secret (./verify.sh test) must never reach the console.
  if [[ -n "${MINT_PLANTED_SECRET:-}" ]] && grep -qF "$MINT_PLANTED_SECRET" "$output"; then
    log "LEAK: the planted secret appears in the console output of dotnet test $what"
    status=1
  fi
  rm -f "$output"
  read -r p f s <<<"$counts"
  TOTAL_PASSED=$((TOTAL_PASSED + p)) TOTAL_FAILED=$((TOTAL_FAILED + f)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + s))
  # A run that reports no counts at all (build error, crash) is a failure, not a silent zero.
  if [[ $status -eq 0 && $((p + f + s)) -eq 0 ]]; then
    log "dotnet test $what ran no test"
    status=1
  fi
  return "$status"
}

# A command in the background: its console to a file, shown whole when it ends (so its lines never
# interleave with the foreground's), its exit status kept beside it. What runs in the background is
# stopped when this script ends first (a failure, Ctrl-C).
BACKGROUND_PIDS=() BACKGROUND_PID="" BACKGROUND_STATUS=""
# Process groups started with setsid (the rootfs prefetch, prepare beside the Unit tier): stopped
# whole, whatever they started (debootstrap, docker build, apt-get).
ROOTFS_PID="" PREPARE_PID=""
stop_background() {
  local pid
  if [[ -n "$CPU_SAMPLER_PID" ]]; then kill -TERM -- "-$CPU_SAMPLER_PID" 2>/dev/null || true; fi
  for pid in "${BACKGROUND_PIDS[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; done
  for pid in "$ROOTFS_PID" "$PREPARE_PID"; do
    if [[ -n "$pid" ]]; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
  done
}
trap stop_background EXIT
# start_background OUTPUT COMMAND...: BACKGROUND_PID is the job's.
start_background() {
  local output="$1"
  shift
  ( status=0; "$@" >"$output" 2>&1 || status=$?; echo "$status" >"$output.status" ) &
  BACKGROUND_PID=$!
  BACKGROUND_PIDS+=("$BACKGROUND_PID")
}
# wait_background PID OUTPUT: BACKGROUND_STATUS is the command's exit status (1 if it left none).
wait_background() {
  local pid running=()
  wait "$1" || true
  # An ended job's pid may be reused: the EXIT trap must not signal its namesake's children.
  for pid in "${BACKGROUND_PIDS[@]}"; do [[ "$pid" == "$1" ]] || running+=("$pid"); done
  BACKGROUND_PIDS=("${running[@]}")
  BACKGROUND_STATUS="$(cat "$2.status" 2>/dev/null || echo 1)"
  rm -f "$2.status"
}

# A second lane: one dotnet test in the background, for tests that need no host world while the
# host world's tests run in the foreground.
LANE_PID="" LANE_OUTPUT="" LANE_WHAT=""
start_lane() {
  LANE_OUTPUT="$(mktemp)" LANE_WHAT="$*"
  start_background "$LANE_OUTPUT" "${TEST_RUNNER[@]}" test "$@"
  LANE_PID="$BACKGROUND_PID"
}

# Waits for the lane, shows its console and adds its counts; returns its status.
finish_lane() {
  wait_background "$LANE_PID" "$LANE_OUTPUT"
  log "second lane (ran side by side with the one above): dotnet test $LANE_WHAT"
  cat "$LANE_OUTPUT"
  account "$LANE_OUTPUT" "$BACKGROUND_STATUS" "$LANE_WHAT"
}

# The fault table the self-tests recorded: fault -> expected rows -> detected -> message.
print_fault_catalogue() {
  local table="$1/fault-catalogue.md"
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
  if [[ -s "$FAILED_ROWS" ]]; then
    printf 'failed:\n'
    sort -u "$FAILED_ROWS" | cut -c1-220
  fi
  printf '%d passed, %d failed, %d skipped\n' "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED"
}

# The compose projects the rehearsal deploys through the docker-host stand-in (they carry compose's
# labels, not ours): the old per-module stacks and the unified stack.
REHEARSAL_PROJECTS=(artwork-module quote-page mint-modules-prod)
HOST_WORLD_STATE="${XDG_STATE_HOME:-$HOME/.local/state}/mint-verification/host-world.json"

# The engine id the host world recorded when it was made (EngineId in its state file; the same id
# is on the docker-host stand-in as label mint.verification.engine, for a human with docker inspect). The
# state file, not the engine, is the record: an engine reached by mistake cannot vouch for itself.
recorded_engine_id() {
  [[ -f "$HOST_WORLD_STATE" ]] && json_string_field "$HOST_WORLD_STATE" EngineId
}

# The compose projects the host world deploys: the stand-in's, plus the old stacks' projects a twin
# was built with (its layout in the state file: a host whose compose sets its own `name:`).
rehearsal_projects() {
  printf '%s\n' "${REHEARSAL_PROJECTS[@]}"
  [[ -f "$HOST_WORLD_STATE" ]] && grep -o '"Project": *"[A-Za-z0-9_.-]*"' "$HOST_WORLD_STATE" | sed 's/.*"\([^"]*\)"$/\1/'
  return 0
}

# What the rehearsal created, as "kind id name why" lines: everything with the world label, and the
# compose projects it deploys only when this engine is the one a host world recorded. A compose
# project name alone proves nothing (production's stacks carry the same names).
down_selection() {
  local engine_id project kind
  for kind in container network volume; do
    list_resources "$kind" "label=$WORLD_LABEL" "label $WORLD_LABEL"
  done
  engine_id="$(docker info --format '{{.ID}}' || true)"
  if [[ -n "$engine_id" && "$engine_id" == "$(recorded_engine_id || true)" ]]; then
    for project in $(rehearsal_projects | sort -u); do
      for kind in container network volume; do
        list_resources "$kind" "label=com.docker.compose.project=$project" "compose project $project on engine $engine_id recorded by the host world"
      done
    done
  else
    for project in "${REHEARSAL_PROJECTS[@]}"; do
      list_resources container "label=com.docker.compose.project=$project" "-" |
        sed "s/ -\$/ kept: compose project $project, but engine ${engine_id:-?} is not the one a host world recorded/; s/^/# /"
    done
  fi
}

# "kind id name why" for each resource of a kind matching one filter.
list_resources() {
  local kind="$1" filter="$2" why="$3"
  case "$kind" in
    container) docker ps -a --filter "$filter" --format '{{.ID}} {{.Names}}' ;;
    network) docker network ls --filter "$filter" --format '{{.ID}} {{.Name}}' ;;
    volume) docker volume ls --filter "$filter" --format '{{.Name}} {{.Name}}' ;;
  esac | sed "s|^|$kind |; s|\$| $why|"
}

# How many distinct resources of a kind the selection holds.
count_of() { grep "^$1 " <<<"$selection" | cut -d ' ' -f 2 | sort -u | wc -l; }

# Removes what down_selection lists (containers with their volumes, then networks and volumes).
# --list prints the selection and removes nothing.
down() {
  local selection ids kind
  if ! docker version >/dev/null 2>&1; then
    log "no Docker engine answers at $DOCKER_HOST; nothing to remove"
    [[ "${1:-}" == --list ]] || rm -f "$HOST_WORLD_STATE"
    return 0
  fi
  selection="$(down_selection | sort -u)"
  if [[ "${1:-}" == --list ]]; then
    [[ -z "$selection" ]] || printf '%s\n' "$selection"
    return 0
  fi
  for kind in container network volume; do
    ids="$(grep "^$kind " <<<"$selection" | cut -d ' ' -f 2 | sort -u || true)"
    [[ -n "$ids" ]] || continue
    case "$kind" in
      # shellcheck disable=SC2086 # word splitting of id lists is intended
      container) docker rm -f -v $ids >/dev/null ;;
      # shellcheck disable=SC2086
      network)
        # A kept container (not proven the rehearsal's) still attached: say which, and how to decide.
        docker network rm $ids >/dev/null 2>&1 || {
          log "cannot remove the world's networks: containers this script does not remove still use them:"
          grep '^# ' <<<"$selection" >&2 || docker network inspect $ids --format '{{.Name}}: {{range .Containers}}{{.Name}} {{end}}' >&2
          log "they are kept because engine '$(docker info --format '{{.Name}}' 2>/dev/null)' is not the one a host world recorded; if it is this machine's rehearsal engine only, remove them (docker rm -f NAME...) and run again"
          return 1
        } ;;
      # shellcheck disable=SC2086
      volume) docker volume rm $ids >/dev/null ;;
    esac
  done
  rm -f "$HOST_WORLD_STATE"
  log "removed $(count_of container) container(s), $(count_of network) network(s), $(count_of volume) volume(s) and the host world's state"
  if grep -q '^# ' <<<"$selection"; then
    log "kept (not proven to be the rehearsal's; ./verify.sh down --list shows them):"
    grep '^# ' <<<"$selection" >&2
  fi
}

# The operator's cutover day, rehearsed on one host world: one quiet `dotnet test` per stage on the
# stage's project, exactly the commands of README.md. Later stages run even if an earlier one
# failed (their rows then say why); the drill fails if any stage did.
DRILL=(Pre Cutover Post Soak Rollback Pre)
stage_project() {
  case "$1" in
    Pre) echo tests/PreCutover ;;
    Post | Soak) echo tests/PostCutover ;;
    Cutover | Rollback) echo tests/Runbooks ;;
  esac
}
drill() {
  local stage status=0
  for stage in "${DRILL[@]}"; do
    log "drill: dotnet test $(stage_project "$stage") -v q --filter Category=$stage"
    run_tests "$(stage_project "$stage")" -v q --filter "Category=$stage" "$@" || status=1
  done
  return "$status"
}

command="${1:-}"
[[ $# -gt 0 ]] && shift
# This script rehearses; it never takes another runsettings (production is typed by hand, see README).
# A quick first line only: the settings reader refuses Target=production however it was asked for.
for argument in "$@"; do
  case "$argument" in
    -s|--settings|--settings[=:]*|-s[=:]*|*RunSettingsFilePath*|@*) log "refused: $argument: ./verify.sh only rehearses (MINT_REHEARSAL_ONLY=1) and never takes another runsettings; run production by hand, from a shell without MINT_REHEARSAL_ONLY, as README.md shows"; exit 2 ;;
  esac
done
case "$command" in
  prepare) prepare ;;
  rehearse)
    # --twin FILE: the host world is built from that host-snapshot.json (a twin of the host it was
    # taken on, e.g. production's from its Pre run) and the drill runs on it; every invocation of
    # the drill reads the same file through MINT_TWIN_SNAPSHOT.
    if [[ "${1:-}" == --twin ]]; then
      [[ -f "${2:-}" ]] || { log "--twin needs a host-snapshot.json file (written by Category=Pre into the night's evidence); got '${2:-}'"; exit 2; }
      MINT_TWIN_SNAPSHOT="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
      export MINT_TWIN_SNAPSHOT
      log "twin: the host world is built from $MINT_TWIN_SNAPSHOT"
      shift 2
    fi
    prepare
    down
    rm -rf "$RESULTS_DIR"
    status=0
    drill "$@" || status=1
    bundle || { status=1; printf '  bundle: no report.html (its reason is the [evidence] line above)\n' >>"$FAILED_ROWS"; }
    closing_line
    exit "$status"
    ;;
  test)
    # Every secret of the fresh world carries this value, so any leak into the console or the
    # evidence is found by a plain search (run_tests and the bundle tool both look).
    export MINT_PLANTED_SECRET="${MINT_PLANTED_SECRET:-planted$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')}"
    status=0
    start_cpu_sampler
    # Built first, then tested with --no-build: `dotnet test` on the solution builds and tests the
    # projects side by side, and the self-tests that run README's Runbooks command in a child process
    # would otherwise start while Runbooks.dll is still being written ("argument ... is invalid").
    # On a fresh machine the two Debian bases' root filesystems (debootstrap from the mirror, 60-90 s
    # each) are made in the background of the build and the Unit tier: no engine is started or
    # asked and nothing is installed (only the cache folder is written); stopped if the tier fails.
    if [[ $(id -u) -eq 0 ]] && command -v debootstrap >/dev/null 2>&1; then
      log "prefetch: bash fixtures/images/build-images.sh --rootfs-only, in the background (the Debian bases' root filesystems; no engine)"
      setsid bash fixtures/images/build-images.sh --rootfs-only >/dev/null 2>&1 &
      ROOTFS_PID=$!
    fi
    cpu_phase "the build (the Debian root filesystems beside it on a fresh machine)"
    log "build: dotnet build Verification.sln -v q"
    dotnet build Verification.sln -v q -nologo || { closing_line; exit 1; }
    # The self-tests' evidence goes into a night of its own: the rehearsal's report is the drill's
    # sign-off evidence, and 400 self-test results in it made its render take minutes on a slow machine.
    # The Unit tier opens this night (night.json); the self-tests and contracts join it later.
    SELFTEST_RESULTS="$ROOT/evidence/nights/selftests-verify-$(date -u +%Y%m%dT%H%M%SZ)"
    MINT_ALLURE_RESULTS="$SELFTEST_RESULTS"
    # The engine-free tier right after the build: a logic error fails here in about a minute.
    # prepare (the engine, the images, the report's tools: 1.5-2 min on a fresh machine) runs beside
    # it, in a process group of its own, its console shown when the tier has passed; a failing tier
    # stops it. The tier reaches no engine all the same: DOCKER_HOST names a socket that does not
    # exist, no host world's state is read (an empty XDG_STATE_HOME) and, where the kernel allows it,
    # it runs with no network but loopback (unshare -n) and with /run, where the engine's and
    # containerd's sockets live, replaced by an empty folder (unshare -m): a test tagged Unit that
    # needs any of them fails here instead of passing by luck.
    prepare_output="$(mktemp)"
    cpu_phase "prepare (engine, images, the report's tools) beside the Unit tier; its CPU is shared with the Unit tests running then"
    log "prepare: ./verify.sh prepare, beside the Unit tier (the engine, the images, the report's tools; its console follows the tier's)"
    setsid "$ROOT/verify.sh" prepare >"$prepare_output" 2>&1 &
    PREPARE_PID=$!
    unit_state="$(mktemp -d)"
    # The probe and the tier use the same setup, so the probe proves what the tier will get.
    hide_run='mount -t tmpfs -o size=1m,mode=755 mint-unit-run /run && ip link set lo up'
    if unshare -n -m sh -c "$hide_run" 2>/dev/null; then
      unit_isolation=(unshare -n -m sh -c "$hide_run"' && exec "$0" "$@"')
      unit_network="only loopback (unshare -n), /run empty (unshare -m)"
    elif unshare -n sh -c 'ip link set lo up' 2>/dev/null; then
      unit_isolation=(unshare -n sh -c 'ip link set lo up && exec "$0" "$@"')
      unit_network="only loopback (unshare -n); /run not hidden (a mount namespace is not permitted)"
    else
      unit_isolation=(env)
      unit_network="this machine's"
      log "unit tier: unshare -n with loopback is not permitted here (needs root or user namespaces, and ip); it runs with this machine's network"
    fi
    log "unit tier: dotnet test Verification.sln --no-build --filter Category=Unit (no engine reachable; network: $unit_network; evidence to $SELFTEST_RESULTS)"
    unit_status=0
    TEST_RUNNER=(env DOCKER_HOST=unix:///nonexistent/docker.sock TESTCONTAINERS_HOST_OVERRIDE= XDG_STATE_HOME="$unit_state" "${unit_isolation[@]}" dotnet)
    run_tests Verification.sln --no-build --filter "Category=Unit" --logger "console;verbosity=minimal" "$@" || unit_status=1
    TEST_RUNNER=(dotnet)
    rm -rf "$unit_state"
    if [[ $unit_status -ne 0 ]]; then
      stop_background
      log "unit tier failed: fix it first; prepare (started beside it) was stopped, the self-tests and the drill were not started"
      closing_line
      exit 1
    fi
    prepare_status=0
    wait "$PREPARE_PID" || prepare_status=$?
    PREPARE_PID=""
    log "prepare (ran beside the Unit tier):"
    cat "$prepare_output" >&2
    rm -f "$prepare_output"
    if [[ $prepare_status -ne 0 ]]; then
      log "prepare failed (exit $prepare_status; its reason is above): the self-tests and the drill were not started"
      closing_line
      exit 1
    fi
    # prepare ran in its own process: this shell learns the engine's API version itself.
    pin_engine_api
    down
    rm -rf "$RESULTS_DIR"
    # Self-tests and module contracts (they may run side by side), then the drill; the Unit tier ran
    # above, so it is left out here and counted once. Minimal console verbosity: a failing
    # self-test's message and stack trace go into the log.
    # Two lanes side by side (a 2-core machine idles about half the time while the host world's
    # runbooks wait on containers): the host world's self-tests here; the tests on private module
    # worlds (module contracts, Category=ModuleWorld) and those needing no world at all
    # (Category=NoHostWorld: the report render, the production DryRun console, the design card's refusal) in the background. Neither touches the other's
    # containers (the module worlds carry their own names and label; see README, Performance).
    cpu_phase "the two lanes: worlds' start-up, fixtures' set-up and tear-down"
    log "self-tests and contracts: their evidence and the fault catalogue go to $SELFTEST_RESULTS"
    log "second lane, side by side: dotnet test Verification.sln --filter \"(Category=Contract|Category=ModuleWorld|Category=NoHostWorld)&Category!=Unit\" (its console follows the first lane's)"
    start_lane Verification.sln --no-build --filter "(Category=Contract|Category=ModuleWorld|Category=NoHostWorld)&Category!=Unit" --logger "console;verbosity=minimal" "$@"
    run_tests Verification.sln --no-build --filter "Category=SelfTest&Category!=ModuleWorld&Category!=NoHostWorld&Category!=Unit" --logger "console;verbosity=minimal" "$@" || status=1
    finish_lane || status=1
    MINT_ALLURE_RESULTS="$RESULTS_DIR"
    print_fault_catalogue "$SELFTEST_RESULTS" || status=1
    cpu_phase "the drill: each stage's build check and test host start"
    drill "$@" || status=1
    # The drill's bundle reads only the drill's night, and the twins below touch no night of this
    # run: it is made beside them (about 20 s of a 2-core machine), its console shown after them.
    bundle_output="$(mktemp)"
    start_background "$bundle_output" bundle
    bundle_pid="$BACKGROUND_PID"
    # The twin: edited host snapshots built as twins, each refused at the readiness gate (2 min).
    # Its table joins the fault catalogue in the self-tests' night: each divergence is a fault the
    # readiness gate must catch on a twin.
    cpu_phase "the twin divergences (six twins built, each refused at the gate) and the drill's bundle"
    log "twin divergences: bash fixtures/twin/divergences.sh --no-build (table appended to $SELFTEST_RESULTS/fault-catalogue.md; the drill's bundle is made beside it)"
    mkdir -p "$SELFTEST_RESULTS"
    printf '\n## Twin divergences (fixtures/twin/divergences.sh)\n\n' >>"$SELFTEST_RESULTS/fault-catalogue.md"
    bash fixtures/twin/divergences.sh --no-build | tee -a "$SELFTEST_RESULTS/fault-catalogue.md" || { status=1; printf '  twin divergences: see the table above\n' >>"$FAILED_ROWS"; }
    wait_background "$bundle_pid" "$bundle_output"
    log "the drill's bundle (made beside the twin divergences):"
    cat "$bundle_output"
    rm -f "$bundle_output"
    [[ "$BACKGROUND_STATUS" == 0 ]] || { status=1; printf '  bundle: no report.html (its reason is the [evidence] line above)\n' >>"$FAILED_ROWS"; }
    slowest "$SELFTEST_RESULTS" "$RESULTS_DIR"
    closing_line
    exit "$status"
    ;;
  down) down "$@" ;;
  benchmark) exec bash fixtures/bench/benchmark.sh ;;
  divergences)
    # The twin's divergence catalogue: edited snapshots built as twins, each refused at the gate.
    prepare
    exec bash fixtures/twin/divergences.sh ;;
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
