// Holds secrets, installs CatchInterrupt and waits to be signalled. The purge callback records whether the
// secrets' memory was already wiped when it ran.
namespace NoFuture.Memory.Probe;

internal static unsafe class SignalScenario
{
    internal static int Run(string markerPath)
    {
        var pooled = Secret.Allocate(32);
        var guarded = Secret.Allocate(5000);
        pooled.Write(0, static (s, _) => SecretBytes.Fill(s));
        guarded.Write(0, static (s, _) => SecretBytes.Fill(s));
        byte* p = pooled.DangerousData;
        byte* g = guarded.DangerousData;
        using IDisposable guard = SecureMemory.CatchInterrupt(signal =>
        {
            bool wiped = new ReadOnlySpan<byte>(p, 32).IndexOfAnyExcept((byte)0) < 0
                         && new ReadOnlySpan<byte>(g, 5000).IndexOfAnyExcept((byte)0) < 0;
            File.WriteAllText(markerPath, $"signal={signal} wiped={wiped} disposed={pooled.IsDisposed}");
        });
        Console.WriteLine("ready");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
