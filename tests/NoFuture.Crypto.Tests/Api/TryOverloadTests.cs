// The Try… overloads (docs/conventions.md) for public output: every one returns false with bytesWritten 0 and the
// destination untouched when it is one byte short (or empty), returns true with the exact size when it is exact or
// larger (bytes after the output untouched), and writes what the exact-size Span form and the byte[] convenience write.
// Randomised outputs (ECDSA, encapsulation) are checked by verifying or decapsulating them instead of comparing bytes.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Aead;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Api;

public class TryOverloadTests
{
    private const byte Sentinel = 0xA5;

    private delegate bool TryWriter(Span<byte> destination, out int bytesWritten);

    public static TheoryData<string> AeadNames => new() { "AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305", "XChaCha20-Poly1305" };

    public static TheoryData<string> MlKemNames => new() { "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024" };

    private static AeadAlgorithm Aead(string name) => name switch
    {
        "AES-128-GCM" => AeadAlgorithm.Aes128Gcm,
        "AES-256-GCM" => AeadAlgorithm.Aes256Gcm,
        "ChaCha20-Poly1305" => AeadAlgorithm.ChaCha20Poly1305,
        _ => AeadAlgorithm.XChaCha20Poly1305,
    };

    private static MLKemAlgorithm MlKemAlgorithm(string name) => name switch
    {
        "ML-KEM-512" => System.Security.Cryptography.MLKemAlgorithm.MLKem512,
        "ML-KEM-768" => System.Security.Cryptography.MLKemAlgorithm.MLKem768,
        _ => System.Security.Cryptography.MLKemAlgorithm.MLKem1024,
    };

    /// <summary>
    /// The whole Try contract for an output of <paramref name="size"/> bytes. Each successful write is handed to
    /// <paramref name="check"/> (compare with the Span form, verify, decapsulate…).
    /// </summary>
    private static void AssertTryContract(int size, TryWriter tryWrite, Action<byte[]> check)
    {
        foreach (int tooSmall in new[] { 0, size - 1 })
        {
            byte[] small = Enumerable.Repeat(Sentinel, tooSmall).ToArray();
            Assert.False(tryWrite(small, out int written));
            Assert.Equal(0, written);
            Assert.All(small, b => Assert.Equal(Sentinel, b));
        }
        foreach (int extra in new[] { 0, 1, 37 })
        {
            byte[] destination = Enumerable.Repeat(Sentinel, size + extra).ToArray();
            Assert.True(tryWrite(destination, out int written));
            Assert.Equal(size, written);
            Assert.All(destination.AsSpan(size).ToArray(), b => Assert.Equal(Sentinel, b));
            check(destination[..size]);
        }
    }

    [Fact]
    public void X25519_PublicKey_AndDerivePublicKey()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] exact = new byte[32];
        key.ExportPublicKey(exact);
        Assert.Equal(key.PublicKey.ToArray(), exact);
        Assert.Equal(exact, key.ExportPublicKey());
        AssertTryContract(32, key.TryExportPublicKey, written => Assert.Equal(exact, written));

        using Secret scalar = X25519.GeneratePrivateKey();
        byte[] derived = new byte[32];
        X25519.DerivePublicKey(scalar, derived);
        AssertTryContract(32, (Span<byte> d, out int n) => X25519.TryDerivePublicKey(scalar, d, out n), w => Assert.Equal(derived, w));
        byte[] raw = scalar.Read(0, static (s, _) => s.ToArray());
        AssertTryContract(32, (Span<byte> d, out int n) => X25519.TryDerivePublicKey(raw, d, out n), w => Assert.Equal(derived, w));
    }

    public static TheoryData<string> SignatureAlgorithms => new(typeof(SignatureAlgorithm)
        .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(SignatureAlgorithm)).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(SignatureAlgorithms))]
    public void SigningKey_PublicKey_AndSignature(string name)
    {
        var algorithm = (SignatureAlgorithm)typeof(SignatureAlgorithm).GetProperty(name)!.GetValue(null)!;
        using SigningKey key = algorithm.GenerateKey();
        int size = algorithm.PublicKeySizeInBytes;
        byte[] pk = new byte[size];
        key.ExportPublicKey(pk);
        Assert.Equal(key.PublicKey.ToArray(), pk);
        Assert.Equal(pk, key.ExportPublicKey());
        AssertTryContract(size, key.TryExportPublicKey, w => Assert.Equal(pk, w));
        SignaturePublicKey imported = algorithm.ImportPublicKey(pk);
        AssertTryContract(size, imported.TryExportPublicKey, w => Assert.Equal(pk, w));

        byte[] message = RandomNumberGenerator.GetBytes(100);
        byte[] signature = new byte[algorithm.SignatureSizeInBytes];
        int written = key.Sign(message, signature);
        bool deterministic = algorithm.Name.StartsWith("Ed", StringComparison.Ordinal);
        if (deterministic) Assert.Equal(signature, key.Sign(message)); // RFC 8032: same key, same message, same signature
        Assert.True(imported.Verify(message, key.Sign(message)));
        Assert.True(imported.Verify(message, signature.AsSpan(0, written)));
        if (written == algorithm.SignatureSizeInBytes && !algorithm.Name.EndsWith("-SHA256", StringComparison.Ordinal)
            && !algorithm.Name.EndsWith("-SHA384", StringComparison.Ordinal) && !algorithm.Name.EndsWith("-SHA512", StringComparison.Ordinal))
        {
            // Fixed-size signatures (EdDSA, P1363): the full Try contract.
            AssertTryContract(algorithm.SignatureSizeInBytes, (Span<byte> d, out int n) => key.TrySign(message, d, out n), w =>
            {
                if (deterministic) Assert.Equal(signature, w);
                Assert.True(imported.Verify(message, w));
            });
        }
        else
        {
            // DER: the destination must hold the maximum; a shorter signature leaves the rest untouched.
            byte[] small = Enumerable.Repeat(Sentinel, algorithm.SignatureSizeInBytes - 1).ToArray();
            Assert.False(key.TrySign(message, small, out int none));
            Assert.Equal(0, none);
            Assert.All(small, b => Assert.Equal(Sentinel, b));
            byte[] destination = Enumerable.Repeat(Sentinel, algorithm.SignatureSizeInBytes + 5).ToArray();
            Assert.True(key.TrySign(message, destination, out int n));
            Assert.InRange(n, 8, algorithm.SignatureSizeInBytes);
            Assert.All(destination.AsSpan(n).ToArray(), b => Assert.Equal(Sentinel, b));
            Assert.True(imported.Verify(message, destination.AsSpan(0, n)));
        }
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void EcdhPrivateKey_PublicKey(string name)
    {
        NistCurve curve = name switch { "P-256" => NistCurve.P256, "P-384" => NistCurve.P384, _ => NistCurve.P521 };
        using EcdhPrivateKey key = EcdhPrivateKey.Generate(curve);
        byte[] pk = new byte[curve.PublicKeySizeInBytes];
        key.ExportPublicKey(pk);
        Assert.Equal(key.PublicKey.ToArray(), pk);
        Assert.Equal(pk, key.ExportPublicKey());
        AssertTryContract(curve.PublicKeySizeInBytes, key.TryExportPublicKey, w => Assert.Equal(pk, w));
    }

    [Fact]
    public void XWing_PublicKey_AndEncapsulation()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = new byte[XWingKem.PublicKeySizeInBytes];
        key.ExportPublicKey(pk);
        Assert.Equal(key.PublicKey.ToArray(), pk);
        Assert.Equal(pk, key.ExportPublicKey());
        AssertTryContract(XWingKem.PublicKeySizeInBytes, key.TryExportPublicKey, w => Assert.Equal(pk, w));

        byte[] ss = Enumerable.Repeat(Sentinel, 32).ToArray();
        AssertTryContract(XWingKem.CiphertextSizeInBytes, (Span<byte> d, out int n) =>
        {
            bool ok = XWingKem.TryEncapsulate(pk, d, ss, out n);
            if (!ok) Assert.All(ss, b => Assert.Equal(Sentinel, b)); // nothing written to the secret either
            return ok;
        }, ct =>
        {
            using Secret decapsulated = key.Decapsulate(ct);
            using Secret sent = Secret.CopyFrom(ss);
            Assert.True(decapsulated.FixedTimeEquals(sent));
        });

        using Secret shared = XWingKem.Encapsulate(pk, out byte[] ciphertext);
        Assert.Equal(XWingKem.CiphertextSizeInBytes, ciphertext.Length);
        using Secret received = key.Decapsulate(ciphertext);
        Assert.True(received.FixedTimeEquals(shared));

        // Misuse still throws, whatever the ciphertext buffer: the shared secret has no "large enough".
        Assert.Throws<ArgumentException>("sharedSecret", () => XWingKem.TryEncapsulate(pk, new byte[2000], new byte[33], out _));
    }

    [Theory]
    [MemberData(nameof(MlKemNames))]
    public void MlKem_EncapsulationKey_AndEncapsulation(string name)
    {
        MLKemAlgorithm algorithm = MlKemAlgorithm(name);
        using MlKemKey key = MlKemKey.Generate(algorithm);
        byte[] ek = key.ExportEncapsulationKey();
        AssertTryContract(algorithm.EncapsulationKeySizeInBytes, key.TryExportEncapsulationKey, w => Assert.Equal(ek, w));

        byte[] ss = Enumerable.Repeat(Sentinel, 32).ToArray();
        AssertTryContract(algorithm.CiphertextSizeInBytes, (Span<byte> d, out int n) =>
        {
            bool ok = key.TryEncapsulate(d, ss, out n);
            if (!ok) Assert.All(ss, b => Assert.Equal(Sentinel, b));
            return ok;
        }, ct => Assert.Equal(ss, key.Decapsulate(ct)));

        using Secret shared = key.Encapsulate(out byte[] ciphertext);
        Assert.Equal(algorithm.CiphertextSizeInBytes, ciphertext.Length);
        using Secret received = Secret.CopyFrom(key.Decapsulate(ciphertext));
        Assert.True(received.FixedTimeEquals(shared));
    }

    [Fact]
    public void X25519MlKem768_ClientShare()
    {
        using X25519MlKem768ClientKey key = X25519MlKem768ClientKey.Generate();
        byte[] share = new byte[X25519MlKem768.ClientShareSizeInBytes];
        key.ExportClientShare(share);
        Assert.Equal(key.ClientShare.ToArray(), share);
        Assert.Equal(share, key.ExportClientShare());
        AssertTryContract(X25519MlKem768.ClientShareSizeInBytes, key.TryExportClientShare, w => Assert.Equal(share, w));
    }

    [Theory]
    [MemberData(nameof(AeadNames))]
    public void Aead_TrySeal_WritesCiphertextThenTag_LikeTheDetachedForm(string name)
    {
        AeadAlgorithm a = Aead(name);
        using Secret key = Secret.CreateRandom(a.KeySizeInBytes);
        byte[] rawKey = key.Read(0, static (s, _) => s.ToArray());
        byte[] nonce = RandomNumberGenerator.GetBytes(a.NonceSizeInBytes);
        byte[] ad = RandomNumberGenerator.GetBytes(13);
        foreach (int length in new[] { 0, 1, 100 })
        {
            byte[] plaintext = RandomNumberGenerator.GetBytes(length);
            byte[] ciphertext = new byte[length], tag = new byte[a.TagSizeInBytes];
            a.Seal(key, nonce, plaintext, ciphertext, tag, ad);
            byte[] expected = [.. ciphertext, .. tag];
            int size = length + a.TagSizeInBytes;

            Assert.Equal(expected, a.Seal(key, nonce, plaintext, ad));
            Assert.Equal(expected, a.Seal(rawKey, nonce, plaintext, ad));
            AssertTryContract(size, (Span<byte> d, out int n) => a.TrySeal(key, nonce, plaintext, d, out n, ad), w => Assert.Equal(expected, w));
            AssertTryContract(size, (Span<byte> d, out int n) => a.TrySeal(rawKey, nonce, plaintext, d, out n, ad), w => Assert.Equal(expected, w));
            using AeadKey keyed = a.CreateKey(key);
            Assert.Equal(expected, keyed.Seal(nonce, plaintext, ad));
            AssertTryContract(size, (Span<byte> d, out int n) => keyed.TrySeal(nonce, plaintext, d, out n, ad), w => Assert.Equal(expected, w));

            // The sealed form opens with the detached Open.
            byte[] opened = new byte[length];
            Assert.True(keyed.Open(nonce, expected.AsSpan(0, length), expected.AsSpan(length), opened, ad));
            Assert.Equal(plaintext, opened);

            // In place: the plaintext at the start of the destination.
            byte[] buffer = new byte[size + 5];
            plaintext.CopyTo(buffer, 0);
            Assert.True(keyed.TrySeal(nonce, buffer.AsSpan(0, length), buffer, out int written, ad));
            Assert.Equal(size, written);
            Assert.Equal(expected, buffer[..size]);
        }
    }

    [Fact]
    public void Aead_TrySeal_MisuseThrowsEvenWhenTheDestinationIsSmall()
    {
        AeadAlgorithm a = AeadAlgorithm.ChaCha20Poly1305;
        using AeadKey key = a.CreateKey(new byte[32]);
        Assert.Throws<ArgumentException>("nonce", () => key.TrySeal(new byte[11], new byte[4], new byte[1], out _));
        Assert.Throws<ArgumentException>("key", () => a.TrySeal(new byte[31], new byte[12], new byte[4], new byte[1], out _));
        byte[] buffer = new byte[40];
        // A plaintext that starts inside the destination but not at its start is a partial overlap.
        Assert.Throws<ArgumentException>("ciphertext", () => key.TrySeal(new byte[12], buffer.AsSpan(1, 8), buffer, out _));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.TrySeal(new byte[12], new byte[4], new byte[20], out _));
    }
}
