// KeyExportPolicies over every private key type: export is refused by default (Generate, every Import and
// Import), with InvalidOperationException and nothing written; allowed with AllowPlaintextExport, where the export
// round-trips through import; unknown flags are refused; messages and ToString()/[DebuggerDisplay] show no key material.
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Aead;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Api;

public class ExportPolicyTests
{
    private const KeyExportPolicies Allow = KeyExportPolicies.AllowPlaintextExport;
    private const byte Sentinel = 0xA5;

    public static TheoryData<string> MlKemAlgorithms => new() { "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024" };

    public static TheoryData<string> NistCurves => new() { "P-256", "P-384", "P-521" };

    private static MLKemAlgorithm MlKemAlgorithm(string name) => name switch
    {
        "ML-KEM-512" => System.Security.Cryptography.MLKemAlgorithm.MLKem512,
        "ML-KEM-768" => System.Security.Cryptography.MLKemAlgorithm.MLKem768,
        _ => System.Security.Cryptography.MLKemAlgorithm.MLKem1024,
    };

    private static NistCurve Curve(string name) => name switch
    {
        "P-256" => NistCurve.P256,
        "P-384" => NistCurve.P384,
        _ => NistCurve.P521,
    };

    /// <summary>Runs <paramref name="export"/> into a sentinel-filled buffer and checks it is refused and writes nothing.</summary>
    private static void AssertRefused(int size, SpanAction export)
    {
        byte[] destination = Enumerable.Repeat(Sentinel, size).ToArray();
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => export(destination));
        Assert.Contains("AllowPlaintextExport", e.Message, StringComparison.Ordinal);
        Assert.All(destination, b => Assert.Equal(Sentinel, b));
    }

    private delegate void SpanAction(Span<byte> destination);

    [Fact]
    public void X25519_RefusedByDefault_AllowedWithPolicy_RoundTrips()
    {
        using Secret scalar = X25519.GeneratePrivateKey();
        using X25519PrivateKey generated = X25519PrivateKey.Generate();
        using X25519PrivateKey fromSecret = X25519PrivateKey.Import(scalar);
        using X25519PrivateKey fromSpan = X25519PrivateKey.Import(new byte[32]);
        foreach (X25519PrivateKey key in new[] { generated, fromSecret, fromSpan })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
            AssertRefused(32, d => key.ExportPrivateKey(d));
        }

        using X25519PrivateKey exportable = X25519PrivateKey.Import(scalar, exportPolicy: Allow);
        Assert.Equal(Allow, exportable.ExportPolicy);
        using Secret exported = exportable.ExportPrivateKey();
        Assert.True(exported.FixedTimeEquals(scalar));
        byte[] span = new byte[32];
        exportable.ExportPrivateKey(span);
        using (Secret copy = Secret.CopyFrom(span)) Assert.True(copy.FixedTimeEquals(scalar));
        using X25519PrivateKey again = X25519PrivateKey.Import(exported);
        Assert.True(again.PublicKey.SequenceEqual(fromSecret.PublicKey));
        Assert.Throws<ArgumentException>("destination", () => exportable.ExportPrivateKey(new byte[31]));
    }

    [Fact]
    public void Ed25519_RefusedByDefault_AllowedWithPolicy_RoundTrips()
    {
        SignatureAlgorithm ed25519 = SignatureAlgorithm.Ed25519;
        byte[] seedBytes = RandomNumberGenerator.GetBytes(32);
        using Secret seed = Secret.CopyFrom(seedBytes);
        using SigningKey generated = ed25519.GenerateKey();
        using SigningKey fromSecret = ed25519.ImportPrivateKey(seed);
        using SigningKey fromSpan = ed25519.ImportPrivateKey(seedBytes);
        foreach (SigningKey key in new[] { generated, fromSecret, fromSpan })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
            AssertRefused(32, d => key.ExportPrivateKey(d));
        }

        using SigningKey exportable = ed25519.GenerateKey(exportPolicy: Allow);
        using Secret exported = exportable.ExportPrivateKey();
        byte[] span = new byte[32];
        exportable.ExportPrivateKey(span);
        using (Secret copy = Secret.CopyFrom(span)) Assert.True(copy.FixedTimeEquals(exported));
        using SigningKey again = ed25519.ImportPrivateKey(exported);
        Assert.True(again.PublicKey.SequenceEqual(exportable.PublicKey));
        Assert.Equal(exportable.Sign("m"u8), again.Sign("m"u8)); // Ed25519 is deterministic: same key, same signature

        using SigningKey fromSeed = ed25519.ImportPrivateKey(seedBytes, exportPolicy: Allow);
        using Secret seedBack = fromSeed.ExportPrivateKey();
        Assert.True(seedBack.FixedTimeEquals(seed));
    }

    [Theory]
    [MemberData(nameof(NistCurves))]
    public void EcdhPrivateKey_RefusedByDefault_AllowedWithPolicy_RoundTrips(string name)
    {
        NistCurve curve = Curve(name);
        using EcdhPrivateKey generated = EcdhPrivateKey.Generate(curve);
        Assert.Equal(KeyExportPolicies.None, generated.ExportPolicy);
        Assert.Throws<InvalidOperationException>(() => generated.ExportPrivateKey());
        AssertRefused(curve.ScalarSizeInBytes, d => generated.ExportPrivateKey(d));

        using EcdhPrivateKey exportable = EcdhPrivateKey.Generate(curve, exportPolicy: Allow);
        using Secret d = exportable.ExportPrivateKey();
        byte[] span = new byte[curve.ScalarSizeInBytes];
        exportable.ExportPrivateKey(span);
        using (Secret copy = Secret.CopyFrom(span)) Assert.True(copy.FixedTimeEquals(d));

        using EcdhPrivateKey fromSecret = EcdhPrivateKey.Import(curve, d);
        using EcdhPrivateKey fromSpan = EcdhPrivateKey.Import(curve, span);
        Assert.True(fromSecret.PublicKey.SequenceEqual(exportable.PublicKey));
        foreach (EcdhPrivateKey key in new[] { fromSecret, fromSpan })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            AssertRefused(curve.ScalarSizeInBytes, dest => key.ExportPrivateKey(dest));
        }
        using EcdhPrivateKey importedExportable = EcdhPrivateKey.Import(curve, d, exportPolicy: Allow);
        using Secret back = importedExportable.ExportPrivateKey();
        Assert.True(back.FixedTimeEquals(d));
    }

    [Fact]
    public void XWing_RefusedByDefault_AllowedWithPolicy_RoundTrips()
    {
        byte[] seedBytes = RandomNumberGenerator.GetBytes(XWingKem.PrivateKeySizeInBytes);
        using Secret seed = Secret.CopyFrom(seedBytes);
        using XWingPrivateKey generated = XWingPrivateKey.Generate();
        using XWingPrivateKey fromSecret = XWingPrivateKey.Import(seed);
        using XWingPrivateKey fromSpan = XWingPrivateKey.Import(seedBytes);
        foreach (XWingPrivateKey key in new[] { generated, fromSecret, fromSpan })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
            AssertRefused(XWingKem.PrivateKeySizeInBytes, d => key.ExportPrivateKey(d));
        }

        using XWingPrivateKey exportable = XWingPrivateKey.Import(seed, exportPolicy: Allow);
        using Secret exported = exportable.ExportPrivateKey();
        Assert.True(exported.FixedTimeEquals(seed));
        byte[] span = new byte[XWingKem.PrivateKeySizeInBytes];
        exportable.ExportPrivateKey(span);
        Assert.Equal(seedBytes, span);
        using XWingPrivateKey again = XWingPrivateKey.Import(exported);
        Assert.True(again.PublicKey.SequenceEqual(fromSpan.PublicKey));
    }

    [Theory]
    [MemberData(nameof(MlKemAlgorithms))]
    public void MlKem_EveryPrivateExportPathIsRefusedByDefault(string name)
    {
        MLKemAlgorithm algorithm = MlKemAlgorithm(name);
        using MlKemKey generated = MlKemKey.Generate(algorithm);
        using MlKemKey exportable = MlKemKey.Generate(algorithm, Allow);
        byte[] seed = exportable.ExportPrivateSeed();
        byte[] dk = exportable.ExportDecapsulationKey();
        using Secret seedSecret = Secret.CopyFrom(seed);
        using MlKemKey fromSeed = MlKemKey.ImportPrivateSeed(algorithm, seed);
        using MlKemKey fromSeedSecret = MlKemKey.ImportPrivateSeed(algorithm, seedSecret);
        using MlKemKey fromDk = MlKemKey.ImportDecapsulationKey(algorithm, dk);
        foreach (MlKemKey key in new[] { generated, fromSeed, fromSeedSecret })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            // The BCL's span and byte[] overloads both reach our ...Core overrides, which apply the policy.
            AssertRefused(algorithm.PrivateSeedSizeInBytes, d => key.ExportPrivateSeed(d));
            AssertRefused(algorithm.DecapsulationKeySizeInBytes, d => key.ExportDecapsulationKey(d));
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateSeed());
            Assert.Throws<InvalidOperationException>(() => key.ExportDecapsulationKey());
            // Using the key and exporting its public half never need the policy.
            byte[] ek = key.ExportEncapsulationKey();
            if (!ReferenceEquals(key, generated)) Assert.Equal(exportable.ExportEncapsulationKey(), ek);
            Assert.Equal(32, key.Decapsulate(new byte[algorithm.CiphertextSizeInBytes]).Length);
        }
        AssertRefused(algorithm.DecapsulationKeySizeInBytes, d => fromDk.ExportDecapsulationKey(d));
        Assert.Throws<InvalidOperationException>(() => fromDk.ExportPrivateSeed()); // no seed at all: that error comes first
    }

    [Theory]
    [MemberData(nameof(MlKemAlgorithms))]
    public void MlKem_AllowedWithPolicy_RoundTrips(string name)
    {
        MLKemAlgorithm algorithm = MlKemAlgorithm(name);
        using MlKemKey original = MlKemKey.Generate(algorithm, Allow);
        Assert.Equal(Allow, original.ExportPolicy);
        using Secret seed = Secret.Allocate(algorithm.PrivateSeedSizeInBytes);
        using (SecretWriteLease lease = seed.OpenWrite()) original.ExportPrivateSeed(lease.Span);
        using MlKemKey fromSeed = MlKemKey.ImportPrivateSeed(algorithm, seed, Allow);
        using (SecretReadLease lease = seed.OpenRead()) Assert.Equal(lease.Span.ToArray(), fromSeed.ExportPrivateSeed());

        byte[] dk = new byte[algorithm.DecapsulationKeySizeInBytes];
        fromSeed.ExportDecapsulationKey(dk);
        using MlKemKey fromDk = MlKemKey.ImportDecapsulationKey(algorithm, dk, Allow);
        Assert.Equal(dk, fromDk.ExportDecapsulationKey());
        Assert.Equal(original.ExportEncapsulationKey(), fromDk.ExportEncapsulationKey());

        byte[] ct = new byte[algorithm.CiphertextSizeInBytes], ssA = new byte[32], ssB = new byte[32];
        original.Encapsulate(ct, ssA);
        fromDk.Decapsulate(ct, ssB);
        Assert.Equal(ssA, ssB);
    }

    public static TheoryData<string> MlDsaAlgorithms => new() { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" };

    private static System.Security.Cryptography.MLDsaAlgorithm MlDsaAlgorithm(string name) => name switch
    {
        "ML-DSA-44" => System.Security.Cryptography.MLDsaAlgorithm.MLDsa44,
        "ML-DSA-65" => System.Security.Cryptography.MLDsaAlgorithm.MLDsa65,
        _ => System.Security.Cryptography.MLDsaAlgorithm.MLDsa87,
    };

    [Theory]
    [MemberData(nameof(MlDsaAlgorithms))]
    public void MlDsa_EveryPrivateExportPathIsRefusedByDefault(string name)
    {
        System.Security.Cryptography.MLDsaAlgorithm algorithm = MlDsaAlgorithm(name);
        using MlDsaKey generated = MlDsaKey.Generate(algorithm);
        using MlDsaKey exportable = MlDsaKey.Generate(algorithm, Allow);
        byte[] seed = exportable.ExportMLDsaPrivateSeed();
        byte[] sk = exportable.ExportMLDsaPrivateKey();
        using Secret seedSecret = Secret.CopyFrom(seed);
        using MlDsaKey fromSeed = MlDsaKey.ImportPrivateSeed(algorithm, seed);
        using MlDsaKey fromSeedSecret = MlDsaKey.ImportPrivateSeed(algorithm, seedSecret);
        using MlDsaKey fromSk = MlDsaKey.ImportPrivateKey(algorithm, sk);
        byte[] message = [1, 2, 3];
        foreach (MlDsaKey key in new[] { generated, fromSeed, fromSeedSecret, fromSk })
        {
            Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
            // The BCL's span and byte[] overloads both reach our ...Core overrides, which apply the policy.
            if (!ReferenceEquals(key, fromSk))
            {
                AssertRefused(algorithm.PrivateSeedSizeInBytes, d => key.ExportMLDsaPrivateSeed(d));
                Assert.Throws<InvalidOperationException>(() => key.ExportMLDsaPrivateSeed());
            }
            AssertRefused(algorithm.PrivateKeySizeInBytes, d => key.ExportMLDsaPrivateKey(d));
            Assert.Throws<InvalidOperationException>(() => key.ExportMLDsaPrivateKey());
            // Using the key and exporting its public half never need the policy.
            byte[] pk = key.ExportMLDsaPublicKey();
            if (!ReferenceEquals(key, generated)) Assert.Equal(exportable.ExportMLDsaPublicKey(), pk);
            Assert.True(key.VerifyData(message, key.SignData(message)));
        }
        Assert.Throws<InvalidOperationException>(() => fromSk.ExportMLDsaPrivateSeed()); // no seed at all
    }

    [Fact]
    public void UnknownPolicyFlags_AreRefusedAtCreation()
    {
        const KeyExportPolicies bogus = (KeyExportPolicies)0x10;
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => X25519PrivateKey.Generate(exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => X25519PrivateKey.Import(new byte[32], exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => SignatureAlgorithm.Ed25519.GenerateKey(exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => SignatureAlgorithm.Ed25519.ImportPrivateKey(new byte[32], exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => SignatureAlgorithm.EcdsaP256Sha256.GenerateKey(exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => EcdhPrivateKey.Generate(NistCurve.P256, exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => XWingPrivateKey.Generate(exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => XWingPrivateKey.Import(new byte[32], exportPolicy: bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy",
            () => MlKemKey.Generate(System.Security.Cryptography.MLKemAlgorithm.MLKem768, Allow | bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy",
            () => MlKemKey.ImportPrivateSeed(System.Security.Cryptography.MLKemAlgorithm.MLKem768, new byte[64], bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy",
            () => MlDsaKey.Generate(System.Security.Cryptography.MLDsaAlgorithm.MLDsa65, Allow | bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy",
            () => MlDsaKey.ImportPrivateSeed(System.Security.Cryptography.MLDsaAlgorithm.MLDsa65, new byte[32], bogus));
        Assert.Throws<ArgumentOutOfRangeException>("exportPolicy", () => SignatureAlgorithm.MlDsa65.GenerateKey(exportPolicy: bogus));
    }

    [Fact]
    public void RefusalComesBeforeSizeChecks_AndDisposalBeforeRefusal()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey(new byte[1])); // the policy, not the size
        var disposed = SignatureAlgorithm.Ed25519.GenerateKey();
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.ExportPrivateKey());
    }

    [Fact]
    public void ToString_AndDebuggerDisplay_ShowNoKeyMaterial()
    {
        byte[] seed32 = RandomNumberGenerator.GetBytes(32);
        byte[] seed64 = RandomNumberGenerator.GetBytes(64);
        using var x = X25519PrivateKey.Import(seed32, exportPolicy: Allow);
        using var ed = SignatureAlgorithm.Ed25519.ImportPrivateKey(seed32, exportPolicy: Allow);
        using var ecdsa = SignatureAlgorithm.EcdsaP256Sha256.ImportPrivateKey(seed32, exportPolicy: Allow);
        using var xw = XWingPrivateKey.Import(seed32, exportPolicy: Allow);
        using var ml = MlKemKey.ImportPrivateSeed(System.Security.Cryptography.MLKemAlgorithm.MLKem768, seed64, Allow);
        using var dsa = MlDsaKey.ImportPrivateSeed(System.Security.Cryptography.MLDsaAlgorithm.MLDsa65, seed32, Allow);
        using var dsaFamily = SignatureAlgorithm.MlDsa44.ImportPrivateKey(seed32, exportPolicy: Allow);
        using var ec = EcdhPrivateKey.Generate(NistCurve.P256, exportPolicy: Allow);
        using var client = X25519MlKem768ClientKey.Generate();
        using var aead = AeadAlgorithm.XChaCha20Poly1305.CreateKey(seed32);

        using Secret ecD = ec.ExportPrivateKey();
        byte[] ecScalar = ecD.Read(0, static (s, _) => s.ToArray());
        var cases = new (object Key, string Expected, byte[][] Material)[]
        {
            (x, "X25519PrivateKey", [seed32, x.PublicKey.ToArray()]),
            (ed, "SigningKey Ed25519", [seed32, ed.PublicKey.ToArray()]),
            (ecdsa, "SigningKey ECDSA-P256-SHA256", [seed32, ecdsa.PublicKey.ToArray()]),
            (xw, "XWingPrivateKey", [seed32, xw.PublicKey.ToArray()]),
            (ml, "NoFuture.Crypto.MlKemKey", [seed64, ml.ExportEncapsulationKey()]),
            (dsa, "NoFuture.Crypto.MlDsaKey", [seed32, dsa.ExportMLDsaPublicKey(), dsa.ExportMLDsaPrivateKey()]),
            (dsaFamily, "SigningKey ML-DSA-44", [seed32, dsaFamily.PublicKey.ToArray()]),
            (ec, "EcdhPrivateKey P-256", [ecScalar, ec.PublicKey.ToArray()]),
            (client, "X25519MlKem768ClientKey", [client.ClientShare.ToArray()]),
            (aead, "AeadKey XChaCha20-Poly1305", [seed32]),
        };
        foreach ((object key, string expected, byte[][] material) in cases)
        {
            string text = key.ToString()!;
            Assert.Equal(expected, text); // the type (and algorithm) name only: no bytes, no lengths
            foreach (byte[] m in material)
            {
                Assert.DoesNotContain(Convert.ToHexString(m.AsSpan(0, 8)), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Convert.ToBase64String(m.AsSpan(0, 9)), text, StringComparison.Ordinal);
            }
            // [DebuggerDisplay] may only name the algorithm, never a field or a key property.
            DebuggerDisplayAttribute? display = key.GetType().GetCustomAttribute<DebuggerDisplayAttribute>();
            if (display is not null)
            {
                string shown = display.Value.Replace("{Algorithm.Name}", "", StringComparison.Ordinal).Replace("{Curve.Name}", "", StringComparison.Ordinal);
                Assert.DoesNotContain("{", shown, StringComparison.Ordinal);
            }
        }
    }
}
