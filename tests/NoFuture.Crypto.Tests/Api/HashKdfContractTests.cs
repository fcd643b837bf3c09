// The contract of every HashAlgorithm and KdfAlgorithm, found by reflection over their public static properties (so a
// new member joins automatically), on both SHA-2 paths: wrong destination sizes, outputs overlapping inputs where that
// is not allowed, outputs too long, a disposed IncrementalHasher or KdfKey; and that a rejected call writes nothing
// and leaves an incremental state as it was (docs/failure-policy.md). Assert.Throws checks the exact type.
using NoFuture.Crypto.Tests.Hashing;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Api;

public class HashKdfContractTests
{
    [Fact]
    public void Reflection_FindsEverySingleton()
    {
        Assert.Equal(["SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-512"],
            HashKdfPaths.Singletons<HashAlgorithm>().Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["HKDF-SHA256", "HKDF-SHA384", "HKDF-SHA512"],
            HashKdfPaths.Singletons<KdfAlgorithm>().Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HashAlgorithm_Contract()
    {
        foreach (HashAlgorithm hash in HashKdfPaths.HashesBothPaths())
        {
            int n = hash.HashSizeInBytes;
            foreach (int wrong in new[] { 0, n - 1, n + 1 })
            {
                byte[] destination = Filled(wrong);
                Assert.Throws<ArgumentException>(() => hash.Hash([1, 2, 3], destination));
                Assert.All(destination, x => Assert.Equal(0xAA, x));
            }

            var hasher = hash.CreateIncremental();
            hasher.Append([1, 2, 3]);
            foreach (int wrong in new[] { 0, n - 1, n + 1 })
            {
                byte[] destination = Filled(wrong);
                Assert.Throws<ArgumentException>(() => hasher.GetHashAndReset(destination));
                Assert.All(destination, x => Assert.Equal(0xAA, x));
            }
            byte[] digest = new byte[n];
            hasher.GetHashAndReset(digest); // the failed calls left the state as it was
            Assert.Equal(hash.Hash([1, 2, 3]), digest);

            hasher.Dispose();
            hasher.Dispose(); // idempotent
            Assert.Throws<ObjectDisposedException>(() => hasher.Append([1]));
            Assert.Throws<ObjectDisposedException>(() => hasher.GetHashAndReset(digest));
            Assert.Throws<ObjectDisposedException>(() => hasher.Reset());
        }
    }

    [Fact]
    public void KdfAlgorithm_Contract()
    {
        foreach (KdfAlgorithm kdf in HashKdfPaths.KdfsBothPaths())
        {
            int h = kdf.HashSizeInBytes, max = kdf.MaxOutputSizeInBytes;
            byte[] prk = new byte[h];
            new Random(h).NextBytes(prk);

            // Wrong sizes.
            foreach (int wrong in new[] { 0, h - 1, h + 1 })
                AssertRejected<ArgumentException>(wrong, d => kdf.Extract([1], [2], d));
            AssertRejected<ArgumentException>(0, d => kdf.Expand(prk, d, []));
            AssertRejected<ArgumentException>(max + 1, d => kdf.Expand(prk, d, []));
            AssertRejected<ArgumentException>(0, d => kdf.DeriveKey([1], d, [], []));
            AssertRejected<ArgumentException>(max + 1, d => kdf.DeriveKey([1], d, [], []));
            AssertRejected<ArgumentException>(32, d => kdf.Expand(prk.AsSpan(0, h - 1), d, []));
            Assert.Throws<ArgumentException>(() => kdf.ImportPrk(prk.AsSpan(0, h - 1)));

            // Overlap.
            byte[] buffer = new byte[3 * max];
            Assert.Throws<ArgumentException>(() => kdf.Extract(buffer.AsSpan(0, 40), [], buffer.AsSpan(20, h)));
            Assert.Throws<ArgumentException>(() => kdf.Extract([1], buffer.AsSpan(0, 40), buffer.AsSpan(39, h)));
            Assert.Throws<ArgumentException>(() => kdf.Expand(buffer.AsSpan(0, h), buffer.AsSpan(h - 1, 64), []));
            Assert.Throws<ArgumentException>(() => kdf.Expand(prk, buffer.AsSpan(0, 64), buffer.AsSpan(63, 10)));
            Assert.Throws<ArgumentException>(() => kdf.DeriveKey(buffer.AsSpan(0, 10), buffer.AsSpan(5, 64), [], []));
            Assert.Throws<ArgumentException>(() => kdf.DeriveKey([1], buffer.AsSpan(0, 64), buffer.AsSpan(60, 4), []));
            Assert.Throws<ArgumentException>(() => kdf.DeriveKey([1], buffer.AsSpan(0, 64), [], buffer.AsSpan(60, 4)));

            // Secret forms.
            using Secret prkSecret = Secret.CopyFrom(prk);
            using Secret shortSecret = Secret.Allocate(h - 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => kdf.Expand(prkSecret, [], 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => kdf.Expand(prkSecret, [], max + 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => kdf.DeriveKey(prkSecret, [], [], max + 1));
            Assert.Throws<ArgumentException>(() => kdf.Expand(shortSecret, [], 10));
            Assert.Throws<ArgumentException>(() => kdf.ImportPrk(shortSecret));
            Secret disposedSecret = Secret.Allocate(h);
            disposedSecret.Dispose();
            Assert.Throws<ObjectDisposedException>(() => kdf.ImportPrk(disposedSecret));
            Assert.Throws<ObjectDisposedException>(() => kdf.Extract(disposedSecret, []));

            // The keyed form.
            KdfKey key = kdf.ImportPrk(prkSecret);
            Assert.Same(kdf, key.Algorithm);
            AssertRejected<ArgumentException>(0, d => key.Expand([], d));
            AssertRejected<ArgumentException>(max + 1, d => key.Expand([], d));
            Assert.Throws<ArgumentException>(() => key.Expand(buffer.AsSpan(0, 10), buffer.AsSpan(9, 32)));
            Assert.Throws<ArgumentOutOfRangeException>(() => key.Expand([], 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => key.Expand([], max + 1));
            Assert.Equal($"KdfKey {kdf.Name}", key.ToString());
            byte[] output = new byte[max];
            key.Expand([7], output); // the longest output is allowed
            byte[] expected = new byte[max];
            kdf.Expand(prk, expected, [7]);
            Assert.Equal(expected, output);
            key.Dispose();
            key.Dispose();
            Assert.Throws<ObjectDisposedException>(() => key.Expand([], output));
            Assert.Throws<ObjectDisposedException>(() => key.Expand([], 32));
        }
    }

    private static byte[] Filled(int length)
    {
        byte[] b = new byte[length];
        b.AsSpan().Fill(0xAA);
        return b;
    }

    private delegate void SpanAction(Span<byte> destination);

    /// <summary>The call throws exactly <typeparamref name="T"/> and writes nothing to a destination of <paramref name="length"/> bytes.</summary>
    private static void AssertRejected<T>(int length, SpanAction call) where T : Exception
    {
        byte[] destination = Filled(length);
        Assert.Throws<T>(() => call(destination));
        Assert.All(destination, x => Assert.Equal(0xAA, x));
    }
}
