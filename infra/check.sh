#!/usr/bin/env bash
# Builds and lints the Bicep offline and fails on any warning or error. The Bicep CLI comes from NuGet
# (infra/tools restores the Azure.Bicep.CommandLine.linux-x64 package), so no Azure CLI and no
# network beyond the NuGet feed are needed. Usage: bash infra/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

tools=infra/tools/Infra.Tools.csproj
dotnet restore "$tools" --verbosity quiet
bicep="$(dotnet msbuild "$tools" -nologo -getProperty:BicepPath)"
if [ ! -x "$bicep" ]; then
  echo "infra/check.sh: the Bicep CLI was not restored (expected an executable at '$bicep')." >&2
  exit 1
fi
"$bicep" --version

# Every deployable template: main.bicep (with its modules) and the Event Grid subscription that the
# post-deploy hook deploys once the function code is live (see infra/README.md).
templates=(infra/main.bicep infra/blob-events.bicep)

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for template in "${templates[@]}"; do
  for step in build lint; do
    log="$out/$(basename "$template" .bicep).$step.log"
    if [ "$step" = build ]; then
      "$bicep" build "$template" --outdir "$out" >"$log" 2>&1 || status=1
    else
      "$bicep" lint "$template" >"$log" 2>&1 || status=1
    fi
    if grep -Eq ': (Warning|Error|Info) ' "$log"; then
      status=1
    fi
    if [ -s "$log" ]; then
      cat "$log"
    fi
    echo "bicep $step $template: $(grep -Ec ': Error ' "$log" || true) error(s), $(grep -Ec ': Warning ' "$log" || true) warning(s)"
  done
done

if [ "$status" -ne 0 ]; then
  echo "infra/check.sh: the Bicep has errors or warnings." >&2
  exit 1
fi
echo "infra/check.sh: Bicep builds and lints clean."
