// Cancellation of long derivations: a derivation that would take many seconds stops promptly after the token is
// cancelled, throws OperationCanceledException, clears the output and wipes (disposes) the memory matrix.
using System.Diagnostics;
using NoFuture.Crypto.Rfc9106;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2CancellationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void LongDerivation_IsCancelledPromptly_OutputCleared_MatrixWiped(int lanes)
    {
        // 64 MiB x 1000 passes: minutes of work.
        var parameters = new Argon2Parameters(Argon2Type.Argon2id, 64 * 1024, 1000, lanes);
        byte[] output = new byte[32];
        output.AsSpan().Fill(0xEE);
        Argon2Instance? seen = null;
        using var cts = new CancellationTokenSource();
        var watch = new Stopwatch();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NoFuture.Crypto.Argon2.DeriveKeyCore("password"u8, new byte[16], parameters, output, default, default,
                Argon2Paths.Best, cts.Token, (pass, instance) =>
                {
                    seen = instance;
                    if (pass == 0)
                    {
                        cts.CancelAfter(50);
                        watch.Start();
                    }
                }));
        watch.Stop();
        Assert.NotNull(seen);
        Assert.True(seen!.IsDisposed, "the matrix must be wiped and unmapped");
        Assert.All(output, b => Assert.Equal(0, b));
        // Checked every 128 blocks per lane (~30 us of work): even a loaded shared machine stops well within 2 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void AlreadyCancelled_ThrowsBeforeWork()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        byte[] output = new byte[32];
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NoFuture.Crypto.Argon2.DeriveKey("pw"u8, new byte[16], Argon2Parameters.Rfc9106Second, output, cancellationToken: cts.Token));
    }
}
