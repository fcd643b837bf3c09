// One contract over every SignatureAlgorithm member, enumerated by reflection over the class's public static
// properties, so a new member joins without an edit: the same misuse cases with exact exception types
// (docs/failure-policy.md), a round trip through both verify paths, hostile inputs that must give false, and the Try
// pattern (too small: false, nothing written).
using System.Reflection;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Signatures;

public class SignatureContractTests
{
    public static TheoryData<string> Algorithms => new(typeof(SignatureAlgorithm)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(SignatureAlgorithm))
        .Select(p => p.Name));

    private static SignatureAlgorithm Get(string name) =>
        (SignatureAlgorithm)typeof(SignatureAlgorithm).GetProperty(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void EveryMemberIsEnumerated_WithDistinctNames()
    {
        string[] names = typeof(SignatureAlgorithm).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(SignatureAlgorithm)).Select(p => p.Name).ToArray();
        Assert.Equal(12, names.Length); // the members today; raise this when one is added
        Assert.Equal(names.Length, names.Select(n => Get(n).Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RoundTrip_BothVerifyPaths(string name)
    {
        SignatureAlgorithm alg = Get(name);
        Assert.Equal(alg.Name, alg.ToString());
        using SigningKey key = alg.GenerateKey();
        Assert.Same(alg, key.Algorithm);
        Assert.Equal(alg.PublicKeySizeInBytes, key.PublicKey.Length);
        byte[] message = "round trip"u8.ToArray();
        byte[] context = alg.SupportsContext ? "ctx"u8.ToArray() : [];

        byte[] sig = new byte[alg.SignatureSizeInBytes];
        sig = sig[..key.Sign(message, sig, context)];
        Assert.InRange(sig.Length, 1, alg.SignatureSizeInBytes);
        Assert.True(alg.Verify(key.PublicKey, message, sig, context));
        SignaturePublicKey pk = alg.ImportPublicKey(key.PublicKey);
        Assert.Same(alg, pk.Algorithm);
        Assert.True(pk.PublicKey.SequenceEqual(key.PublicKey));
        Assert.True(pk.Verify(message, sig, context));

        byte[] buffer = new byte[alg.SignatureSizeInBytes + 10];
        int written = key.Sign(message, buffer, context);
        Assert.True(pk.Verify(message, buffer.AsSpan(0, written), context));
        Assert.True(key.TrySign(message, buffer, out written, context));
        Assert.True(pk.Verify(message, buffer.AsSpan(0, written), context));

        if (alg.SupportsContext)
        {
            Assert.False(pk.Verify(message, sig, "other"u8));
            Assert.False(pk.Verify(message, sig));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void HostileInputs_VerifyFalse(string name)
    {
        SignatureAlgorithm alg = Get(name);
        using SigningKey key = alg.GenerateKey();
        byte[] message = new byte[40];
        byte[] sig = key.Sign(message);
        SignaturePublicKey pk = alg.ImportPublicKey(key.PublicKey);
        for (int bit = 0; bit < message.Length * 8; bit += 29)
        {
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(alg.Verify(key.PublicKey, message, sig));
            Assert.False(pk.Verify(message, sig));
            message[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        for (int bit = 0; bit < sig.Length * 8; bit += 13)
        {
            sig[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(alg.Verify(key.PublicKey, message, sig), $"bit {bit}");
            Assert.False(pk.Verify(message, sig), $"bit {bit}");
            sig[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        Assert.True(pk.Verify(message, sig));
        Assert.False(pk.Verify(message, sig.AsSpan(0, sig.Length - 1)));
        Assert.False(pk.Verify(message, []));
        Assert.False(pk.Verify(message, [.. sig, 0]));
        Assert.False(alg.Verify(key.PublicKey, message, sig.AsSpan(0, sig.Length - 1)));
        // A key of the right length that is not a point: false in the one-shot form, refused at import. ML-DSA has no
        // such key (FIPS 204 defines no public-key check: every encoding decodes), so there the key is imported and
        // verifies nothing.
        byte[] notAPoint = Enumerable.Repeat((byte)0xFF, alg.PublicKeySizeInBytes).ToArray();
        Assert.False(alg.Verify(notAPoint, message, sig));
        if (alg.Name.StartsWith("ML-DSA-", StringComparison.Ordinal))
            Assert.False(alg.ImportPublicKey(notAPoint).Verify(message, sig));
        else
            Assert.Equal(CryptoError.InvalidPublicKey, Assert.Throws<CryptoException>(() => alg.ImportPublicKey(notAPoint)).Error);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Misuse_ExactExceptionTypes(string name)
    {
        SignatureAlgorithm alg = Get(name);
        byte[] message = [1, 2, 3];
        foreach (int size in new[] { 0, alg.PublicKeySizeInBytes - 1, alg.PublicKeySizeInBytes + 1 })
        {
            Assert.Throws<ArgumentException>(() => alg.Verify(new byte[size], message, new byte[alg.SignatureSizeInBytes]));
            Assert.Throws<ArgumentException>(() => alg.ImportPublicKey(new byte[size]));
        }
        Assert.Throws<ArgumentException>(() => alg.ImportPrivateKey(new byte[alg.PrivateKeySizeInBytes + 1]));
        using (Secret wrong = Secret.Allocate(alg.PrivateKeySizeInBytes - 1))
            Assert.Throws<ArgumentException>(() => alg.ImportPrivateKey(wrong));
        Assert.Throws<ArgumentNullException>(() => alg.ImportPrivateKey((Secret)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => alg.GenerateKey(exportPolicy: (KeyExportPolicies)0x40));

        SigningKey key = alg.GenerateKey();
        SignaturePublicKey pk = alg.ImportPublicKey(key.PublicKey);
        byte[] sig = key.Sign(message);

        // Export without the policy.
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey(new byte[alg.PrivateKeySizeInBytes]));

        // Contexts: refused where the algorithm takes none; over 255 bytes refused everywhere.
        byte[] context = alg.SupportsContext ? new byte[256] : [1];
        Assert.Throws<ArgumentException>(() => key.Sign(message, new byte[alg.SignatureSizeInBytes], context));
        Assert.Throws<ArgumentException>(() => key.TrySign(message, new byte[alg.SignatureSizeInBytes], out _, context));
        Assert.Throws<ArgumentException>(() => alg.Verify(key.PublicKey, message, sig, context));
        Assert.Throws<ArgumentException>(() => pk.Verify(message, sig, context));

        // Too small: Sign throws, TrySign returns false and writes nothing.
        byte[] small = Enumerable.Repeat((byte)0xA5, alg.SignatureSizeInBytes - 1).ToArray();
        Assert.Throws<ArgumentException>(() => key.Sign(message, small));
        Assert.False(key.TrySign(message, small, out int written));
        Assert.Equal(0, written);
        Assert.All(small, b => Assert.Equal(0xA5, b));

        // Overlap of the destination with the message.
        byte[] shared = new byte[alg.SignatureSizeInBytes + 20];
        Assert.Throws<ArgumentException>(() => key.Sign(shared.AsSpan(0, 10), shared.AsSpan(5)));

        key.Dispose();
        key.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => key.Sign(message));
        Assert.Throws<ObjectDisposedException>(() => key.Sign(message, new byte[alg.SignatureSizeInBytes]));
        Assert.Throws<ObjectDisposedException>(() => key.TrySign(message, new byte[alg.SignatureSizeInBytes], out _));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => key.ExportPublicKey());
        Assert.Throws<ObjectDisposedException>(() => _ = key.PublicKey.Length);
        Assert.True(pk.Verify(message, sig)); // the public key lives on
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void ExportWithPolicy_RoundTripsThroughImport(string name)
    {
        SignatureAlgorithm alg = Get(name);
        using SigningKey key = alg.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using Secret sk = key.ExportPrivateKey();
        Assert.Equal(alg.PrivateKeySizeInBytes, sk.Length);
        using SigningKey again = alg.ImportPrivateKey(sk);
        Assert.True(again.PublicKey.SequenceEqual(key.PublicKey));
        Assert.Equal(KeyExportPolicies.None, again.ExportPolicy);
        Assert.Throws<ArgumentException>(() => key.ExportPrivateKey(new byte[alg.PrivateKeySizeInBytes - 1]));
    }
}
