// X-Wing behaviour through the public API (draft-connolly-cfrg-xwing-kem-10): random round trips, implicit rejection
// of tampered ciphertexts (a different secret, never an exception), and misuse: sizes, overlap, null, disposal.
using System.Security.Cryptography;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.XWing;

public class XWingTests
{
    [Fact]
    public void RandomRoundTrips()
    {
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        for (int i = 0; i < 200; i++)
        {
            using XWingPrivateKey key = XWingPrivateKey.Generate();
            Assert.True(XWingKem.IsValidPublicKey(key.PublicKey));
            XWingKem.Encapsulate(key.PublicKey, ct, ss);
            key.Decapsulate(ct, ss2);
            Assert.Equal(ss, ss2);
            Assert.NotEqual(new byte[32], ss);
        }
    }

    [Fact]
    public void SecretOverloads_RoundTrip()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes];
        using Secret ss = XWingKem.Encapsulate(key.PublicKey, ct);
        using Secret ss2 = key.Decapsulate(ct);
        Assert.Equal(32, ss.Length);
        Assert.True(ss.FixedTimeEquals(ss2));

        // Encapsulation is randomized: a second call gives another ciphertext and secret.
        byte[] ct3 = new byte[XWingKem.CiphertextSizeInBytes];
        using Secret ss3 = XWingKem.Encapsulate(key.PublicKey, ct3);
        Assert.NotEqual(ct, ct3);
        Assert.False(ss.FixedTimeEquals(ss3));
    }

    [Fact]
    public void ExportImport_GivesTheSameKey()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using Secret seed = key.ExportPrivateKey();
        Assert.Equal(32, seed.Length);
        using XWingPrivateKey again = XWingPrivateKey.Import(seed);
        Assert.True(key.PublicKey.SequenceEqual(again.PublicKey));
        byte[] pk = new byte[XWingKem.PublicKeySizeInBytes];
        again.ExportPublicKey(pk);
        Assert.True(key.PublicKey.SequenceEqual(pk));
        Assert.False(seed.IsDisposed); // Import copies and leaves the source alone
    }

    [Fact]
    public void TamperedCiphertext_GivesAnotherSecret_NoException()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        XWingKem.Encapsulate(key.PublicKey, ct, ss);
        // Every byte of ct_X and a spread of ct_M positions, each with a random bit flipped.
        IEnumerable<int> positions = Enumerable.Range(0, 1088).Where(p => p % 17 == 0 || p == 1087).Concat(Enumerable.Range(1088, 32));
        var seen = new HashSet<string>();
        foreach (int p in positions)
        {
            byte bit = (byte)(1 << RandomNumberGenerator.GetInt32(8));
            ct[p] ^= bit;
            key.Decapsulate(ct, ss2);
            ct[p] ^= bit;
            Assert.NotEqual(ss, ss2);
            Assert.True(seen.Add(Convert.ToHexString(ss2)), $"position {p}: repeated secret");
        }
        key.Decapsulate(ct, ss2);
        Assert.Equal(ss, ss2);
    }

    [Fact]
    public void WrongKey_GivesAnotherSecret()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        using XWingPrivateKey other = XWingPrivateKey.Generate();
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        XWingKem.Encapsulate(key.PublicKey, ct, ss);
        other.Decapsulate(ct, ss2);
        Assert.NotEqual(ss, ss2);
    }

    [Fact]
    public void Misuse_WrongSizes()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = key.PublicKey.ToArray();
        Assert.Throws<ArgumentException>("publicKey", () => XWingKem.Encapsulate(pk.AsSpan(1), new byte[1120], new byte[32]));
        Assert.Throws<ArgumentException>("ciphertext", () => XWingKem.Encapsulate(pk, new byte[1119], new byte[32]));
        Assert.Throws<ArgumentException>("sharedSecret", () => XWingKem.Encapsulate(pk, new byte[1120], new byte[31]));
        Assert.Throws<ArgumentException>("publicKey", () => XWingKem.Encapsulate(new byte[1217], new byte[1120]));
        Assert.Throws<ArgumentException>("ciphertext", () => XWingKem.Encapsulate(pk, new byte[1121]));
        Assert.Throws<ArgumentException>("eseed", () => XWingKem.EncapsulateDeterministic(pk, new byte[63], new byte[1120], new byte[32]));
        Assert.Throws<ArgumentException>("ciphertext", () => key.Decapsulate(new byte[1121], new byte[32]));
        Assert.Throws<ArgumentException>("sharedSecret", () => key.Decapsulate(new byte[1120], new byte[33]));
        Assert.Throws<ArgumentException>("ciphertext", () => key.Decapsulate(Array.Empty<byte>()));
        Assert.Throws<ArgumentException>("destination", () => key.ExportPublicKey(new byte[1215]));
        Assert.Throws<ArgumentException>("privateKey", () => XWingPrivateKey.Import(new byte[31]));
        Assert.Throws<ArgumentException>("privateKey", () => XWingPrivateKey.Import(new byte[64]));
        using Secret wrong = Secret.CreateRandom(64);
        Assert.Throws<ArgumentException>("privateKey", () => XWingPrivateKey.Import(wrong));
        Assert.Throws<ArgumentNullException>("privateKey", () => XWingPrivateKey.Import((Secret)null!));
        Assert.False(XWingKem.IsValidPublicKey(pk.AsSpan(1)));
        Assert.False(XWingKem.IsValidPublicKey(default));
    }

    [Fact]
    public void Misuse_Overlap()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] buffer = new byte[1216 + 1120 + 64];
        key.PublicKey.CopyTo(buffer);
        Assert.Throws<ArgumentException>("ciphertext", () => XWingKem.Encapsulate(buffer.AsSpan(0, 1216), buffer.AsSpan(1000, 1120), new byte[32]));
        Assert.Throws<ArgumentException>("sharedSecret", () => XWingKem.Encapsulate(buffer.AsSpan(0, 1216), buffer.AsSpan(1216, 1120), buffer.AsSpan(2300, 32)));
        Assert.Throws<ArgumentException>("sharedSecret", () => XWingKem.Encapsulate(buffer.AsSpan(0, 1216), buffer.AsSpan(1216, 1120), buffer.AsSpan(100, 32)));
        Assert.Throws<ArgumentException>("eseed", () => XWingKem.EncapsulateDeterministic(buffer.AsSpan(0, 1216), buffer.AsSpan(2300, 64), buffer.AsSpan(1216, 1120), new byte[32]));
        byte[] ct = new byte[1120];
        Assert.Throws<ArgumentException>("sharedSecret", () => key.Decapsulate(ct, ct.AsSpan(1088, 32)));
    }

    [Fact]
    public void Misuse_Disposed()
    {
        var key = XWingPrivateKey.Generate();
        byte[] ct = new byte[1120];
        XWingKem.Encapsulate(key.PublicKey, ct, new byte[32]);
        key.Dispose();
        key.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => key.Decapsulate(ct, new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => key.Decapsulate(ct));
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey.Length);
        Assert.Throws<ObjectDisposedException>(() => key.ExportPublicKey(new byte[1216]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());

        using Secret seed = Secret.CreateRandom(32);
        seed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => XWingPrivateKey.Import(seed));
    }

    [Fact]
    public void ToString_ShowsNoKeyMaterial()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        Assert.Equal("XWingPrivateKey", key.ToString());
    }
}

public class XWingConcurrencyTests
{
    [Fact]
    public void OneKey_DecapsulatesFromManyThreads()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = key.PublicKey.ToArray();
        Parallel.For(0, 256, _ =>
        {
            byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
            XWingKem.Encapsulate(pk, ct, ss);
            key.Decapsulate(ct, ss2);
            Assert.Equal(ss, ss2);
        });
    }
}
