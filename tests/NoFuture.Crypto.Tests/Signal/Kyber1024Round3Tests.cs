// Kyber-1024 round 3 (Kyber1024Round3Key): the round-3 known-answer file (pq-crystals' PQCkemKAT_3168.rsp, read from
// the shared vectors as kyber/PQCkemKAT_3168.rsp: test vectors are never committed; until that file is added there,
// the two known-answer tests skip and say so), derandomized determinism, the difference from ML-KEM-1024 for the same
// inputs, implicit rejection computed independently, and the key-handling policy.
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Testing;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Signal;

public class Kyber1024Round3Tests
{
    internal sealed record KatEntry(int Count, byte[] Seed, byte[] Pk, byte[] Sk, byte[] Ct, byte[] Ss);

    private const string KatFile = "kyber/PQCkemKAT_3168.rsp";

    internal static IReadOnlyList<KatEntry> LoadKat()
    {
        string? path = VectorFiles.TryFind(KatFile);
        if (path is null)
            Assert.Skip($"{KatFile} (pq-crystals' Kyber-1024 round-3 KAT) is not in the shared vectors; the libsignal " +
                "peer tests and the ML-KEM-1024 equivalence below still check the round-3 transform.");
        var entries = new List<KatEntry>();
        Dictionary<string, string> fields = [];
        foreach (string line in File.ReadAllLines(path))
        {
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq < 0) continue;
            fields[line[..eq]] = line[(eq + 3)..];
            if (line.StartsWith("ss ", StringComparison.Ordinal))
            {
                entries.Add(new KatEntry(int.Parse(fields["count"], System.Globalization.CultureInfo.InvariantCulture),
                    Convert.FromHexString(fields["seed"]), Convert.FromHexString(fields["pk"]), Convert.FromHexString(fields["sk"]),
                    Convert.FromHexString(fields["ct"]), Convert.FromHexString(fields["ss"])));
                fields.Clear();
            }
        }
        return entries;
    }

    /// <summary>A fresh key pair and one encapsulation to it, in the KAT's shape (no seed), for the tests that need a
    /// valid key and ciphertext rather than the known answers.</summary>
    private static KatEntry Fresh()
    {
        using Kyber1024Round3Key key = Kyber1024Round3Key.Generate(KeyExportPolicies.AllowPlaintextExport);
        byte[] sk = new byte[3168], ct = new byte[1568], ss = new byte[32];
        key.ExportDecapsulationKey(sk);
        key.Encapsulate(ct, ss);
        return new KatEntry(0, [], key.ExportEncapsulationKey(), sk, ct, ss);
    }

    [Fact]
    public void KnownAnswer_DecapsulatesTheRound3SharedSecret()
    {
        IReadOnlyList<KatEntry> kat = LoadKat();
        Assert.NotEmpty(kat);
        foreach (KatEntry e in kat)
        {
            using Kyber1024Round3Key key = Kyber1024Round3Key.ImportDecapsulationKey(e.Sk);
            Assert.Equal(e.Pk, key.ExportEncapsulationKey());
            byte[] ss = new byte[32];
            key.Decapsulate(e.Ct, ss);
            Assert.Equal(e.Ss, ss);
        }
    }

    [Fact]
    public void KnownAnswer_FullKeyGenAndEncapsulation_FromTheKatRandomness()
    {
        // The KAT generator seeds NIST's AES-256 CTR DRBG with each entry's seed, then draws d (K-PKE key
        // generation), z (implicit rejection) and the encapsulation's random 32 bytes, one randombytes call each.
        foreach (KatEntry e in LoadKat())
        {
            var drbg = new NistKatDrbg(e.Seed);
            byte[] d = drbg.Generate(32), z = drbg.Generate(32), random = drbg.Generate(32);
            using Kyber1024Round3Key key = Kyber1024Round3Key.ImportPrivateSeed([.. d, .. z], KeyExportPolicies.AllowPlaintextExport);
            Assert.Equal(e.Pk, key.ExportEncapsulationKey());
            byte[] dk = new byte[3168];
            key.ExportDecapsulationKey(dk);
            Assert.Equal(e.Sk, dk);
            byte[] ct = new byte[1568], ss = new byte[32];
            KyberTesting.EncapsulateDerandomized(key, random, ct, ss);
            Assert.Equal(e.Ct, ct);
            Assert.Equal(e.Ss, ss);
        }
    }

    [Fact]
    public void MlKem1024DecapsulatesTheSameCiphertextToAnotherSecret()
    {
        // Same dk layout and K-PKE, so ML-KEM re-encrypts to the same c and returns K-bar, not KDF(K-bar || H(c)).
        KatEntry e = Fresh();
        using MlKemKey mlKem = MlKemKey.ImportDecapsulationKey(MLKemAlgorithm.MLKem1024, e.Sk);
        byte[] ss = new byte[32];
        mlKem.Decapsulate(e.Ct, ss);
        Assert.NotEqual(e.Ss, ss);
        byte[] hc = SHA3_256.HashData(e.Ct);
        byte[] kdf = new byte[32];
        Sha3.Shake256(ss, hc, kdf); // the round-3 KDF over ML-KEM's K-bar gives the round-3 secret
        Assert.Equal(e.Ss, kdf);
    }

    [Fact]
    public void ImplicitRejection_IsShake256OfZAndTheCiphertextHash()
    {
        KatEntry e = Fresh();
        using Kyber1024Round3Key key = Kyber1024Round3Key.ImportDecapsulationKey(e.Sk);
        byte[] tampered = (byte[])e.Ct.Clone();
        tampered[100] ^= 0x04;
        byte[] ss = new byte[32];
        key.Decapsulate(tampered, ss);
        byte[] expected = new byte[32];
        Sha3.Shake256(e.Sk.AsSpan(3168 - 32), SHA3_256.HashData(tampered), expected);
        Assert.Equal(expected, ss);
        Assert.NotEqual(e.Ss, ss);
    }

    [Fact]
    public void Derandomized_IsDeterministic_AndRoundTrips()
    {
        byte[] seed = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        byte[] random = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        using Kyber1024Round3Key a = Kyber1024Round3Key.ImportPrivateSeed(seed);
        using Kyber1024Round3Key b = Kyber1024Round3Key.ImportPrivateSeed(seed);
        Assert.Equal(a.ExportEncapsulationKey(), b.ExportEncapsulationKey());
        byte[] ct1 = new byte[1568], ct2 = new byte[1568], ss1 = new byte[32], ss2 = new byte[32], back = new byte[32];
        KyberTesting.EncapsulateDerandomized(a, random, ct1, ss1);
        KyberTesting.EncapsulateDerandomized(b, random, ct2, ss2);
        Assert.Equal(ct1, ct2);
        Assert.Equal(ss1, ss2);
        b.Decapsulate(ct1, back);
        Assert.Equal(ss1, back);
        random[0] ^= 1;
        KyberTesting.EncapsulateDerandomized(a, random, ct2, ss2);
        Assert.NotEqual(ct1, ct2);
        Assert.NotEqual(ss1, ss2);
    }

    [Fact]
    public void SameSeedsAndCoins_DifferFromMlKem1024()
    {
        byte[] d = Enumerable.Range(0, 32).Select(i => (byte)(3 * i)).ToArray();
        byte[] z = Enumerable.Range(0, 32).Select(i => (byte)(5 * i)).ToArray();
        byte[] m = Enumerable.Range(0, 32).Select(i => (byte)(7 * i)).ToArray();
        using MlKemKey mlKem = MlKemTesting.GenerateDerandomized(MLKemAlgorithm.MLKem1024, d, z);
        using Kyber1024Round3Key kyber = Kyber1024Round3Key.ImportPrivateSeed([.. d, .. z]);
        // Key generation: round 3 seeds K-PKE with G(d), FIPS 203 with G(d || k).
        Assert.NotEqual(mlKem.ExportEncapsulationKey(), kyber.ExportEncapsulationKey());

        // Encapsulation to the same key with the same coins: the FO transforms differ.
        byte[] dk = new byte[3168];
        using (MlKemKey exportable = MlKemKey.ImportPrivateSeed(MLKemAlgorithm.MLKem1024, [.. d, .. z], KeyExportPolicies.AllowPlaintextExport))
            exportable.ExportDecapsulationKey(dk);
        using Kyber1024Round3Key sameKey = Kyber1024Round3Key.ImportDecapsulationKey(dk);
        byte[] ctM = new byte[1568], ssM = new byte[32], ctK = new byte[1568], ssK = new byte[32];
        MlKemTesting.EncapsulateDerandomized(mlKem, m, ctM, ssM);
        KyberTesting.EncapsulateDerandomized(sameKey, m, ctK, ssK);
        Assert.NotEqual(ssM, ssK);
        Assert.NotEqual(ctM, ctK); // round 3 encrypts H(m), not m
    }

    [Fact]
    public void Generate_RoundTrips_AndGatesPrivateExport()
    {
        using Kyber1024Round3Key key = Kyber1024Round3Key.Generate();
        using Kyber1024Round3Key peer = Kyber1024Round3Key.ImportEncapsulationKey(key.ExportEncapsulationKey());
        Assert.False(peer.HasDecapsulationKey);
        using Secret sent = peer.Encapsulate(out byte[] ct);
        byte[] received = new byte[32];
        key.Decapsulate(ct, received);
        using (SecretReadLease lease = sent.OpenRead()) Assert.Equal(lease.Span.ToArray(), received);
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateSeed(new byte[64]));
        Assert.Throws<InvalidOperationException>(() => key.ExportDecapsulationKey(new byte[3168]));
        Assert.Throws<InvalidOperationException>(() => peer.Decapsulate(ct, new byte[32]));

        using Kyber1024Round3Key exportable = Kyber1024Round3Key.Generate(KeyExportPolicies.AllowPlaintextExport);
        byte[] seed = new byte[64];
        exportable.ExportPrivateSeed(seed);
        using Kyber1024Round3Key again = Kyber1024Round3Key.ImportPrivateSeed(seed);
        Assert.Equal(exportable.ExportEncapsulationKey(), again.ExportEncapsulationKey());
    }

    [Fact]
    public void Imports_RejectMalformedKeys()
    {
        KatEntry e = Fresh();
        byte[] badHash = (byte[])e.Sk.Clone();
        badHash[3168 - 40] ^= 1; // inside H(ek)
        Assert.Equal(CryptoError.InvalidPrivateKey,
            Assert.Throws<CryptoException>(() => Kyber1024Round3Key.ImportDecapsulationKey(badHash)).Error);
        byte[] badPk = (byte[])e.Pk.Clone();
        badPk[0] = 0xFF;
        badPk[1] |= 0x0F; // first coefficient 0xFFF >= q
        Assert.Equal(CryptoError.InvalidPublicKey,
            Assert.Throws<CryptoException>(() => Kyber1024Round3Key.ImportEncapsulationKey(badPk)).Error);
        Assert.Throws<ArgumentException>(() => Kyber1024Round3Key.ImportEncapsulationKey(e.Pk.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => Kyber1024Round3Key.ImportDecapsulationKey(e.Sk.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => Kyber1024Round3Key.ImportPrivateSeed(new byte[63]));
    }

    [Fact]
    public void Buffers_WrongSizeOrOverlapping_AreRefusedBeforeWriting()
    {
        KatEntry e = Fresh();
        using Kyber1024Round3Key key = Kyber1024Round3Key.ImportDecapsulationKey(e.Sk);
        byte[] both = new byte[1568 + 32];
        e.Ct.CopyTo(both, 0);
        byte[] before = (byte[])both.Clone();
        Assert.Throws<ArgumentException>(() => key.Decapsulate(both.AsSpan(0, 1568), both.AsSpan(1500, 32)));
        Assert.Throws<ArgumentException>(() => key.Encapsulate(both.AsSpan(0, 1568), both.AsSpan(1500, 32)));
        Assert.Equal(before, both);
        Assert.Throws<ArgumentException>(() => key.Decapsulate(e.Ct, new byte[31]));
        Assert.Throws<ArgumentException>(() => key.Encapsulate(new byte[1567], new byte[32]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Decapsulate(e.Ct, new byte[32]));
    }
}
