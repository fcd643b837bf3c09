namespace NoFuture.Cli;

/// <summary>The process exit codes every command uses (documented in each command's help).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>doctor</c>: the Strict policy can hold here.</summary>
    internal const int Ok = 0;

    /// <summary>For <c>doctor</c>: the Strict policy cannot hold here.</summary>
    internal const int StrictCannotHold = 1;

    /// <summary>For <c>demo</c>: one of the demo's checks failed (the report lists them).</summary>
    internal const int DemoCheckFailed = 1;

    /// <summary>Unknown command or option, a missing argument, or no passphrase source.</summary>
    internal const int Usage = 2;

    /// <summary>For <c>session</c>: an input file is missing, unreadable, too large or malformed (a bundle that does not
    /// parse or verify).</summary>
    internal const int BadInput = 3;

    /// <summary>For <c>session recv</c>: the message was rejected (a <c>SessionException</c>; its error is named).</summary>
    internal const int MessageRejected = 4;

    /// <summary>For <c>session</c>: the state did not open: wrong passphrase, or the state was altered or is malformed.</summary>
    internal const int StateRejected = 5;

    /// <summary>For <c>session</c>: no session with that peer yet (send, recv), or one already exists (start).</summary>
    internal const int NoSession = 6;

    /// <summary>For <c>session</c>: the state directory is not initialised (every command but init) or already is (init).</summary>
    internal const int StateDirectory = 7;

    /// <summary>For <c>session</c>: the system refused: the state is in use by another process, a file could not be
    /// written, or secret memory was refused (see <c>nofuture doctor</c>).</summary>
    internal const int Environment = 8;
}
