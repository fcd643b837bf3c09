namespace NoFuture.Native.Tests;

public sealed record ProcessResult(int ExitCode, string Output, string Error);
