#!/usr/bin/env bash
# Builds the CLI and runs the local pipeline in the foreground (used by `make run`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$ROOT/src/Cli/Cli.csproj" -c Release -o "$ROOT/.local/cli" --nologo -v quiet
exec dotnet "$ROOT/.local/cli/cryptofn.dll" run "$@"
