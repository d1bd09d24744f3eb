#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt.
# The analyzer's code fix cannot run from the command line, but Roslyn's SARIF log carries the exact API line.
# Usage: eng/update-public-api.sh src/Locksmith/Locksmith.csproj
set -euo pipefail
project=${1:?project file}
dir=$(dirname "$project")
log=$(mktemp --suffix=.sarif)
dotnet build "$project" -p:ErrorLog="$log%2Cversion=2.1" >/dev/null 2>&1 || true
python3 - "$log" "$dir/PublicAPI.Unshipped.txt" <<'PY'
import json, sys
log, target = sys.argv[1], sys.argv[2]
runs = json.load(open(log))["runs"]
names = {r["properties"]["customProperties"]["APIName"]
         for run in runs for r in run.get("results", []) if r["ruleId"] == "RS0016"}
lines = [l for l in open(target).read().splitlines() if l.strip()]
header = [l for l in lines if l.startswith("#")]
body = sorted(set(l for l in lines if not l.startswith("#")) | names)
open(target, "w").write("\n".join(header + body) + "\n")
print(f"{len(names)} symbols added to {target}")
PY
rm -f "$log"
