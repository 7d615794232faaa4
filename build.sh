#!/usr/bin/env bash
# Restore, build and test the solution; `./build.sh pack` also produces the NuGet package.
#   ./build.sh          restore, build (Release) and run every test
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
    dotnet test test/Microsoft.ML.SemiSupervised.Tests --no-build -c "$configuration" \
      --logger "console;verbosity=normal"
    ;;
  pack)
    dotnet pack src/Microsoft.ML.SemiSupervised --no-build -c "$configuration" -o artifacts/packages
    ;;
  *)
    echo "unknown target '$target' (build, test or pack)" >&2
    exit 2
    ;;
esac
