// XEdDSA (XEdDsa): round trips, every single-bit change of a signature, message or key failing, canonical-s and
// canonical-u checks, derandomized determinism, and no managed allocation when signing.
using System.Numerics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Tests.Signal;

public class XEdDsaTests
{
    private static readonly byte[] s_message = "XEdDSA test message"u8.ToArray();

    // q, little-endian.
    private static readonly byte[] s_order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

    [Fact]
    public void SignThenVerify_ManyKeys()
    {
        // Enough keys that both values of the Edwards sign bit (carried in bit 7 of byte 63) occur.
        bool sawSignBit = false, sawNoSignBit = false;
        for (int i = 0; i < 24; i++)
        {
            using X25519PrivateKey key = X25519PrivateKey.Generate();
            byte[] signature = new byte[64];
            XEdDsa.Sign(key, s_message, signature);
            Assert.True(XEdDsa.Verify(key.PublicKey, s_message, signature));
            if ((signature[63] & 0x80) != 0) sawSignBit = true;
            else sawNoSignBit = true;
        }
        Assert.True(sawSignBit && sawNoSignBit);
    }

    [Fact]
    public void AlteredSignatureMessageOrKey_Fails()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        using X25519PrivateKey other = X25519PrivateKey.Generate();
        byte[] signature = new byte[64];
        XEdDsa.Sign(key, s_message, signature);
        for (int i = 0; i < 64; i++)
        {
            foreach (byte bit in new byte[] { 0x01, 0x80 })
            {
                byte[] copy = (byte[])signature.Clone();
                copy[i] ^= bit;
                Assert.False(XEdDsa.Verify(key.PublicKey, s_message, copy), $"byte {i} bit {bit:x2}");
            }
        }
        byte[] message = (byte[])s_message.Clone();
        message[0] ^= 1;
        Assert.False(XEdDsa.Verify(key.PublicKey, message, signature));
        Assert.False(XEdDsa.Verify(key.PublicKey, s_message.AsSpan(1), signature));
        Assert.False(XEdDsa.Verify(other.PublicKey, s_message, signature));
        Assert.False(XEdDsa.Verify(key.PublicKey, s_message, signature.AsSpan(0, 63)));
        Assert.Throws<ArgumentException>(() => XEdDsa.Verify(new byte[31], s_message, signature));
    }

    /// <summary>s + q encodes the same scalar; libsignal reduces it and accepts, we refuse it (malleability).</summary>
    internal static byte[] WithNonCanonicalS(byte[] signature)
    {
        byte[] copy = (byte[])signature.Clone();
        byte signBit = (byte)(copy[63] & 0x80);
        copy[63] &= 0x7f;
        int carry = 0;
        for (int i = 0; i < 32; i++)
        {
            int sum = copy[32 + i] + s_order[i] + carry;
            copy[32 + i] = (byte)sum;
            carry = sum >> 8;
        }
        Assert.Equal(0, copy[63] & 0xe0); // s + q < 2^253: still within libsignal's size check
        copy[63] |= signBit;
        return copy;
    }

    [Fact]
    public void NonCanonicalS_IsRejected()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] signature = new byte[64];
        XEdDsa.Sign(key, s_message, signature);
        Assert.False(XEdDsa.Verify(key.PublicKey, s_message, WithNonCanonicalS(signature)));
    }

    [Fact]
    public void NonCanonicalOrExceptionalU_IsRejected()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] signature = new byte[64];
        XEdDsa.Sign(key, s_message, signature);
        byte[] u = key.PublicKey.ToArray();
        byte[] highBit = (byte[])u.Clone();
        highBit[31] |= 0x80; // u + 2^255: libsodium's X25519 ignores the bit, XEdDSA requires u < p
        Assert.False(XEdDsa.Verify(highBit, s_message, signature));
        byte[] pMinus1 = Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        Assert.False(XEdDsa.Verify(pMinus1, s_message, signature));
        Assert.False(XEdDsa.Verify(new byte[32], s_message, signature)); // u = 0: a small-order point
    }

    [Fact]
    public void Derandomized_FixedZ_IsDeterministic()
    {
        using X25519PrivateKey key = X25519PrivateKey.Import(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        byte[] z = Enumerable.Range(0, 64).Select(i => (byte)(255 - i)).ToArray();
        byte[] first = new byte[64], second = new byte[64], third = new byte[64];
        XEdDsa.SignDerandomized(key, s_message, z, first);
        XEdDsa.SignDerandomized(key, s_message, z, second);
        Assert.Equal(first, second);
        z[0] ^= 1;
        XEdDsa.SignDerandomized(key, s_message, z, third);
        Assert.NotEqual(first.AsSpan(0, 32).ToArray(), third.AsSpan(0, 32).ToArray());
        Assert.True(XEdDsa.Verify(key.PublicKey, s_message, first));
        Assert.True(XEdDsa.Verify(key.PublicKey, s_message, third));
    }

    [Fact]
    public void UnclampedAndClampedScalars_SignAlike()
    {
        // X25519 clamps the scalar; so does XEdDSA here (as libsignal stores it), so both forms make one key.
        byte[] raw = Enumerable.Range(7, 32).Select(i => (byte)(i * 13)).ToArray();
        byte[] clamped = (byte[])raw.Clone();
        clamped[0] &= 248;
        clamped[31] = (byte)((clamped[31] & 127) | 64);
        using X25519PrivateKey a = X25519PrivateKey.Import(raw);
        using X25519PrivateKey b = X25519PrivateKey.Import(clamped);
        byte[] z = new byte[64], sa = new byte[64], sb = new byte[64];
        XEdDsa.SignDerandomized(a, s_message, z, sa);
        XEdDsa.SignDerandomized(b, s_message, z, sb);
        Assert.Equal(sa, sb);
    }

    [Fact]
    public unsafe void SpecificationFormSignature_Verifies()
    {
        // The specification's calculate_key_pair (section 3): when A = kB has sign bit 1, sign with a = -k mod q and
        // A' = -A (sign bit 0), and no bit travels. Built here independently of XEdDsa.Sign, with BigInteger scalars.
        BigInteger q = new(s_order, isUnsigned: true);
        for (int attempt = 0; attempt < 64; attempt++)
        {
            byte[] k = RandomNumberGenerator.GetBytes(32);
            k[0] &= 248;
            k[31] = (byte)((k[31] & 127) | 64);
            BigInteger a = new BigInteger(k, isUnsigned: true) % q;
            byte[] edA = BaseMul(a);
            if ((edA[31] & 0x80) == 0) continue; // only this case differs from libsignal's form
            a = (q - a) % q;
            edA[31] &= 0x7f;
            BigInteger r = new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true) % q;
            byte[] edR = BaseMul(r);
            BigInteger h = new BigInteger(SHA512.HashData([.. edR, .. edA, .. s_message]), isUnsigned: true) % q;
            byte[] signature = [.. edR, .. Scalar((r + h * a) % q)];
            Assert.Equal(0, signature[63] & 0x80);
            using X25519PrivateKey key = X25519PrivateKey.Import(k);
            Assert.True(XEdDsa.Verify(key.PublicKey, s_message, signature));
            signature[63] |= 0x80; // the same signature claiming sign bit 1 names the other Edwards point
            Assert.False(XEdDsa.Verify(key.PublicKey, s_message, signature));
            return;
        }
        Assert.Fail("no key with sign bit 1 in 64 tries");
    }

    private static byte[] Scalar(BigInteger value)
    {
        byte[] bytes = new byte[32];
        Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true));
        return bytes;
    }

    private static unsafe byte[] BaseMul(BigInteger scalar)
    {
        byte[] n = Scalar(scalar), point = new byte[32];
        Sodium.EnsureInitialized();
        fixed (byte* pn = n, pp = point) Assert.Equal(0, Sodium.CryptoScalarMultEd25519BaseNoClamp(pp, pn));
        return point;
    }

    [Fact]
    public void Sign_AllocatesNothing()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] signature = new byte[64];
        XEdDsa.Sign(key, s_message, signature); // warm up (JIT, libsodium init)
        long before = GC.GetAllocatedBytesForCurrentThread();
        XEdDsa.Sign(key, s_message, signature);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Sign_RefusesMistakes()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        Assert.Throws<ArgumentNullException>(() => XEdDsa.Sign(null!, s_message, new byte[64]));
        Assert.Throws<ArgumentException>(() => XEdDsa.Sign(key, s_message, new byte[63]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => XEdDsa.Sign(key, s_message, new byte[64]));
    }
}
