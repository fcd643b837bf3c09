// A command that cannot go on: the exit code and the one line for stderr. Thrown inside the session command and caught
// at its top, so every path ends in one place that disposes what it opened. Messages never hold secret bytes.
namespace NoFuture.Cli.Sessions;

internal sealed class CliFailure : Exception
{
    private CliFailure(int exitCode, string message) : base(message) => ExitCode = exitCode;

    public CliFailure()
    {
    }

    public CliFailure(string message) : base(message)
    {
    }

    public CliFailure(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The process exit code (<see cref="ExitCodes"/>).</summary>
    internal int ExitCode { get; } = ExitCodes.Environment;

    internal static CliFailure Create(int exitCode, string message) => new(exitCode, message);
}
