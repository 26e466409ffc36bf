.PHONY: run test build bench bench-sentiment bench-features bench-backfill format

# Local services (PostgreSQL + Azurite), migrations, then the pipeline until Ctrl-C or SIGTERM.
run:
	bash scripts/local-services.sh exec bash scripts/run-pipeline.sh

# The whole suite against a real PostgreSQL cluster and Azurite; results in TestResults/.
test:
	rm -rf TestResults
	bash scripts/local-services.sh exec dotnet test CryptoFunctions.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults

build:
	dotnet build CryptoFunctions.sln -c Release

# Benchmarks against a local PostgreSQL; figures go into docs/benchmarks.md.
bench:
	bash scripts/local-services.sh exec dotnet run --project bench/Bench.csproj -c Release

# Sentiment throughput with base-sized random-weight models (generated on the first run, ~1 GB).
bench-sentiment:
	bash scripts/local-services.sh exec dotnet run --project bench/Bench.csproj -c Release -- sentiment

# Prices and features at scale: 320 symbols × 30 days materialised, 5-minute cycles, price parse + store.
bench-features:
	bash scripts/local-services.sh exec dotnet run --project bench/Bench.csproj -c Release -- features

# History through the CLI: 40,779 archived articles imported and scored, 90 days of klines for the universe, features.
bench-backfill:
	bash scripts/local-services.sh exec dotnet run --project bench/Bench.csproj -c Release -- backfill

format:
	dotnet format CryptoFunctions.sln --verify-no-changes
