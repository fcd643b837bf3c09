using BenchmarkDotNet.Running;

namespace NoFuture.Benchmarks;

/// <summary>
/// Runs the suite: <c>dotnet run -c Release -- --filter '*'</c> (see ../README.md). <c>-- --paired ed25519</c> runs the
/// interleaved Ed25519 comparison instead (Ed25519Paired.cs), <c>-- --paired mls-private-message</c> the
/// interleaved PrivateMessage one (MlsPrivateMessagePaired.cs), <c>-- --paired ml-dsa</c> the interleaved ML-DSA
/// keygen / sign / verify against BouncyCastle (MlDsaPaired.cs), <c>-- --paired sessions</c> QuantumSession in the shapes of
/// bench/sessions/libsignal-bench.mjs (QuantumSessionPaired.cs).
/// </summary>
public static class Program
{
    /// <summary>Entry point; arguments go to BenchmarkDotNet's switcher unless the first is <c>--paired</c>.</summary>
    public static void Main(string[] args)
    {
        if (args is ["--paired", "ed25519", ..])
        {
            Ed25519Paired.Run();
            return;
        }
        if (args is ["--paired", "ml-dsa", ..])
        {
            MlDsaPaired.Run();
            return;
        }
        if (args is ["--paired", "sessions-parts", ..])
        {
            QuantumSessionPaired.Parts();
            return;
        }
        if (args is ["--paired", "sessions", ..])
        {
            QuantumSessionPaired.Run();
            return;
        }
        if (args is ["--paired", "mls-private-message", ..])
        {
            MlsPrivateMessagePaired.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
