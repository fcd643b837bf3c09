namespace NoFuture.Cli;

/// <summary>The process exit codes every command uses (documented in each command's help).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>doctor</c>: the Strict policy can hold here.</summary>
    internal const int Ok = 0;

    /// <summary>For <c>doctor</c>: the Strict policy cannot hold here.</summary>
    internal const int StrictCannotHold = 1;

    /// <summary>Unknown command or option.</summary>
    internal const int Usage = 2;
}
