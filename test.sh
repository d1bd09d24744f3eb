#!/usr/bin/env bash
# The test command: installs what the tests need (redis-server and openssl, for the Redis backend's real-server tests), then
# builds and runs every test project in Framework.sln. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

# redis-server for the Redis backend's real-server tests; openssl for the TLS test's certificates.
if ! command -v redis-server >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then
  echo "redis-server or openssl is missing: installing them from Debian's packages"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server redis-tools openssl >/dev/null
fi
redis-server --version

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Framework.sln -c Release -warnaserror -nologo -v q

log=$(mktemp)
status=0
dotnet test Framework.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?

# The sample is part of the contract: it must run and keep its invariants (exit 0).
echo "Running samples/Orders"
sample_passed=0; sample_failed=0
if dotnet samples/Orders/bin/Release/net10.0/Orders.dll >/dev/null; then sample_passed=$((sample_passed+1)); else sample_failed=$((sample_failed+1)); status=1; echo "samples/Orders FAILED"; fi
echo "Running samples/Orders --redis against a redis-server started for it"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 16379)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "/tmp/locksmith-sample-$port.pid" >/dev/null
sleep 0.5
if dotnet samples/Orders/bin/Release/net10.0/Orders.dll --redis "127.0.0.1:$port" >/dev/null; then sample_passed=$((sample_passed+1)); else sample_failed=$((sample_failed+1)); status=1; echo "samples/Orders --redis FAILED"; fi
kill "$(cat "/tmp/locksmith-sample-$port.pid")" 2>/dev/null || true
echo "Running samples/Orders --kafka mock (librdkafka's mock cluster, started by the sample)"
if dotnet samples/Orders/bin/Release/net10.0/Orders.dll --kafka mock >/dev/null 2>&1; then sample_passed=$((sample_passed+1)); else sample_failed=$((sample_failed+1)); status=1; echo "samples/Orders --kafka mock FAILED"; fi

# dotnet test prints one summary per test assembly; add them up into the closing line CI reads.
passed=$(( $(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}') + sample_passed ))
failed=$(( $(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}') + sample_failed ))
rm -f "$log"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran"; status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
