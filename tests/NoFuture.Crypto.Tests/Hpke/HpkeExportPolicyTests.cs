// KeyExportPolicies for HpkePrivateKey, as every other key type obeys it (Api/ExportPolicyTests.cs): a key
// from Generate, DeriveKeyPair or Import refuses ExportPrivateKey with InvalidOperationException and writes nothing,
// unless it was created with AllowPlaintextExport; then the export round-trips through Import.
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeExportPolicyTests
{
    private const KeyExportPolicies Allow = KeyExportPolicies.AllowPlaintextExport;
    private const byte Sentinel = 0xA5;

    public static TheoryData<int> Kems() => new() { 0x0010, 0x0011, 0x0012, 0x0020, 0x0021, 0x0040, 0x0041, 0x0042, 0x647a, 0x0050, 0x0051 };

    [Theory]
    [MemberData(nameof(Kems))]
    public void RefusedByDefault_ForEveryWayToMakeAKey(int kemId)
    {
        HpkeKem kem = HpkeKem.FromId((ushort)kemId)!;
        byte[] ikm = RandomNumberGenerator.GetBytes(kem.PrivateKeySizeInBytes);
        using Secret ikmSecret = Secret.CopyFrom(ikm);
        using HpkePrivateKey generated = HpkePrivateKey.Generate(kem);
        using HpkePrivateKey derived = HpkePrivateKey.DeriveKeyPair(kem, ikm);
        using HpkePrivateKey derivedFromSecret = HpkePrivateKey.DeriveKeyPair(kem, ikmSecret);
        using HpkePrivateKey imported = ImportValid(kem, derived, fromSecret: false);
        using HpkePrivateKey importedFromSecret = ImportValid(kem, derived, fromSecret: true);
        foreach (HpkePrivateKey key in new[] { generated, derived, derivedFromSecret, imported, importedFromSecret })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
            Assert.Contains("AllowPlaintextExport", e.Message, StringComparison.Ordinal);
            byte[] destination = Enumerable.Repeat(Sentinel, kem.PrivateKeySizeInBytes).ToArray();
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey(destination));
            Assert.All(destination, b => Assert.Equal(Sentinel, b));
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey(new byte[1])); // the policy, not the size
        }
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void AllowedWithPolicy_ForEveryWayToMakeAKey_AndRoundTrips(int kemId)
    {
        HpkeKem kem = HpkeKem.FromId((ushort)kemId)!;
        byte[] ikm = RandomNumberGenerator.GetBytes(kem.PrivateKeySizeInBytes);
        using Secret ikmSecret = Secret.CopyFrom(ikm);
        using HpkePrivateKey generated = HpkePrivateKey.Generate(kem, exportPolicy: Allow);
        using HpkePrivateKey derived = HpkePrivateKey.DeriveKeyPair(kem, ikm, exportPolicy: Allow);
        using HpkePrivateKey derivedFromSecret = HpkePrivateKey.DeriveKeyPair(kem, ikmSecret, exportPolicy: Allow);
        using Secret skm = derived.ExportPrivateKey();
        Assert.Equal(kem.PrivateKeySizeInBytes, skm.Length);
        using HpkePrivateKey importedFromSecret = HpkePrivateKey.Import(kem, skm, exportPolicy: Allow);
        byte[] span = new byte[kem.PrivateKeySizeInBytes];
        derivedFromSecret.ExportPrivateKey(span);
        using (Secret copy = Secret.CopyFrom(span)) Assert.True(copy.FixedTimeEquals(skm));
        using HpkePrivateKey imported = HpkePrivateKey.Import(kem, span, exportPolicy: Allow);
        foreach (HpkePrivateKey key in new[] { generated, derived, derivedFromSecret, imported, importedFromSecret })
        {
            Assert.Equal(Allow, key.ExportPolicy);
            using Secret exported = key.ExportPrivateKey();
            using HpkePrivateKey again = HpkePrivateKey.Import(kem, exported);
            Assert.True(again.PublicKey.SequenceEqual(key.PublicKey));
            Assert.Equal(KeyExportPolicies.None, again.ExportPolicy); // not exportable again unless asked
            Assert.Throws<InvalidOperationException>(() => again.ExportPrivateKey());
        }
        Assert.True(imported.PublicKey.SequenceEqual(derived.PublicKey));
        Assert.Throws<ArgumentException>("destination", () => derived.ExportPrivateKey(new byte[kem.PrivateKeySizeInBytes + 1]));
    }

    [Fact]
    public void UnknownPolicyFlags_AreRefusedAtCreation_AndDisposalComesFirst()
    {
        const KeyExportPolicies bogus = (KeyExportPolicies)0x10;
        HpkeKem kem = HpkeKem.DhKemX25519HkdfSha256;
        byte[] sk = RandomNumberGenerator.GetBytes(32);
        using Secret skSecret = Secret.CopyFrom(sk);
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => HpkePrivateKey.Generate(kem, exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => HpkePrivateKey.DeriveKeyPair(kem, sk, exportPolicy: Allow | bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => HpkePrivateKey.DeriveKeyPair(kem, skSecret, exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => HpkePrivateKey.Import(kem, sk, exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => HpkePrivateKey.Import(kem, skSecret, exportPolicy: bogus));

        var disposed = HpkePrivateKey.Generate(kem, exportPolicy: Allow);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => disposed.ExportPrivateKey(new byte[32]));
        var refused = HpkePrivateKey.Generate(kem);
        refused.Dispose();
        Assert.Throws<ObjectDisposedException>(() => refused.ExportPrivateKey());
    }

    /// <summary>An import of <paramref name="source"/>'s private key, read through the test hook (the key's own secret).</summary>
    private static HpkePrivateKey ImportValid(HpkeKem kem, HpkePrivateKey source, bool fromSecret)
    {
        using SecretReadLease lease = source.Secret.OpenRead();
        ReadOnlySpan<byte> skm = lease.Span[..kem.PrivateKeySizeInBytes];
        if (!fromSecret) return HpkePrivateKey.Import(kem, skm);
        using Secret copy = Secret.CopyFrom(skm);
        return HpkePrivateKey.Import(kem, copy);
    }
}
