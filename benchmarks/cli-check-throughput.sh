#!/usr/bin/env bash
# End-to-end throughput of the CLI's batch `check` over the shared workload's 100,000 requests as JSON lines:
# process start, template read, evaluator build, reading, deciding and writing every line. Not a test (no timed
# asserts); prints requests per second for each of three runs and checks the decisions of the delegated
# subscription against the workload's expected ones. Usage: benchmarks/cli-check-throughput.sh [work-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
sub=ed40e6c1-4292-4dd6-88f1-89e0da98d68b   # CliCheckWorkload.Subscription

dotnet run -c Release --project "$root/benchmarks/ManagedServices.Core.Benchmarks" -- --cli-workload "$work" > /dev/null
dotnet build -c Release "$root/src/ManagedServices.Cli" > /dev/null
cli="$root/.artifacts/bin/ManagedServices.Cli/release/managed-services.dll"

for run in 1 2 3; do
  start=$(date +%s%N)
  dotnet "$cli" check --template "$work/template.json" --parameters "$work/parameters.json" --subscription "$sub" \
    --requests "$work/requests.jsonl" > "$work/decisions.jsonl"
  end=$(date +%s%N)
  python3 - "$work" "$sub" "$start" "$end" <<'PY'
import json, sys
work, sub, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
expected = open(f"{work}/expected.txt").read()
requests = [json.loads(l) for l in open(f"{work}/requests.jsonl")]
decisions = [json.loads(l) for l in open(f"{work}/decisions.jsonl")]
assert len(decisions) == len(requests) == len(expected), "one decision per request"
inside = [i for i, r in enumerate(requests) if r["resource"].lower().startswith(f"/subscriptions/{sub}".lower())]
wrong = [i for i in inside if (decisions[i]["decision"] == "Allow") != (expected[i] == "1")]
outside_allowed = sum(1 for i, d in enumerate(decisions) if d["decision"] == "Allow" and i not in set(inside))
seconds = (end - start) / 1e9
print(f"{len(requests)} requests in {seconds:.2f} s end to end: {len(requests) / seconds:,.0f} requests/s; "
      f"{len(inside)} in the delegated subscription, {len(wrong)} disagree with expected; {outside_allowed} allowed elsewhere")
sys.exit(1 if wrong or outside_allowed else 0)
PY
done
