#!/usr/bin/env bash
# Measures what Locksmith's analyzers add to a build: a synthetic project of 500 C# files (lock code of the shapes the
# rules look at, plus ordinary Redis and plain code) is built from scratch with and without the analyzers, alternating,
# RUNS times each after one warm-up of each; the medians and the compiler's own analyzer timing are printed as markdown.
# Usage: tests/Locksmith.Analyzers.Tests/BuildCost/measure.sh [runs] [cold|server]   (from the repository root)
#   runs: builds of each variant (default 7). cold (default): every build starts its own compiler, as on a CI agent, so
#   loading and JIT-compiling the analyzers is paid each time. server: builds go through the warm compiler server, as in
#   a developer's edit-build loop, where that is paid once.
#   LOCKSMITH_ANALYZERS_DLL=path measures that build of the analyzers instead (e.g. another commit's, to compare).
# Every build takes /tmp/locksmith-build.lock, the machine's shared build lock, so builds never overlap another's. It is
# taken with flock -o: without it the compiler server a build starts inherits the lock and holds it long after the build.
# Each build's time is MSBuild's own "Time Elapsed", so waiting for the lock is not counted.
set -euo pipefail

RUNS="${1:-7}"
MODE="${2:-cold}"
SHARED=$([ "$MODE" = server ] && echo true || echo false)
FILES=500
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
WORK="$(mktemp -d /tmp/locksmith-buildcost.XXXXXX)"
BUILD=(flock -o /tmp/locksmith-build.lock dotnet)
NOSERVERS=(-nodeReuse:false)

"${BUILD[@]}" build "$ROOT/analyzers/Locksmith.Analyzers" -c Release -nologo -v:q "${NOSERVERS[@]}" >/dev/null
"${BUILD[@]}" build "$ROOT/src/Locksmith" -c Release -nologo -v:q "${NOSERVERS[@]}" >/dev/null
# A copy, so rebuilding the analyzers while this runs cannot change what is measured halfway.
mkdir -p "$WORK/analyzer"
cp "${LOCKSMITH_ANALYZERS_DLL:-$ROOT/analyzers/Locksmith.Analyzers/bin/Release/netstandard2.0/Locksmith.Analyzers.dll}" "$WORK/analyzer/"
ANALYZER="$WORK/analyzer/Locksmith.Analyzers.dll"
LOCKSMITH="$ROOT/src/Locksmith/bin/Release/net10.0/Locksmith.dll"
REDIS_VERSION="$(grep -o 'Include="StackExchange.Redis" Version="[^"]*"' "$ROOT/Directory.Packages.props" | sed 's/.*Version="//; s/"//')"

cat > "$WORK/Synthetic.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <UseSharedCompilation>$SHARED</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="StackExchange.Redis" Version="$REDIS_VERSION" />
    <Reference Include="Locksmith" HintPath="$LOCKSMITH" />
  </ItemGroup>
  <ItemGroup Condition="'\$(WithLocksmithAnalyzers)' == 'true'">
    <Analyzer Include="$ANALYZER" />
  </ItemGroup>
</Project>
XML

# Five kinds of file in turn: LockTake/LockRelease, SET NX + compare-and-delete script, a Locksmith lease,
# TryAcquireAsync with its null check, and code with no lock at all (ordinary Redis reads and arithmetic).
for i in $(seq 1 "$FILES"); do
  case $((i % 5)) in
    0) body="public bool Run(Action work) { var token = Guid.NewGuid().ToString(); if (!db.LockTake(Key(\"a\"), token, TimeSpan.FromSeconds(30))) { return false; } try { work(); return true; } finally { db.LockRelease(Key(\"a\"), token); } }" ;;
    1) body="private const string Release = \"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0\"; public async Task<bool> Run(string token) { if (!await db.StringSetAsync(Key(\"b\"), token, TimeSpan.FromSeconds(10), When.NotExists)) { return false; } await db.ScriptEvaluateAsync(Release, new RedisKey[] { Key(\"b\") }, new RedisValue[] { token }); return true; }" ;;
    2) body="public async Task Run(Func<Task> work) { await using var lease = await locks.AcquireAsync(Key(\"c\")); await work(); }" ;;
    3) body="public async Task Run(Func<Task> work) { await using var lease = await locks.TryAcquireAsync(Key(\"d\")); if (lease is null) { return; } await work(); }" ;;
    4) body="public async Task<long> Run(string id) { var name = await db.StringGetAsync(\"user:\" + id); var total = 0L; for (var n = 0; n < 10; n++) { total += n * (name.IsNull ? 1 : 2); } await db.HashSetAsync(\"stats:\" + id, \"total\", total); return total; }" ;;
  esac
  cat > "$WORK/File$i.cs" <<CS
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Locksmith;
using StackExchange.Redis;

namespace Synthetic.N$i;

public sealed class Worker$i(IDatabase db, ILockProvider locks)
{
    private readonly Dictionary<string, int> seen = new();

    private static string Key(string part) => "synthetic:$i:" + part;

    $body

    public int Count(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            seen[name] = seen.TryGetValue(name, out var n) ? n + 1 : 1;
        }

        return seen.Count + (locks.GetHashCode() + db.GetHashCode()) % 2;
    }
}
CS
done

"${BUILD[@]}" restore "$WORK/Synthetic.csproj" -nologo -v:q "${NOSERVERS[@]}" >/dev/null

# One build from scratch; prints MSBuild's elapsed seconds for it, and the CPU seconds (user + system) of the build and
# every process it waited for (the compiler included, in cold mode) into "$log.cpu". CPU time moves much less than
# elapsed time when another build or test run competes for the machine's cores.
build() {
  local with="$1" log="$2"
  rm -rf "$WORK/obj/Release" "$WORK/bin"
  local TIMEFORMAT='%U %S'
  { time "${BUILD[@]}" build "$WORK/Synthetic.csproj" -c Release -nologo --no-restore --no-incremental -p:WithLocksmithAnalyzers="$with" \
    -p:ReportAnalyzer=true -v:d "${NOSERVERS[@]}" > "$log" ; } 2> "$log.time"
  awk 'END { print $1 + $2 }' "$log.time" > "$log.cpu"
  grep -q "Build succeeded" "$log" || { echo "build failed, see $log" >&2; exit 1; }
  grep -E "^Time Elapsed" "$log" | tail -1 | awk -F'[: ]+' '{ print $3 * 3600 + $4 * 60 + $5 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

build false "$WORK/warm-without.log" >/dev/null
build true "$WORK/warm-with.log" >/dev/null
: > "$WORK/without.txt"; : > "$WORK/with.txt"; : > "$WORK/analyzer.txt"; : > "$WORK/without-cpu.txt"; : > "$WORK/with-cpu.txt"
for run in $(seq 1 "$RUNS"); do
  build false "$WORK/without-$run.log" >> "$WORK/without.txt"
  build true "$WORK/with-$run.log" >> "$WORK/with.txt"
  cat "$WORK/without-$run.log.cpu" >> "$WORK/without-cpu.txt"
  cat "$WORK/with-$run.log.cpu" >> "$WORK/with-cpu.txt"
  # The compiler's own account (ReportAnalyzer): seconds spent in Locksmith.Analyzers during this build.
  grep -m1 -E "^\s+[0-9.<]+\s+[0-9]+\s+Locksmith.Analyzers," "$WORK/with-$run.log" | awk '{ print ($1 == "<0.001") ? 0 : $1 }' >> "$WORK/analyzer.txt" || echo 0 >> "$WORK/analyzer.txt"
done

without=$(median < "$WORK/without.txt")
with=$(median < "$WORK/with.txt")
analyzer=$(median < "$WORK/analyzer.txt")
without_cpu=$(median < "$WORK/without-cpu.txt")
with_cpu=$(median < "$WORK/with-cpu.txt")
pct() { echo "scale=1; 100 * ($1) / $2" | bc; }
echo "| build of $FILES files, from scratch, $MODE compiler ($RUNS runs each, alternating) | median elapsed (s) | median CPU (s) |"
echo "|---|---|---|"
echo "| without Locksmith's analyzers | $without | $without_cpu |"
echo "| with Locksmith's analyzers | $with | $with_cpu |"
echo "| difference | $(echo "$with - $without" | bc) ($(pct "$with - $without" "$without") %) | $(echo "$with_cpu - $without_cpu" | bc) ($(pct "$with_cpu - $without_cpu" "$without_cpu") %) |"
echo "| time the compiler spent in Locksmith.Analyzers (ReportAnalyzer, median) | $analyzer ($(pct "$analyzer" "$without") % of the build) | |"
echo
echo "runs without: $(tr '\n' ' ' < "$WORK/without.txt")"
echo "runs with:    $(tr '\n' ' ' < "$WORK/with.txt")"
echo "analyzer s:   $(tr '\n' ' ' < "$WORK/analyzer.txt")"
echo "cpu without:  $(tr '\n' ' ' < "$WORK/without-cpu.txt")"
echo "cpu with:     $(tr '\n' ' ' < "$WORK/with-cpu.txt")"
echo "(work folder: $WORK)"
