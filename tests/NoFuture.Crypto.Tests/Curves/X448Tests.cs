// X448 (our managed RFC 7748 implementation): every entry of shared/vectors/x448/rfc7748.json (RFC 7748 §5.2 scalar
// multiplications and the iterated test, §6.2 Diffie-Hellman), every case of Wycheproof x448_test.json (see
// shared/vectors/SOURCES.md), a 1,000-case cross-check against BouncyCastle's X448, misuse, and zero allocation.
//
// How Wycheproof's classes are treated: "valid" and "acceptable" cases with a non-zero shared secret (twist points,
// non-canonical u ≥ p, ladder edge cases) must agree exactly: RFC 7748 §5 says to accept and reduce them. Acceptable
// cases whose shared secret is all zero (low-order points, flag ZeroSharedSecret) follow the X25519 policy: Agree →
// false with the destination all zero. "invalid" cases (a 57-byte public key) are caller-size errors here:
// ArgumentException, nothing written.
using System.Text.Json;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;
using NoFuture.Tests.Shared;
using Bc = Org.BouncyCastle.Math.EC.Rfc7748;

namespace NoFuture.Crypto.Tests.Curves;

public class X448Tests
{
    private static JsonElement Rfc7748 => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("x448/rfc7748.json"))).RootElement;

    [Fact]
    public void Rfc7748_Section5_2_ScalarMultiplications()
    {
        int ran = 0;
        foreach (JsonElement v in Rfc7748.GetProperty("scalar_multiplication").EnumerateArray())
        {
            byte[] k = Convert.FromHexString(v.GetProperty("scalar_hex").GetString()!);
            byte[] u = Convert.FromHexString(v.GetProperty("u_hex").GetString()!);
            byte[] expected = Convert.FromHexString(v.GetProperty("output_hex").GetString()!);
            byte[] output = new byte[56];
            Assert.True(X448.Agree(k, u, output));
            Assert.Equal(expected, output);
            ran++;
        }
        VectorCount.AllRan(ran, Rfc7748.GetProperty("scalar_multiplication").GetArrayLength(), "rfc7748 §5.2");
    }

    private static readonly int[] IterationCounts = [1, 1000, 1_000_000];

    public static TheoryData<int> Iterations => new(IterationCounts);

    [Theory]
    [MemberData(nameof(Iterations))]
    public void Rfc7748_Section5_2_Iterated(int iterations)
    {
        Assert.SkipWhen(iterations > 1000 && Environment.GetEnvironmentVariable("NOFUTURE_SLOW_TESTS") != "1",
            "The 1,000,000-iteration RFC 7748 §5.2 test runs only with NOFUTURE_SLOW_TESTS=1.");
        JsonElement iterated = Rfc7748.GetProperty("iterated");
        JsonElement entry = iterated.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("iterations").GetInt32() == iterations);
        byte[] k = Convert.FromHexString(iterated.GetProperty("initial_k_hex").GetString()!);
        byte[] u = Convert.FromHexString(iterated.GetProperty("initial_u_hex").GetString()!);
        byte[] r = new byte[56];
        for (int i = 0; i < iterations; i++)
        {
            X448.Agree(k, u, r);
            (u, k, r) = (k, r, u);
        }
        Assert.Equal(Convert.FromHexString(entry.GetProperty("k_hex").GetString()!), k);
    }

    [Fact]
    public void Rfc7748_IteratedEntries_AreAllCovered()
    {
        int[] inFile = Rfc7748.GetProperty("iterated").GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("iterations").GetInt32()).Order().ToArray();
        Assert.Equal(IterationCounts, inFile);
    }

    [Fact]
    public void Rfc7748_Section6_2_DiffieHellman()
    {
        JsonElement dh = Rfc7748.GetProperty("diffie_hellman");
        byte[] a = Convert.FromHexString(dh.GetProperty("alice_private_hex").GetString()!);
        byte[] b = Convert.FromHexString(dh.GetProperty("bob_private_hex").GetString()!);
        byte[] expectedA = Convert.FromHexString(dh.GetProperty("alice_public_hex").GetString()!);
        byte[] expectedB = Convert.FromHexString(dh.GetProperty("bob_public_hex").GetString()!);
        byte[] k = Convert.FromHexString(dh.GetProperty("shared_secret_hex").GetString()!);

        using X448PrivateKey alice = X448PrivateKey.Import(a);
        using Secret bobSecret = Secret.CopyFrom(b);
        using X448PrivateKey bob = X448PrivateKey.Import(bobSecret);
        Assert.Equal(expectedA, alice.PublicKey.ToArray());
        Assert.Equal(expectedB, bob.PublicKey.ToArray());
        byte[] pk = new byte[56];
        X448.DerivePublicKey(a, pk);
        Assert.Equal(expectedA, pk);
        Assert.True(X448.TryDerivePublicKey(bobSecret, new byte[60], out int written));
        Assert.Equal(56, written);

        using Secret kA = Secret.Allocate(56);
        using (SecretWriteLease lease = kA.OpenWrite()) Assert.True(alice.Agree(bob.PublicKey, lease.Span));
        Assert.True(kA.FixedTimeEquals(k));
        using Secret? kB = X448.Agree(bobSecret, expectedA);
        Assert.NotNull(kB);
        Assert.True(kB.FixedTimeEquals(k));
    }

    [Fact]
    public void Wycheproof_EveryCase()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("x448/x448_test.json")));
        int valid = 0, acceptableComputed = 0, acceptableZero = 0, invalid = 0;
        var failures = new List<string>();
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal("curve448", group.GetProperty("curve").GetString());
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] priv = Convert.FromHexString(test.GetProperty("private").GetString()!);
                byte[] pub = Convert.FromHexString(test.GetProperty("public").GetString()!);
                byte[] expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
                string result = test.GetProperty("result").GetString()!;
                byte[] shared = Enumerable.Repeat((byte)0xA5, 56).ToArray();
                using Secret sk = Secret.CopyFrom(priv);

                if (result == "invalid")
                {
                    // Every invalid case is a public key of the wrong length: refused before anything is written.
                    Assert.NotEqual(X448.PublicKeySizeInBytes, pub.Length);
                    Assert.Throws<ArgumentException>(() => X448.Agree(priv, pub, shared));
                    Assert.Throws<ArgumentException>(() => X448.Agree(sk, pub, shared));
                    Assert.All(shared, b => Assert.Equal(0xA5, b));
                    invalid++;
                    continue;
                }

                bool zeroExpected = expected.All(b => b == 0);
                bool ok = X448.Agree(priv, pub, shared);
                byte[] shared2 = new byte[56];
                bool ok2 = X448.Agree(sk, pub, shared2);
                bool pass = ok == ok2 && shared.AsSpan().SequenceEqual(shared2) && shared.AsSpan().SequenceEqual(expected)
                    && ok == !zeroExpected;
                if (!pass) { failures.Add($"tcId {id} ({result}): ok={ok}"); continue; }
                switch (result)
                {
                    case "valid": Assert.False(zeroExpected); valid++; break;
                    case "acceptable" when zeroExpected: acceptableZero++; break;
                    case "acceptable": acceptableComputed++; break;
                    default: failures.Add($"tcId {id}: unexpected result {result}"); break;
                }
            }
        }
        Assert.Empty(failures);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"x448: {valid} valid, {acceptableComputed} acceptable (computed), {acceptableZero} acceptable (zero → false), {invalid} invalid (wrong size)");
        VectorCount.AllRan(valid + acceptableComputed + acceptableZero + invalid, VectorCount.Wycheproof(doc.RootElement), "x448");
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "invalid"), invalid);
        Assert.Equal(VectorCount.Wycheproof(doc.RootElement, (_, t) => t.GetProperty("result").GetString() == "acceptable"
            && Convert.FromHexString(t.GetProperty("shared").GetString()!).All(b => b == 0)), acceptableZero);
    }

    [Fact]
    public void BouncyCastle_CrossCheck_RandomKeys()
    {
        var rng = new Random(448);
        byte[] k = new byte[56], u = new byte[56], ours = new byte[56], theirs = new byte[56];
        for (int i = 0; i < 1000; i++)
        {
            rng.NextBytes(k);
            rng.NextBytes(u);
            if (i % 2 == 0)
            {
                // A real public key half the time, an arbitrary 56-byte string (twist, non-canonical) the other half.
                Bc.X448.ScalarMultBase(u, 0, theirs, 0);
                theirs.CopyTo(u, 0);
                X448.DerivePublicKey(k, ours);
                Bc.X448.ScalarMultBase(k, 0, theirs, 0);
                Assert.Equal(theirs, ours);
            }
            bool ok = X448.Agree(k, u, ours);
            bool bcOk = Bc.X448.CalculateAgreement(k, 0, u, 0, theirs, 0);
            Assert.Equal(bcOk, ok);
            Assert.Equal(theirs, ours);
        }
    }

    [Fact]
    public void GeneratedKeys_Agree_AndExportFollowsPolicy()
    {
        using X448PrivateKey a = X448PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using X448PrivateKey b = X448PrivateKey.Generate();
        Span<byte> ab = stackalloc byte[56], ba = stackalloc byte[56];
        Assert.True(a.Agree(b.PublicKey, ab));
        Assert.True(b.Agree(a.PublicKey, ba));
        Assert.True(ab.SequenceEqual(ba));
        Assert.False(ab.SequenceEqual(new byte[56]));

        using Secret exported = a.ExportPrivateKey();
        Span<byte> pk = stackalloc byte[56];
        X448.DerivePublicKey(exported, pk);
        Assert.True(pk.SequenceEqual(a.PublicKey));
        Assert.Equal(a.ExportPublicKey(), pk.ToArray());
        Assert.False(a.TryExportPublicKey(new byte[55], out int written));
        Assert.Equal(0, written);
        Assert.Equal("X448PrivateKey", a.ToString());

        Assert.Throws<InvalidOperationException>(() => b.ExportPrivateKey());
        Assert.Throws<InvalidOperationException>(() => b.ExportPrivateKey(new byte[56]));
        Assert.Throws<ArgumentOutOfRangeException>(() => X448PrivateKey.Generate(exportPolicy: (KeyExportPolicies)0x40));
    }

    [Fact]
    public void LowOrderPoints_ReturnFalse_AndZero()
    {
        using X448PrivateKey a = X448PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        byte[] one = new byte[56]; one[0] = 1;
        byte[] p = Enumerable.Repeat((byte)0xFF, 56).ToArray(); p[28] = 0xFE; // p ≡ 0, non-canonical
        byte[] minusOne = (byte[])p.Clone(); minusOne[0] = 0xFE;         // p − 1 ≡ −1, order 2
        foreach (byte[] u in new[] { new byte[56], one, p, minusOne })
        {
            byte[] shared = Enumerable.Repeat((byte)0xFF, 56).ToArray();
            Assert.False(a.Agree(u, shared));
            Assert.All(shared, b => Assert.Equal(0, b));
            using Secret sk = a.ExportPrivateKey();
            Assert.Null(X448.Agree(sk, u));
        }
    }

    [Fact]
    public void Misuse_Throws()
    {
        byte[] sk = new byte[56], pk = new byte[56], ss = new byte[56];
        Assert.Throws<ArgumentException>(() => X448.Agree(new byte[55], pk, ss));
        Assert.Throws<ArgumentException>(() => X448.Agree(new byte[32], pk, ss));
        Assert.Throws<ArgumentException>(() => X448.Agree(sk, new byte[57], ss));
        Assert.Throws<ArgumentException>(() => X448.Agree(sk, new byte[32], ss));
        Assert.Throws<ArgumentException>(() => X448.Agree(sk, pk, new byte[55]));
        Assert.Throws<ArgumentException>(() => X448.Agree(sk, pk, sk));
        byte[] both = new byte[112];
        Assert.Throws<ArgumentException>(() => X448.Agree(both.AsSpan(0, 56), pk, both.AsSpan(16, 56)));
        Assert.Throws<ArgumentException>(() => X448.DerivePublicKey(new byte[56], new byte[32]));
        Assert.Throws<ArgumentException>(() => X448.DerivePublicKey(new byte[32], new byte[56]));
        Assert.Throws<ArgumentException>(() => X448.TryDerivePublicKey(new byte[32], new byte[56], out _));
        Assert.False(X448.TryDerivePublicKey(sk, new byte[55], out int written));
        Assert.Equal(0, written);
        using Secret wrong = Secret.Allocate(32);
        Assert.Throws<ArgumentException>(() => X448.Agree(wrong, pk, ss));
        Assert.Throws<ArgumentException>(() => X448.DerivePublicKey(wrong, pk));
        Assert.Throws<ArgumentException>(() => X448PrivateKey.Import(wrong));
        Assert.Throws<ArgumentException>(() => X448PrivateKey.Import(new byte[32]));

        X448PrivateKey key = X448PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        Assert.Throws<ArgumentException>(() => key.Agree(new byte[55], ss));
        Assert.Throws<ArgumentException>(() => key.ExportPublicKey(new byte[55]));
        Assert.Throws<ArgumentException>(() => key.ExportPrivateKey(new byte[55]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Agree(pk, ss));
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey.Length);
        Assert.Throws<ObjectDisposedException>(() => key.ExportPublicKey());
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
        Secret disposed = Secret.Allocate(56);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => X448.Agree(disposed, pk, ss));
        Assert.Throws<ObjectDisposedException>(() => X448.DerivePublicKey(disposed, pk));
        Assert.Throws<ObjectDisposedException>(() => X448PrivateKey.Import(disposed));
    }

    [Fact]
    public void Agree_AndDerivePublicKey_AllocateNothing()
    {
        byte[] sk = new byte[56], pk = new byte[56], ss = new byte[56];
        new Random(1).NextBytes(sk);
        using X448PrivateKey key = X448PrivateKey.Import(sk);
        for (int i = 0; i < 3; i++)
        {
            X448.DerivePublicKey(sk, pk);
            X448.Agree(sk, pk, ss);
            key.Agree(pk, ss);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            X448.DerivePublicKey(sk, pk);
            X448.Agree(sk, pk, ss);
            key.Agree(pk, ss);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
