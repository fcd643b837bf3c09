// Cancellation of long derivations: a derivation that would take minutes stops after the token is cancelled, throws
// OperationCanceledException, clears the output and wipes (disposes) the memory matrix. "Promptly" is asserted in
// work, never in wall-clock time (a loaded machine can stall any thread for seconds): the derivation checks the token
// every 128 blocks of every segment (RFC 9106 §3.2 fill loop, Argon2Instance.FillSegment), so once cancellation is
// requested no further pass of the 1000 can complete, except the one already under way when the request landed
// after its last check.
using NoFuture.Crypto.PasswordHashing;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2CancellationTests
{
    /// <summary>64 MiB x 1000 passes: minutes of work, if cancellation did not stop it.</summary>
    private static Argon2Parameters Long(int lanes) => new(Argon2Type.Argon2id, 64 * 1024, 1000, lanes);

    /// <summary>Cancelled between passes (from the pass hook, on the deriving thread): not one more pass completes.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void CancelledAfterAPass_NoFurtherPassCompletes_OutputCleared_MatrixWiped(int lanes)
    {
        byte[] output = new byte[32];
        output.AsSpan().Fill(0xEE);
        Argon2Instance? seen = null;
        var passes = new List<int>();
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NoFuture.Crypto.Argon2.DeriveKeyCore("password"u8, new byte[16], Long(lanes), output, default, default,
                Argon2Paths.Best, cts.Token, (pass, instance) =>
                {
                    seen = instance;
                    passes.Add(pass);
                    if (pass == 0) cts.Cancel();
                }));
        Assert.Equal([0], passes);
        Assert.NotNull(seen);
        Assert.True(seen!.IsDisposed, "the matrix must be wiped and unmapped");
        Assert.All(output, b => Assert.Equal(0, b));
    }

    /// <summary>
    /// Cancelled from another thread at an arbitrary moment (a timer, most likely inside a pass): the derivation stops,
    /// and at most the pass that was under way at the request completes afterwards.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void LongDerivation_IsCancelledPromptly_OutputCleared_MatrixWiped(int lanes)
    {
        byte[] output = new byte[32];
        output.AsSpan().Fill(0xEE);
        Argon2Instance? seen = null;
        int completed = 0, completedAtRequest = -1;
        using var cts = new CancellationTokenSource();
        // Runs on the cancelling thread, synchronously inside Cancel: what had completed when the request was made.
        using CancellationTokenRegistration registration =
            cts.Token.Register(() => Volatile.Write(ref completedAtRequest, Volatile.Read(ref completed)));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NoFuture.Crypto.Argon2.DeriveKeyCore("password"u8, new byte[16], Long(lanes), output, default, default,
                Argon2Paths.Best, cts.Token, (pass, instance) =>
                {
                    seen = instance;
                    Interlocked.Increment(ref completed);
                    if (pass == 0) cts.CancelAfter(50);
                }));
        Assert.NotNull(seen);
        Assert.True(seen!.IsDisposed, "the matrix must be wiped and unmapped");
        Assert.All(output, b => Assert.Equal(0, b));
        int atRequest = Volatile.Read(ref completedAtRequest);
        Assert.True(atRequest >= 1, "the cancellation was requested after the first pass");
        Assert.True(completed <= atRequest + 1,
            $"{completed} passes completed, {atRequest} of them before the cancellation request: the derivation ran a whole pass after it");
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
