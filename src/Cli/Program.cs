using System.CommandLine;
using System.Runtime.InteropServices;
using CryptoFunctions.Cli;
using CryptoFunctions.Cli.Commands;

using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM ask the running command to finish its step and exit cleanly.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var root = new RootCommand("cryptofn: crypto news and prices into PostgreSQL, from the command line.")
{
    MigrateCommand.Create(),
    CollectCommand.Create(),
    ScoreCommand.Create(),
    FeaturesCommand.Create(),
    BackfillCommand.Create(),
    ImportCommand.Create(),
    StatusCommand.Create(),
    RunCommand.Create(),
};
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
