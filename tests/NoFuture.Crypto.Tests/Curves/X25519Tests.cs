// X25519: every case of Wycheproof x25519_test.json (C2SP/wycheproof @ dac1dd47, testvectors_v1; see
// shared/vectors/SOURCES.md), the RFC 7748 §6.1 example, and misuse.
//
// How "acceptable" is treated: Wycheproof marks two kinds of case acceptable. (1) Public keys that are non-canonical
// (u ≥ 2^255 − 19), on the twist, or edge cases of the ladder: RFC 7748 §5 says to accept them (mask the top bit,
// reduce), so Agree must return true with exactly the listed shared secret. (2) Low-order public keys whose shared
// secret is all zero (flag ZeroSharedSecret): our documented policy is Agree → false with the destination all zero.
using System.Text.Json;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Curves;

public class X25519Tests
{
    [Fact]
    public void Wycheproof_EveryCase()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("x25519/x25519_test.json")));
        int valid = 0, acceptableComputed = 0, acceptableZero = 0;
        var failures = new List<string>();
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal("curve25519", group.GetProperty("curve").GetString());
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] priv = Convert.FromHexString(test.GetProperty("private").GetString()!);
                byte[] pub = Convert.FromHexString(test.GetProperty("public").GetString()!);
                byte[] expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
                string result = test.GetProperty("result").GetString()!;
                bool zeroExpected = expected.All(b => b == 0);

                byte[] shared = new byte[32];
                Array.Fill(shared, (byte)0xA5);
                bool ok = X25519.Agree(priv, pub, shared);

                // The Secret overload must agree with the span overload.
                using Secret sk = Secret.CopyFrom(priv);
                byte[] shared2 = new byte[32];
                bool ok2 = X25519.Agree(sk, pub, shared2);

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
            $"x25519: {valid} valid, {acceptableComputed} acceptable (computed), {acceptableZero} acceptable (zero → false)");
        // Counted from the file, apart from the run: every case ran, and each landed in the class the file gives it.
        VectorCount.AllRan(valid + acceptableComputed + acceptableZero, VectorCount.Wycheproof(doc.RootElement), "x25519");
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
        Assert.Equal(VectorCount.Wycheproof(doc.RootElement, (_, t) => t.GetProperty("result").GetString() == "acceptable"
            && Convert.FromHexString(t.GetProperty("shared").GetString()!).All(b => b == 0)), acceptableZero);
    }

    [Fact]
    public void Rfc7748_Section6_1()
    {
        byte[] a = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] b = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] expectedA = Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] expectedB = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] k = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        using X25519PrivateKey alice = X25519PrivateKey.Import(a);
        using Secret bobSecret = Secret.CopyFrom(b);
        using X25519PrivateKey bob = X25519PrivateKey.Import(bobSecret);
        Assert.Equal(expectedA, alice.PublicKey.ToArray());
        Assert.Equal(expectedB, bob.PublicKey.ToArray());

        using Secret kA = Secret.Allocate(32);
        using (SecretWriteLease lease = kA.OpenWrite()) Assert.True(alice.Agree(bob.PublicKey, lease.Span));
        Assert.True(kA.FixedTimeEquals(k));
        using Secret? kB = X25519.Agree(bobSecret, expectedA);
        Assert.NotNull(kB);
        Assert.True(kB.FixedTimeEquals(k));
    }

    [Fact]
    public void GeneratedKeys_Agree()
    {
        using X25519PrivateKey a = X25519PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using X25519PrivateKey b = X25519PrivateKey.Generate();
        Span<byte> ab = stackalloc byte[32], ba = stackalloc byte[32];
        Assert.True(a.Agree(b.PublicKey, ab));
        Assert.True(b.Agree(a.PublicKey, ba));
        Assert.True(ab.SequenceEqual(ba));
        Assert.False(ab.SequenceEqual(new byte[32]));

        using Secret exported = a.ExportPrivateKey();
        Span<byte> pk = stackalloc byte[32];
        X25519.DerivePublicKey(exported, pk);
        Assert.True(pk.SequenceEqual(a.PublicKey));
        Assert.Equal("X25519PrivateKey", a.ToString());
    }

    [Fact]
    public void LowOrderPoint_ReturnsFalse_AndZeroes()
    {
        using X25519PrivateKey a = X25519PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        byte[] shared = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.False(a.Agree(new byte[32], shared)); // u = 0 has order 1
        Assert.All(shared, b => Assert.Equal(0, b));
        using Secret sk = a.ExportPrivateKey();
        Assert.Null(X25519.Agree(sk, new byte[32]));
    }

    [Fact]
    public void Misuse_Throws()
    {
        byte[] sk = new byte[32], pk = new byte[32], ss = new byte[32];
        Assert.Throws<ArgumentException>(() => X25519.Agree(new byte[31], pk, ss));
        Assert.Throws<ArgumentException>(() => X25519.Agree(sk, new byte[33], ss));
        Assert.Throws<ArgumentException>(() => X25519.Agree(sk, pk, new byte[31]));
        Assert.Throws<ArgumentException>(() => X25519.Agree(sk, pk, sk));
        byte[] both = new byte[64];
        Assert.Throws<ArgumentException>(() => X25519.Agree(both.AsSpan(0, 32), pk, both.AsSpan(16, 32)));
        Assert.Throws<ArgumentException>(() => X25519.DerivePublicKey(new byte[32], new byte[16]));
        using Secret wrong = Secret.Allocate(16);
        Assert.Throws<ArgumentException>(() => X25519.Agree(wrong, pk, ss));
        Assert.Throws<ArgumentException>(() => X25519PrivateKey.Import(wrong));

        X25519PrivateKey key = X25519PrivateKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Agree(pk, ss));
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey.Length);
        Secret disposed = Secret.Allocate(32);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => X25519.Agree(disposed, pk, ss));
    }
}
