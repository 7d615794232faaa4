#!/usr/bin/env bash
# Restore, build and test the solution; `./build.sh pack` also produces the NuGet package.
#   ./build.sh          restore, build (Release) and run every test (net10.0 and net8.0; the neural package's on net10.0),
#                       then the package smoke test
#   ./build.sh test     the same
#   ./build.sh build    restore and build only
#   ./build.sh pack     build and pack into artifacts/packages (package, symbols, readme)
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-test}"
configuration="${CONFIGURATION:-Release}"

dotnet restore Microsoft.ML.SemiSupervised.sln
dotnet build Microsoft.ML.SemiSupervised.sln --no-restore -c "$configuration"
case "$target" in
  build) ;;
  test)
    # Each step runs even if one before it failed, so one run shows every failure; any failure fails the run.
    status=0
    # The unit tests on net10.0 and net8.0 (self-contained: its runtime comes from NuGet), then the C# 12 catalog
    # tests (net8.0, LangVersion 12), then the package installed from a local feed into fresh console projects.
    dotnet test test/Microsoft.ML.SemiSupervised.Tests --no-build -c "$configuration" \
      --logger "console;verbosity=normal" || status=1
    dotnet test test/Microsoft.ML.SemiSupervised.CSharp12Tests --no-build -c "$configuration" \
      --logger "console;verbosity=normal" || status=1
    # The neural package's tests (net10.0, LibTorch 2.10.0 CPU from the TorchSharp-cpu package).
    dotnet test test/Microsoft.ML.SemiSupervised.TorchSharp.Tests --no-build -c "$configuration" \
      --logger "console;verbosity=normal" || status=1
    CONFIGURATION="$configuration" scripts/package-smoke-test.sh || status=1
    exit "$status"
    ;;
  pack)
    dotnet pack src/Microsoft.ML.SemiSupervised --no-build -c "$configuration" -o artifacts/packages
    ;;
  *)
    echo "unknown target '$target' (build, test or pack)" >&2
    exit 2
    ;;
esac
