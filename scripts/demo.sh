#!/usr/bin/env bash
# make demo: a whole province on this machine — the hub and 21 agency daemons (Công an,
# VH-TT-DL, KH-ĐT, Tài chính, GD-ĐT, Tỉnh đoàn, 15 districts), each its own process, talking
# ZeroMQ with CURVE on loopback.
# Environment: RUN (run directory, default run/demo), PORT (hub ingest port, default 7701; the
# hub also uses PORT+1), DASHBOARD_PORT (the hub's web dashboard on 127.0.0.1, default 8470),
# DURATION (seconds to keep running after the scenario; default: until Ctrl-C),
# PHOIHOP_TODAY (the date the daemons count deadlines from; default 2026-11-30, the end of the
# scripted month, so the deadline board reads the same whatever day the demo runs).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${RUN:-run/demo}
PORT=${PORT:-7701}
DASHBOARD_PORT=${DASHBOARD_PORT:-8470}
export PHOIHOP_TODAY=${PHOIHOP_TODAY:-2026-11-30}
# The daemons are this script's children: if it is killed (kill -9) before its trap stops them,
# each notices within a second that its parent is gone and stops as on SIGTERM.
export PHOIHOP_EXIT_WITH_PARENT=1
BIN=$(swift build --show-bin-path)
PHOIHOP="$BIN/phoihop"
HUB_CONTROL="$RUN/state/so-tttt/control.sock"

for p in "$PORT" "$((PORT + 1))" "$DASHBOARD_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "error: port $p on 127.0.0.1 is in use; run with PORT=<another port> (bus) or DASHBOARD_PORT=<another port> make demo" >&2
    exit 1
  fi
done

pids=()
cleanup() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo
    echo "== stopping ${#pids[@]} daemons (SIGTERM)"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo "== logs and databases are in $RUN/logs and $RUN/state"
}
trap cleanup INT TERM EXIT

echo "== provisioning keys and configuration in $RUN"
rm -rf "$RUN"
"$PHOIHOP" province init --dir "$RUN" --rules config --port "$PORT"
# The demo's reports are numbered in sequence and signed by a fictitious director (hub.yaml's
# optional 'reports:' section, docs/REPORTS.md "Stored reports").
cat >>"$RUN/hub.yaml" <<'YAML'
reports:
  issuer: {signerName: "Nguyễn Văn An"}
  numbering: {mode: sequential, firstNumber: 1}
YAML
# The hub's web dashboard on loopback, with a fresh access token readable by this user only
# (docs/DASHBOARD.md).
# 32 random bytes as hex, from coreutils alone (openssl rand -hex 32 does the same where installed).
(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$RUN/keys/dashboard.token")
cat >>"$RUN/hub.yaml" <<YAML
dashboard:
  enabled: true
  address: 127.0.0.1:$DASHBOARD_PORT
  tokenFile: keys/dashboard.token
YAML

started=$(date +%s%N)
echo "== starting the hub (Sở TT&TT) and the agency daemons"
"$BIN/phoihop-hub" --config "$RUN/hub.yaml" >"$RUN/logs/so-tttt.log" 2>&1 &
pids+=($!)
for config in "$RUN"/agencies/*.yaml; do
  id=$(basename "$config" .yaml)
  "$BIN/phoihop-agency" --config "$config" >"$RUN/logs/$id.log" 2>&1 &
  pids+=($!)
done
agencies=$(ls "$RUN"/agencies/*.yaml | wc -l)

# The hub's control socket appears once it is ready; then ask it until every agency is online.
for _ in $(seq 1 300); do [ -S "$HUB_CONTROL" ] && break; sleep 0.1; done
"$PHOIHOP" status --control "$HUB_CONTROL" --wait-online "$agencies" --timeout 60 >/dev/null
online=$(date +%s%N)
elapsed=$(( (online - started) / 1000000 ))
printf '== all %d agencies online after %d.%03d s\n\n' "$agencies" $((elapsed / 1000)) $((elapsed % 1000))

"$PHOIHOP" demo run --dir "$RUN"
echo
echo "== phoihop status (hub)"
"$PHOIHOP" status --control "$HUB_CONTROL"
echo
echo "== phoihop report (hub)"
"$PHOIHOP" report --control "$HUB_CONTROL"
echo
echo "== phoihop deadlines (hub): what is overdue or due soon on 30/11/2026, and the reminders pushed"
"$PHOIHOP" deadlines --control "$HUB_CONTROL"
echo
echo
echo "== phoihop report periodic (hub): the fourth quarter's report in the Decree 30/2020 form"
"$PHOIHOP" report periodic --control "$HUB_CONTROL" --kind quarterly --month 2026-12 --format html --out "$RUN/bao-cao-quy-iv-2026.html"
echo "   (open it in a browser and print on A4; --format md shows it here, --format csv --out DIR gives its tables)"
echo
echo "== phoihop report review (hub): the Điều 11 review of November — who kept the coordination's deadlines"
"$PHOIHOP" report review --control "$HUB_CONTROL" --from 2026-11-01 --to 2026-11-30 --format html --out "$RUN/so-ket-thang-11-2026.html"
echo
echo "== phoihop report compiled (hub): the agencies' answers to report request BC-2026-11, and who has not answered"
"$PHOIHOP" report compiled --control "$HUB_CONTROL" --request BC-2026-11 --format html --out "$RUN/tong-hop-BC-2026-11.html"
echo
echo "== phoihop report issue (hub): November's monthly report, numbered and stored with the state it came from"
"$PHOIHOP" report issue --control "$HUB_CONTROL" --kind monthly --month 2026-11
"$PHOIHOP" report archive list --control "$HUB_CONTROL"
"$PHOIHOP" report archive verify --control "$HUB_CONTROL" --id 1
echo "Try: $PHOIHOP status --control $RUN/state/district-ben-luc/control.sock"
echo
echo "== the web dashboard: http://127.0.0.1:$DASHBOARD_PORT/ (token in $RUN/keys/dashboard.token)"
echo "   or open http://127.0.0.1:$DASHBOARD_PORT/login?token=$(cat "$RUN/keys/dashboard.token")"
if [ -n "${DURATION:-}" ]; then
  echo "== the province keeps running for ${DURATION} s"
  sleep "$DURATION"
else
  echo "== the province keeps running; press Ctrl-C to stop it"
  wait
fi
