// One contract for every AEAD the library exposes (docs/failure-policy.md): every public static AeadAlgorithm and
// HpkeAead member is found by reflection, so a member added later runs these cases without editing this file.
// Caller mistakes throw the exact type (xunit's Assert.Throws checks it): wrong key, nonce or buffer sizes and partial
// overlap -> ArgumentException, a disposed key or context -> ObjectDisposedException. A tampered message (a flipped bit
// in ciphertext, tag or associated data, or a truncated ciphertext) -> Open returns false and the destination is all
// zero. Exact in-place operation works. HPKE derives its nonce, so "wrong nonce size" is, for HPKE, a wrong-size enc,
// and "wrong key size" a recipient public key of the wrong length.
using System.Reflection;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Aead;

public class AeadMisuseContractTests
{
    private const int Length = 100;

    private delegate void SealFn(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> ad);

    private delegate bool OpenFn(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> ad);

    /// <summary>Every public static property of type <typeparamref name="T"/> on <typeparamref name="T"/>.</summary>
    private static IEnumerable<PropertyInfo> Members<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(T));

    public static TheoryData<string, string> AeadForms()
    {
        var data = new TheoryData<string, string>();
        foreach (PropertyInfo p in Members<AeadAlgorithm>())
            foreach (string form in new[] { "span", "secret", "keyed" }) data.Add(p.Name, form);
        return data;
    }

    public static TheoryData<string> AeadMembers() => new(Members<AeadAlgorithm>().Select(p => p.Name));

    public static TheoryData<string> HpkeMembers() => new(Members<HpkeAead>().Select(p => p.Name));

    private static AeadAlgorithm Aead(string member) => (AeadAlgorithm)typeof(AeadAlgorithm).GetProperty(member)!.GetValue(null)!;

    private static HpkeAead Hpke(string member) => (HpkeAead)typeof(HpkeAead).GetProperty(member)!.GetValue(null)!;

    [Fact]
    public void Reflection_FindsEveryKnownMember()
    {
        // Guards the enumeration itself: a filter that found nothing would make every theory below vacuous.
        Assert.Superset(new HashSet<string> { "Aes128Gcm", "Aes256Gcm", "ChaCha20Poly1305", "XChaCha20Poly1305" },
            Members<AeadAlgorithm>().Select(p => p.Name).ToHashSet());
        Assert.Superset(new HashSet<string> { "Aes128Gcm", "Aes256Gcm", "ChaCha20Poly1305", "ExportOnly" },
            Members<HpkeAead>().Select(p => p.Name).ToHashSet());
    }

    /// <summary>An AEAD in one of its three forms: key span, key Secret, AeadKey. Disposing it disposes the key.</summary>
    private sealed class Form : IDisposable
    {
        private readonly byte[] _raw;
        private readonly Secret _secret;
        private readonly AeadKey _keyed;

        public Form(AeadAlgorithm algorithm, string form)
        {
            Algorithm = algorithm;
            _raw = RandomNumberGenerator.GetBytes(algorithm.KeySizeInBytes);
            _secret = Secret.CopyFrom(_raw);
            _keyed = algorithm.CreateKey(_raw);
            (Seal, Open) = form switch
            {
                "span" => ((SealFn)((n, p, c, t, a) => algorithm.Seal(_raw, n, p, c, t, a)),
                    (OpenFn)((n, c, t, p, a) => algorithm.Open(_raw, n, c, t, p, a))),
                "secret" => ((n, p, c, t, a) => algorithm.Seal(_secret, n, p, c, t, a), (n, c, t, p, a) => algorithm.Open(_secret, n, c, t, p, a)),
                _ => ((n, p, c, t, a) => _keyed.Seal(n, p, c, t, a), (n, c, t, p, a) => _keyed.Open(n, c, t, p, a)),
            };
            Disposable = form != "span";
        }

        public AeadAlgorithm Algorithm { get; }

        public SealFn Seal { get; }

        public OpenFn Open { get; }

        public bool Disposable { get; }

        public void Dispose()
        {
            _secret.Dispose();
            _keyed.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(AeadForms))]
    public void Aead_RoundTrip_AndInPlace(string member, string form)
    {
        using var f = new Form(Aead(member), form);
        byte[] nonce = RandomNumberGenerator.GetBytes(f.Algorithm.NonceSizeInBytes), aad = RandomNumberGenerator.GetBytes(13);
        foreach (int length in new[] { 0, 1, 64, 1000 })
        {
            byte[] msg = RandomNumberGenerator.GetBytes(length), ct = new byte[length], tag = new byte[16], pt = new byte[length];
            f.Seal(nonce, msg, ct, tag, aad);
            Assert.True(f.Open(nonce, ct, tag, pt, aad));
            Assert.Equal(msg, pt);

            // Exact in place: plaintext and ciphertext are the same memory.
            byte[] buffer = (byte[])msg.Clone(), tag2 = new byte[16];
            f.Seal(nonce, buffer, buffer, tag2, aad);
            Assert.Equal(ct, buffer);
            Assert.Equal(tag, tag2);
            Assert.True(f.Open(nonce, buffer, tag2, buffer, aad));
            Assert.Equal(msg, buffer);
        }
    }

    [Theory]
    [MemberData(nameof(AeadForms))]
    public void Aead_Tamper_ReturnsFalse_WithDestinationAllZero(string member, string form)
    {
        using var f = new Form(Aead(member), form);
        byte[] nonce = RandomNumberGenerator.GetBytes(f.Algorithm.NonceSizeInBytes), aad = RandomNumberGenerator.GetBytes(13);
        byte[] msg = RandomNumberGenerator.GetBytes(Length), ct = new byte[Length], tag = new byte[16];
        f.Seal(nonce, msg, ct, tag, aad);

        void ExpectFalse(byte[] c, byte[] t, byte[] a)
        {
            byte[] dest = Enumerable.Repeat((byte)0xEE, c.Length).ToArray();
            Assert.False(f.Open(nonce, c, t, dest, a));
            Assert.All(dest, b => Assert.Equal(0, b));
            // In place too: the failed open clears the buffer that held the ciphertext.
            byte[] inPlace = (byte[])c.Clone();
            Assert.False(f.Open(nonce, inPlace, t, inPlace, a));
            Assert.All(inPlace, b => Assert.Equal(0, b));
        }
        ExpectFalse(Flip(ct, 0, 0x01), tag, aad);
        ExpectFalse(Flip(ct, Length / 2, 0x80), tag, aad);
        ExpectFalse(Flip(ct, Length - 1, 0x10), tag, aad);
        ExpectFalse(ct, Flip(tag, 0, 0x01), aad);
        ExpectFalse(ct, Flip(tag, 15, 0x80), aad);
        ExpectFalse(ct, tag, Flip(aad, 7, 0x04));
        ExpectFalse(ct[..^1], tag, aad);  // truncated ciphertext
        ExpectFalse(ct[1..], tag, aad);   // ciphertext missing its first byte
        ExpectFalse(ct, tag, aad[..^1]);  // truncated associated data
    }

    [Theory]
    [MemberData(nameof(AeadForms))]
    public void Aead_CallerMistakes_ThrowExactTypes_AndWriteNothing(string member, string form)
    {
        using var f = new Form(Aead(member), form);
        int nn = f.Algorithm.NonceSizeInBytes;
        byte[] nonce = new byte[nn], msg = RandomNumberGenerator.GetBytes(32), ct = new byte[32], tag = new byte[16], pt = new byte[32];
        f.Seal(nonce, msg, ct, tag, default);

        // Wrong nonce size, both ways.
        foreach (int n in new[] { 0, nn - 1, nn + 1 })
        {
            Assert.Throws<ArgumentException>(() => f.Seal(new byte[n], msg, new byte[32], new byte[16], default));
            Assert.Throws<ArgumentException>(() => f.Open(new byte[n], ct, tag, new byte[32], default));
        }
        // Destination (and tag) too small or too large: nothing written.
        foreach (int delta in new[] { -1, 1 })
        {
            byte[] dest = new byte[32 + delta], t = new byte[16];
            Assert.Throws<ArgumentException>(() => f.Seal(nonce, msg, dest, t, default));
            Assert.Throws<ArgumentException>(() => f.Seal(nonce, msg, new byte[32], new byte[16 + delta], default));
            Assert.Throws<ArgumentException>(() => f.Open(nonce, ct, tag, dest, default));
            Assert.Throws<ArgumentException>(() => f.Open(nonce, ct, new byte[16 + delta], new byte[32], default));
            Assert.All(dest, b => Assert.Equal(0, b));
            Assert.All(t, b => Assert.Equal(0, b));
        }
        // Partial overlap of plaintext and ciphertext (either direction), of the tag and the ciphertext, and of an
        // output over the nonce or the associated data. Exact in place is the only overlap allowed.
        byte[] big = new byte[100];
        Assert.Throws<ArgumentException>(() => f.Seal(nonce, big.AsSpan(0, 32), big.AsSpan(1, 32), tag, default));
        Assert.Throws<ArgumentException>(() => f.Seal(nonce, big.AsSpan(1, 32), big.AsSpan(0, 32), tag, default));
        Assert.Throws<ArgumentException>(() => f.Open(nonce, big.AsSpan(0, 32), tag, big.AsSpan(8, 32), default));
        Assert.Throws<ArgumentException>(() => f.Open(nonce, big.AsSpan(8, 32), tag, big.AsSpan(0, 32), default));
        Assert.Throws<ArgumentException>(() => f.Seal(nonce, msg, big.AsSpan(0, 32), big.AsSpan(31, 16), default));
        Assert.Throws<ArgumentException>(() => f.Seal(big.AsSpan(20, nn), msg, big.AsSpan(0, 32), tag, default));
        Assert.Throws<ArgumentException>(() => f.Seal(nonce, msg, big.AsSpan(0, 32), tag, big.AsSpan(10, 5)));
        Assert.Throws<ArgumentException>(() => f.Open(nonce, ct, tag, big.AsSpan(0, 32), big.AsSpan(10, 5)));
        Assert.Throws<ArgumentException>(() => f.Open(nonce, ct, big.AsSpan(30, 16), big.AsSpan(0, 32), default));
        Assert.All(big, b => Assert.Equal(0, b));

        // A disposed key (the Secret, or the AeadKey).
        if (f.Disposable)
        {
            f.Dispose();
            Assert.Throws<ObjectDisposedException>(() => f.Seal(nonce, msg, new byte[32], new byte[16], default));
            Assert.Throws<ObjectDisposedException>(() => f.Open(nonce, ct, tag, pt, default));
        }
    }

    [Theory]
    [MemberData(nameof(AeadMembers))]
    public void Aead_WrongKeySize_Throws_InEveryForm(string member)
    {
        AeadAlgorithm a = Aead(member);
        byte[] nonce = new byte[a.NonceSizeInBytes], msg = new byte[8], ct = new byte[8], tag = new byte[16];
        foreach (int size in new[] { 0, a.KeySizeInBytes - 1, a.KeySizeInBytes + 1 })
        {
            byte[] key = new byte[size];
            Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, msg, ct, tag));
            Assert.Throws<ArgumentException>(() => a.Open(key, nonce, ct, tag, msg));
            Assert.Throws<ArgumentException>(() => a.CreateKey(key));
            Assert.Throws<ArgumentException>(() => a.TrySeal(key, nonce, msg, new byte[24], out _));
            if (size == 0) continue;
            using Secret secret = Secret.Allocate(size);
            Assert.Throws<ArgumentException>(() => a.Seal(secret, nonce, msg, ct, tag));
            Assert.Throws<ArgumentException>(() => a.Open(secret, nonce, ct, tag, msg));
            Assert.Throws<ArgumentException>(() => a.CreateKey(secret));
        }
        Secret disposed = Secret.Allocate(a.KeySizeInBytes);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.CreateKey(disposed));
    }

    [Theory]
    [MemberData(nameof(AeadMembers))]
    public void Aead_TrySeal_TooSmallIsFalse_TooLargeWritesThePrefix_InPlaceWorks(string member)
    {
        AeadAlgorithm a = Aead(member);
        byte[] key = RandomNumberGenerator.GetBytes(a.KeySizeInBytes), nonce = RandomNumberGenerator.GetBytes(a.NonceSizeInBytes);
        byte[] msg = RandomNumberGenerator.GetBytes(Length);
        byte[] expected = a.Seal(key, nonce, msg);

        byte[] small = new byte[Length + 15];
        Assert.False(a.TrySeal(key, nonce, msg, small, out int written));
        Assert.Equal(0, written);
        Assert.All(small, b => Assert.Equal(0, b));

        byte[] large = new byte[Length + 17];
        Assert.True(a.TrySeal(key, nonce, msg, large, out written));
        Assert.Equal(Length + 16, written);
        Assert.Equal(expected, large[..written]);
        Assert.Equal(0, large[^1]);

        // In place: the plaintext is the start of the destination.
        byte[] buffer = new byte[Length + 16];
        msg.CopyTo(buffer, 0);
        Assert.True(a.TrySeal(key, nonce, buffer.AsSpan(0, Length), buffer, out written));
        Assert.Equal(expected, buffer);
        using AeadKey keyed = a.CreateKey(key);
        Assert.True(keyed.TrySeal(nonce, msg, large, out written));
        Assert.Equal(expected, large[..written]);
        Assert.Throws<ArgumentException>(() => a.TrySeal(key, nonce, buffer.AsSpan(1, Length), buffer, out _));
    }

    // ---- HPKE: every HpkeAead member in a DHKEM(X25519) suite, single shot and context ----

    private static HpkeSuite Suite(HpkeAead aead) => new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, aead);

    [Theory]
    [MemberData(nameof(HpkeMembers))]
    public void Hpke_AlgorithmIsThePublicAead_AndSealsWithIt(string member)
    {
        HpkeAead aead = Hpke(member);
        if (aead.IsExportOnly)
        {
            Assert.Null(aead.Algorithm);
            Assert.Equal(0, aead.KeySizeInBytes + aead.NonceSizeInBytes + aead.TagSizeInBytes);
            return;
        }
        AeadAlgorithm algorithm = aead.Algorithm;
        Assert.Same(algorithm, Aead(member));
        Assert.Equal(algorithm.Name, aead.Name);
        Assert.Equal((algorithm.KeySizeInBytes, algorithm.NonceSizeInBytes, algorithm.TagSizeInBytes),
            (aead.KeySizeInBytes, aead.NonceSizeInBytes, aead.TagSizeInBytes));

        // The context's first message is AeadAlgorithm.Seal(key, base_nonce, pt, aad) (RFC 9180 §5.2, seq 0).
        HpkeSuite suite = Suite(aead);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], msg = RandomNumberGenerator.GetBytes(Length), aad = [1, 2, 3];
        using HpkeSenderContext sender = suite.SetupSender(skR.PublicKey, enc, "info"u8);
        byte[] ct = new byte[suite.GetCiphertextSize(Length)];
        sender.Seal(msg, ct, aad);
        using SecretReadLease secrets = sender.SecretsForTesting.OpenRead();
        byte[] expected = algorithm.Seal(secrets.Span[..aead.KeySizeInBytes],
            secrets.Span.Slice(aead.KeySizeInBytes, aead.NonceSizeInBytes), msg, aad);
        Assert.Equal(expected, ct);
    }

    [Theory]
    [MemberData(nameof(HpkeMembers))]
    public void Hpke_RoundTrip_InPlace_AndTamper(string member)
    {
        HpkeAead aead = Hpke(member);
        HpkeSuite suite = Suite(aead);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], info = "info"u8.ToArray(), aad = "aad"u8.ToArray();
        byte[] msg = RandomNumberGenerator.GetBytes(Length), ct = new byte[Length + aead.TagSizeInBytes];
        if (aead.IsExportOnly)
        {
            // Seal/Open on an export-only suite is the caller's choice (docs/failure-policy.md): InvalidOperationException.
            Assert.Throws<InvalidOperationException>(() => suite.Seal(skR.PublicKey, msg, enc, ct, info, aad));
            Assert.Throws<InvalidOperationException>(() => suite.Open(skR, enc, ct, new byte[Length], info, aad));
            return;
        }
        suite.Seal(skR.PublicKey, msg, enc, ct, info, aad);
        byte[] pt = new byte[Length];
        Assert.True(suite.Open(skR, enc, ct, pt, info, aad));
        Assert.Equal(msg, pt);

        // Exact in place: the plaintext is the start of the ciphertext buffer.
        byte[] buffer = new byte[Length + 16], enc2 = new byte[enc.Length];
        msg.CopyTo(buffer, 0);
        suite.Seal(skR.PublicKey, buffer.AsSpan(0, Length), enc2, buffer, info, aad);
        Assert.True(suite.Open(skR, enc2, buffer, buffer.AsSpan(0, Length), info, aad));
        Assert.Equal(msg, buffer[..Length]);

        void ExpectFalse(byte[] c, byte[] a)
        {
            byte[] dest = Enumerable.Repeat((byte)0xEE, c.Length - 16).ToArray();
            Assert.False(suite.Open(skR, enc, c, dest, info, a));
            Assert.All(dest, b => Assert.Equal(0, b));
        }
        ExpectFalse(Flip(ct, 0, 0x01), aad);
        ExpectFalse(Flip(ct, Length - 1, 0x80), aad);
        ExpectFalse(Flip(ct, Length, 0x01), aad);       // the tag's first byte
        ExpectFalse(Flip(ct, ct.Length - 1, 0x80), aad); // the tag's last byte
        ExpectFalse(ct, Flip(aad, 1, 0x02));
        ExpectFalse(ct[..^1], aad);                      // truncated
        ExpectFalse(ct[1..], aad);

        // The same through a context: a failed Open leaves the sequence number where it was.
        using HpkeSenderContext sender = suite.SetupSender(skR.PublicKey, enc2, info);
        using HpkeRecipientContext recipient = suite.SetupRecipient(skR, enc2, info);
        byte[] c0 = new byte[ct.Length];
        sender.Seal(msg, c0, aad);
        foreach (byte[] bad in new[] { Flip(c0, 3, 0x01), Flip(c0, c0.Length - 1, 0x01), c0[..^1] })
        {
            byte[] dest = Enumerable.Repeat((byte)0xEE, bad.Length - 16).ToArray();
            Assert.False(recipient.Open(bad, dest, aad));
            Assert.All(dest, b => Assert.Equal(0, b));
            Assert.Equal(0ul, recipient.SequenceNumber);
        }
        byte[] inPlace = (byte[])c0.Clone();
        Assert.True(recipient.Open(inPlace, inPlace.AsSpan(0, Length), aad));
        Assert.Equal(msg, inPlace[..Length]);
    }

    [Theory]
    [MemberData(nameof(HpkeMembers))]
    public void Hpke_CallerMistakes_ThrowExactTypes(string member)
    {
        HpkeAead aead = Hpke(member);
        if (aead.IsExportOnly) return; // Seal/Open are refused before any buffer is looked at (previous test)
        HpkeSuite suite = Suite(aead);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] pk = skR.PublicKey.ToArray();
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], msg = RandomNumberGenerator.GetBytes(32), ct = new byte[48];
        suite.Seal(pk, msg, enc, ct);

        // "Wrong key size": a recipient public key of the wrong length. "Wrong nonce size": HPKE derives the nonce;
        // the per-message input of fixed size is enc.
        Assert.Throws<ArgumentException>(() => suite.Seal(pk.AsSpan(0, pk.Length - 1), msg, new byte[enc.Length], new byte[48]));
        Assert.Throws<ArgumentException>(() => suite.SetupSender(pk.Append((byte)0).ToArray(), new byte[enc.Length]));
        Assert.Throws<ArgumentException>(() => suite.Open(skR, enc.AsSpan(0, enc.Length - 1), ct, new byte[32]));
        Assert.Throws<ArgumentException>(() => suite.SetupRecipient(skR, enc.Append((byte)0).ToArray()));
        using (HpkePrivateKey otherKem = HpkePrivateKey.Generate(HpkeKem.DhKemP256HkdfSha256))
            Assert.Throws<ArgumentException>(() => suite.Open(otherKem, enc, ct, new byte[32]));

        using HpkeSenderContext sender = suite.SetupSender(pk, new byte[enc.Length]);
        using HpkeRecipientContext recipient = suite.SetupRecipient(skR, enc);
        foreach (int delta in new[] { -1, 1 })
        {
            Assert.Throws<ArgumentException>(() => suite.Seal(pk, msg, new byte[enc.Length], new byte[48 + delta]));
            Assert.Throws<ArgumentException>(() => suite.Open(skR, enc, ct, new byte[32 + delta]));
            Assert.Throws<ArgumentException>(() => sender.Seal(msg, new byte[48 + delta]));
            Assert.Throws<ArgumentException>(() => recipient.Open(ct, new byte[32 + delta]));
        }
        Assert.Throws<ArgumentException>(() => suite.Open(skR, enc, ct.AsSpan(0, 15), []));
        Assert.Throws<ArgumentException>(() => recipient.Open(ct.AsSpan(0, 15), []));

        // Partial overlap, both directions; nothing written, no sequence number used.
        byte[] big = new byte[100];
        Assert.Throws<ArgumentException>(() => suite.Seal(pk, big.AsSpan(1, 32), new byte[enc.Length], big.AsSpan(0, 48)));
        Assert.Throws<ArgumentException>(() => sender.Seal(big.AsSpan(0, 32), big.AsSpan(1, 48)));
        Assert.Throws<ArgumentException>(() => suite.Open(skR, enc, big.AsSpan(0, 48), big.AsSpan(4, 32)));
        Assert.Throws<ArgumentException>(() => recipient.Open(big.AsSpan(4, 48), big.AsSpan(0, 32)));
        Assert.Throws<ArgumentException>(() => sender.Seal(msg, big.AsSpan(0, 48), big.AsSpan(40, 4)));
        Assert.All(big, b => Assert.Equal(0, b));
        Assert.Equal(0ul, sender.SequenceNumber);
        Assert.Equal(0ul, recipient.SequenceNumber);
        Assert.True(recipient.Open(ct, new byte[32]));

        // Disposed key and disposed contexts.
        sender.Dispose();
        recipient.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sender.Seal(msg, new byte[48]));
        Assert.Throws<ObjectDisposedException>(() => recipient.Open(ct, new byte[32]));
        skR.Dispose();
        Assert.Throws<ObjectDisposedException>(() => suite.Open(skR, enc, ct, new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => suite.SetupRecipient(skR, enc));
    }

    private static byte[] Flip(byte[] data, int index, byte mask)
    {
        byte[] copy = (byte[])data.Clone();
        copy[index] ^= mask;
        return copy;
    }
}
