#!/usr/bin/env bash
# Installs the packed package from a local folder feed into a fresh console project, for net8.0 and net10.0, runs the
# README's quick start in it (the first ```csharp block after "## Quick start", on the repository's digits data) and
# checks its output: the saved model loads and beats the same trainer fitted on the labeled rows alone.
# Run by `./build.sh test` after the unit tests; alone: scripts/package-smoke-test.sh (CONFIGURATION=Release default).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
configuration="${CONFIGURATION:-Release}"
smoke="$repo/artifacts/smoke"
feed="$smoke/feed"
# A packages folder of its own, so that the package under test is never an older copy from the user's NuGet cache.
export NUGET_PACKAGES="$smoke/packages"
app="$(mktemp -d)"   # outside the repository: none of its Directory.*.props apply, as in a user's project
trap 'rm -rf "$app"' EXIT

rm -rf "$feed" "$NUGET_PACKAGES/microsoft.ml.semisupervised"
dotnet pack "$repo/src/Microsoft.ML.SemiSupervised" -c "$configuration" -o "$feed" --nologo -v quiet
package="$(cd "$feed" && ls Microsoft.ML.SemiSupervised.*.nupkg | grep -v '\.snupkg$' | head -n 1)"
version="${package#Microsoft.ML.SemiSupervised.}"
version="${version%.nupkg}"
echo "package-smoke-test: $package"

cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Microsoft.ML.SemiSupervised" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
cat > "$app/QuickStart.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <PlatformTarget>x64</PlatformTarget>
  </PropertyGroup>
  <!-- net8.0 at its default language version (C# 12), self-contained: its runtime comes from NuGet. -->
  <PropertyGroup Condition="'\$(TargetFramework)' == 'net8.0'">
    <RuntimeIdentifier>\$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>
    <SelfContained>true</SelfContained>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.ML.SemiSupervised" Version="$version" />
  </ItemGroup>
</Project>
XML
# The README's snippet as it is, then the check (top-level statements go on after it).
awk '/^## Quick start/{s=1} s&&/^```csharp/{c=1;next} c&&/^```/{exit} c' "$repo/README.md" > "$app/Program.cs"
if ! grep -q 'Model.Save' "$app/Program.cs"; then
  echo "package-smoke-test: no quick start snippet found in README.md" >&2
  exit 1
fi
cat >> "$app/Program.cs" <<'CS'

// Appended by scripts/package-smoke-test.sh: the saved model against the supervised baseline, on the test split.
var smokeTest = mlContext.Data.LoadFromTextFile("digits_test.csv", new TextLoader.Options
{
    Columns = [new("Features", DataKind.Single, 0, 63), new("Label", DataKind.Single, 64)],
    HasHeader = true, Separators = [','],
});
var smokeLoaded = mlContext.Model.Load("model.zip", out _);
double smokeSemiSupervised = mlContext.MulticlassClassification.Evaluate(smokeLoaded.Transform(smokeTest)).MicroAccuracy;
var smokeSupervised = mlContext.Transforms.Conversion.MapValueToKey("Label")
    .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
    .Fit(mlContext.Data.FilterRowsByMissingValues(data, "Label"));
double smokeBaseline = mlContext.MulticlassClassification.Evaluate(smokeSupervised.Transform(smokeTest)).MicroAccuracy;
Console.WriteLine($"SMOKE {Environment.Version}: semi-supervised {smokeSemiSupervised:F3}, supervised baseline {smokeBaseline:F3}");
return smokeSemiSupervised > smokeBaseline ? 0 : 1;
CS
cp "$repo/test/data/digits_train.csv" "$repo/test/data/digits_test.csv" "$app/"

failed=0
for framework in net8.0 net10.0; do
  if ! (cd "$app" && dotnet run -c Release -f "$framework" > "$app/$framework.log" 2>&1); then
    echo "package-smoke-test: $framework FAILED" >&2
    cat "$app/$framework.log" >&2
    failed=1
    continue
  fi
  major="${framework#net}"; major="${major%%.*}"
  if ! grep -q "^SMOKE $major\." "$app/$framework.log"; then
    echo "package-smoke-test: $framework ran on the wrong runtime or printed no result" >&2
    cat "$app/$framework.log" >&2
    failed=1
    continue
  fi
  grep -v '^SMOKE' "$app/$framework.log" | tail -n 3
  grep '^SMOKE' "$app/$framework.log"
done
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "package-smoke-test: the quick start passed from the package on net8.0 and net10.0"
