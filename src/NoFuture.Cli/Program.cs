// Entry point of the `nofuture` command: picks the command and maps usage errors to exit code 2.
// Parsing is by hand (BCL only, no System.CommandLine) so the tool stays small and trim/AOT-safe.
using NoFuture.Cli.Commands;

namespace NoFuture.Cli;

internal static class Program
{
    internal const string Usage = """
        Usage: nofuture <command> [options]

        Commands:
          demo        The whole system at work in one process: protected memory, an encrypted store,
                      a post-quantum session both ways, forward secrecy, post-compromise recovery.
          doctor      Report what this machine grants for secret memory, probe two allocations
                      and say whether the Strict policy can hold here.
          session     Post-quantum 1:1 sessions over files: init, bundle, start, send, recv, info.

        Options:
          -h, --help  Show this help.

        Run 'nofuture <command> --help' for a command's options and exit codes.
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        string command = args[0];
        ReadOnlySpan<string> rest = args.AsSpan(1);
        switch (command)
        {
            case "-h" or "--help" or "help":
                Console.Out.WriteLine(Usage);
                return ExitCodes.Ok;
            case "demo":
                return DemoCommand.Run(rest, Console.Out, Console.Error);
            case "doctor":
                return DoctorCommand.Run(rest, Console.Out, Console.Error);
            case "session":
                {
                    using Stream stdout = Console.OpenStandardOutput();
                    return SessionCommand.Run(rest, Console.Out, Console.Error, stdout);
                }
            default:
                return UsageError(Console.Error, command.StartsWith('-')
                    ? $"unknown option '{command}'."
                    : $"unknown command '{command}'.");
        }
    }

    /// <summary>Writes a usage error to standard error and returns <see cref="ExitCodes.Usage"/>.</summary>
    internal static int UsageError(TextWriter error, string message, string help = "nofuture --help")
    {
        error.WriteLine($"nofuture: {message}");
        error.WriteLine($"Run '{help}' for usage.");
        return ExitCodes.Usage;
    }
}
