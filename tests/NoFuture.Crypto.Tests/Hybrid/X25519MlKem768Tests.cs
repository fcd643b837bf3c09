// TLS 1.3 group X25519MLKEM768 (0x11EC, draft-ietf-tls-ecdhe-mlkem §3.1): round trips; the byte order of both shares
// and of the 64-byte secret (ML-KEM first) checked against a manual computation with the primitives and against
// libsodium's crypto_kem_mlkem768_* (test-only oracle); the illegal_parameter cases (modulus check, all-zero X25519);
// misuse.
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.Interop;
using NoFuture.Crypto.MlKem;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hybrid;

public partial class X25519MlKem768Tests
{
    [Fact]
    public void Sizes_AndCodePoint()
    {
        Assert.Equal(0x11EC, X25519MlKem768.NamedGroup);
        Assert.Equal(4588, X25519MlKem768.NamedGroup);
        Assert.Equal(1216, X25519MlKem768.ClientShareSizeInBytes);
        Assert.Equal(1120, X25519MlKem768.ServerShareSizeInBytes);
        Assert.Equal(64, X25519MlKem768.SharedSecretSizeInBytes);
    }

    [Fact]
    public void RandomRoundTrips()
    {
        byte[] serverShare = new byte[1120], ssServer = new byte[64], ssClient = new byte[64];
        for (int i = 0; i < 100; i++)
        {
            using X25519MlKem768ClientKey client = X25519MlKem768ClientKey.Generate();
            Assert.True(X25519MlKem768.Encapsulate(client.ClientShare, serverShare, ssServer));
            Assert.True(client.Decapsulate(serverShare, ssClient));
            Assert.Equal(ssServer, ssClient);
        }

        using X25519MlKem768ClientKey key = X25519MlKem768ClientKey.Generate();
        using Secret? s1 = X25519MlKem768.Encapsulate(key.ClientShare, serverShare);
        using Secret? s2 = key.Decapsulate(serverShare);
        Assert.NotNull(s1);
        Assert.NotNull(s2);
        Assert.Equal(64, s1.Length);
        Assert.True(s1.FixedTimeEquals(s2));
    }

    [Fact]
    public void ConcatenationOrder_MatchesManualComputation()
    {
        for (int i = 0; i < 50; i++)
        {
            byte[] d = RandomNumberGenerator.GetBytes(32), z = RandomNumberGenerator.GetBytes(32);
            byte[] skC = RandomNumberGenerator.GetBytes(32), skS = RandomNumberGenerator.GetBytes(32), m = RandomNumberGenerator.GetBytes(32);
            using X25519MlKem768ClientKey client = X25519MlKem768ClientKey.FromSeeds(d, z, skC);
            byte[] serverShare = new byte[1120], ssServer = new byte[64], ssClient = new byte[64];
            Assert.True(X25519MlKem768.EncapsulateDeterministic(client.ClientShare, m, skS, serverShare, ssServer));
            Assert.True(client.Decapsulate(serverShare, ssClient));

            // Manual, with our primitives.
            byte[] ek = new byte[1184], dk = new byte[2400], ct = new byte[1088], k = new byte[32];
            byte[] pkC = new byte[32], pkS = new byte[32], ssX = new byte[32], ssX2 = new byte[32];
            MlKemCore.KeyGenInternal(MlKemParameters.MlKem768, d, z, ek, dk);
            MlKemCore.EncapsInternal(MlKemParameters.MlKem768, ek, m, k, ct);
            X25519.DerivePublicKey(skC, pkC);
            X25519.DerivePublicKey(skS, pkS);
            Assert.True(X25519.Agree(skS, pkC, ssX));
            Assert.True(X25519.Agree(skC, pkS, ssX2));
            Assert.Equal(ssX, ssX2);
            Assert.Equal([.. ek, .. pkC], client.ClientShare.ToArray());  // §3.1.1: ek || X25519 share
            Assert.Equal([.. ct, .. pkS], serverShare);                     // §3.1.2: ct || X25519 share
            Assert.Equal([.. k, .. ssX], ssServer);                         // §3.1.3: ML-KEM secret || X25519 secret
            Assert.Equal(ssServer, ssClient);

            // Independent check of the ML-KEM half with libsodium's ML-KEM-768 (seed d || z, m).
            byte[] pkL = new byte[1184], skL = new byte[2400], ctL = new byte[1088], kL = new byte[32], kL2 = new byte[32];
            Sodium.EnsureInitialized();
            Assert.Equal(0, crypto_kem_mlkem768_seed_keypair(pkL, skL, [.. d, .. z]));
            Assert.Equal(pkL, client.ClientShare[..1184].ToArray());
            Assert.Equal(0, crypto_kem_mlkem768_enc_deterministic(ctL, kL, pkL, m));
            Assert.Equal(ctL, serverShare[..1088]);
            Assert.Equal(kL, ssServer[..32]);
            Assert.Equal(0, crypto_kem_mlkem768_dec(kL2, serverShare.AsSpan(0, 1088), skL));
            Assert.Equal(kL2, ssClient[..32]);
        }
    }

    [Fact]
    public void TamperedMlKemCiphertext_ChangesOnlyTheMlKemHalf()
    {
        using X25519MlKem768ClientKey client = X25519MlKem768ClientKey.Generate();
        byte[] serverShare = new byte[1120], ssServer = new byte[64], ssClient = new byte[64];
        Assert.True(X25519MlKem768.Encapsulate(client.ClientShare, serverShare, ssServer));
        serverShare[RandomNumberGenerator.GetInt32(1088)] ^= 0x10;
        Assert.True(client.Decapsulate(serverShare, ssClient)); // implicit rejection: no error here
        Assert.NotEqual(ssServer[..32], ssClient[..32]);
        Assert.Equal(ssServer[32..], ssClient[32..]);
    }

    [Fact]
    public void AllZeroX25519_IsRefusedOnBothSides()
    {
        using X25519MlKem768ClientKey client = X25519MlKem768ClientKey.Generate();

        // Server side: a client share whose X25519 part is the low-order point u = 0.
        byte[] badClientShare = client.ClientShare.ToArray();
        badClientShare.AsSpan(1184).Clear();
        byte[] serverShare = new byte[1120], ss = new byte[64];
        Array.Fill(serverShare, (byte)0xA5);
        Array.Fill(ss, (byte)0xA5);
        Assert.False(X25519MlKem768.Encapsulate(badClientShare, serverShare, ss));
        Assert.All(serverShare, b => Assert.Equal(0, b));
        Assert.All(ss, b => Assert.Equal(0, b));
        Assert.Null(X25519MlKem768.Encapsulate(badClientShare, serverShare));

        // Client side: a server share whose X25519 part is u = 1 (also low order).
        Assert.True(X25519MlKem768.Encapsulate(client.ClientShare, serverShare, ss));
        serverShare.AsSpan(1088).Clear();
        serverShare[1088] = 1;
        Array.Fill(ss, (byte)0xA5);
        Assert.False(client.Decapsulate(serverShare, ss));
        Assert.All(ss, b => Assert.Equal(0, b));
        Assert.Null(client.Decapsulate(serverShare));
    }

    [Fact]
    public void ModulusCheckFailure_IsRefused()
    {
        using X25519MlKem768ClientKey client = X25519MlKem768ClientKey.Generate();
        byte[] share = client.ClientShare.ToArray();
        share[0] = 0xFF;
        share[1] |= 0x0F; // first coefficient = 0x?FFF ≥ q
        byte[] serverShare = new byte[1120], ss = new byte[64];
        Assert.False(X25519MlKem768.Encapsulate(share, serverShare, ss));
        Assert.All(ss, b => Assert.Equal(0, b));
        Assert.Null(X25519MlKem768.Encapsulate(share, serverShare));
    }

    [Fact]
    public void Misuse()
    {
        var client = X25519MlKem768ClientKey.Generate();
        byte[] cs = client.ClientShare.ToArray();
        Assert.Throws<ArgumentException>("clientShare", () => X25519MlKem768.Encapsulate(cs.AsSpan(1), new byte[1120], new byte[64]));
        Assert.Throws<ArgumentException>("serverShare", () => X25519MlKem768.Encapsulate(cs, new byte[1121], new byte[64]));
        Assert.Throws<ArgumentException>("sharedSecret", () => X25519MlKem768.Encapsulate(cs, new byte[1120], new byte[32]));
        Assert.Throws<ArgumentException>("serverShare", () => X25519MlKem768.Encapsulate(cs, new byte[1119]));
        Assert.Throws<ArgumentException>("serverShare", () => client.Decapsulate(new byte[1121], new byte[64]));
        Assert.Throws<ArgumentException>("sharedSecret", () => client.Decapsulate(new byte[1120], new byte[32]));
        Assert.Throws<ArgumentException>("serverShare", () => client.Decapsulate(new byte[1216]));
        byte[] buffer = new byte[1120 + 64];
        Assert.Throws<ArgumentException>("sharedSecret", () => client.Decapsulate(buffer.AsSpan(0, 1120), buffer.AsSpan(1100, 64)));
        byte[] big = new byte[1216 + 1120];
        Assert.Throws<ArgumentException>("serverShare", () => X25519MlKem768.Encapsulate(big.AsSpan(0, 1216), big.AsSpan(1000, 1120), new byte[64]));
        Assert.Equal("X25519MlKem768ClientKey", client.ToString());

        client.Dispose();
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => client.ClientShare.Length);
        Assert.Throws<ObjectDisposedException>(() => client.Decapsulate(new byte[1120], new byte[64]));
        Assert.Throws<ObjectDisposedException>(() => client.Decapsulate(new byte[1120]));
    }

    // libsodium 1.0.22 ML-KEM-768 (crypto_kem_mlkem768.h), test-only oracle for the ML-KEM half.
    [LibraryImport("libsodium")]
    private static partial int crypto_kem_mlkem768_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport("libsodium")]
    private static partial int crypto_kem_mlkem768_enc_deterministic(Span<byte> ct, Span<byte> ss, ReadOnlySpan<byte> pk, ReadOnlySpan<byte> seed);

    [LibraryImport("libsodium")]
    private static partial int crypto_kem_mlkem768_dec(Span<byte> ss, ReadOnlySpan<byte> ct, ReadOnlySpan<byte> sk);
}
