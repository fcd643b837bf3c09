// Oracle test (docs/dependencies.md): 10,000 random ML-KEM-768 round trips agree byte for byte with libsodium's
// own ML-KEM-768 (1.0.22, reference C). Per case, from the same random d || z and m: ek and dk of
// crypto_kem_mlkem768_seed_keypair against KeyGen_internal; c and K of crypto_kem_mlkem768_enc_deterministic
// against Encaps_internal; then both decapsulate the valid c and a random c (implicit rejection) with their own
// keys and must agree. Our side runs on the best path here; PathVectorTests covers the other paths.
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.Tests.Oracles.Interop;

namespace NoFuture.Crypto.Tests.Oracles;

public unsafe class LibsodiumMlKemTests
{
    [Fact]
    public void TenThousandRoundTripsAgreeWithLibsodium()
    {
        Assert.True(SodiumMlKemOracle.sodium_init() >= 0);
        var p = MlKemParameters.MlKem768;
        var seed = new byte[64];
        var m = new byte[32];
        var ek = new byte[1184];
        var dk = new byte[2400];
        var c = new byte[1088];
        var cRandom = new byte[1088];
        var k = new byte[32];
        var pk = new byte[1184];
        var sk = new byte[2400];
        var ct = new byte[1088];
        var ss = new byte[32];
        for (int i = 0; i < 10_000; i++)
        {
            RandomNumberGenerator.Fill(seed);
            RandomNumberGenerator.Fill(m);
            RandomNumberGenerator.Fill(cRandom);
            MlKemCore.KeyGenInternal(p, seed.AsSpan(0, 32), seed.AsSpan(32), ek, dk);
            MlKemCore.EncapsInternal(p, ek, m, k, c);
            fixed (byte* pkP = pk, skP = sk, ctP = ct, ssP = ss, seedP = seed, mP = m)
            {
                // SAFETY: all buffers are pinned and have the sizes crypto_kem_mlkem768.h declares.
                Assert.Equal(0, SodiumMlKemOracle.crypto_kem_mlkem768_seed_keypair(pkP, skP, seedP));
                Assert.Equal(0, SodiumMlKemOracle.crypto_kem_mlkem768_enc_deterministic(ctP, ssP, pkP, mP));
            }
            Assert.True(ek.AsSpan().SequenceEqual(pk), $"case {i}: ek");
            Assert.True(dk.AsSpan().SequenceEqual(sk), $"case {i}: dk");
            Assert.True(c.AsSpan().SequenceEqual(ct), $"case {i}: c");
            Assert.True(k.AsSpan().SequenceEqual(ss), $"case {i}: K");

            foreach (byte[] ciphertext in new[] { c, cRandom })
            {
                MlKemCore.DecapsInternal(p, dk, ciphertext, k);
                fixed (byte* skP = sk, ctP = ciphertext, ssP = ss)
                {
                    // SAFETY: as above.
                    Assert.Equal(0, SodiumMlKemOracle.crypto_kem_mlkem768_dec(ssP, ctP, skP));
                }
                Assert.True(k.AsSpan().SequenceEqual(ss), $"case {i}: Decaps");
            }
        }
    }
}
