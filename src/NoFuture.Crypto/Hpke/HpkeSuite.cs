// An HPKE cipher suite (RFC 9180 §5): KEM + KDF + AEAD, suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2)
// || I2OSP(aead_id, 2), and the setup functions of §5.1 for all four modes (the mode follows from the arguments:
// a PSK gives psk, a sender key gives auth, both give auth_psk), plus the single-shot API of §6.
// VerifyPSKInputs (§5.1): a PSK and a PSK id must come together; both are then non-empty.
// Failure policy (written once, followed everywhere):
//   - misuse (wrong sizes, a key of another KEM, a PSK without its id, an output span overlapping an input span, an
//     info, psk or psk_id longer than the KDF's MaxInputSizeInBytes) → ArgumentException naming the parameter, before
//     any output is written; on the recipient's side too: info, psk and psk_id are the recipient's own arguments, and a
//     length it could have checked is misuse like a wrong-sized enc, not a false Open (no sender could have used them);
//   - SetupSender with an invalid recipient key → HpkeException(EncapsulationFailed);
//   - SetupRecipient with an invalid enc or sender key → HpkeException(DecapsulationFailed) (a constructor-like call
//     has no false to return);
//   - auth modes with a KEM without AuthEncap → ArgumentException (the caller chose the KEM and the mode);
//   - Seal/Open on an export-only suite → InvalidOperationException;
//   - single-shot Open: anything that is not authentic, whether a bad enc (DecapError) or a bad ciphertext, AAD, info
//     or PSK, returns false with the plaintext cleared;
//   - context Open: false with the plaintext cleared and the sequence number unchanged.
// Secrets: the KEM shared secret and the key schedule's output live on the stack (wiped) for single-shot calls, and
// in the context's Secret otherwise.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE cipher suite (RFC 9180): a <see cref="HpkeKem"/>, a <see cref="HpkeKdf"/> and a <see cref="HpkeAead"/>.
/// Use <see cref="Seal"/>/<see cref="Open"/> for one message, or <see cref="SetupSender"/>/<see cref="SetupRecipient"/>
/// for a context with many messages and the secret exporter.
/// </summary>
/// <remarks>
/// The mode is chosen by the optional arguments: <c>psk</c> + <c>pskId</c> select mode_psk, a sender key
/// (<c>senderKey</c> / <c>senderPublicKey</c>) selects mode_auth, both select mode_auth_psk. The auth modes need a KEM
/// with <see cref="HpkeKem.SupportsAuthentication"/> (the DHKEMs): the post-quantum KEMs have no AuthEncap.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class HpkeSuite
{
    private const int MaxSecretsSize = 32 + 12 + 64, MaxSharedSecretSize = 64;
    private HashCache _pskIdHashes, _infoHashes;

    /// <summary>Creates a suite.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public HpkeSuite(HpkeKem kem, HpkeKdf kdf, HpkeAead aead)
    {
        ArgumentNullException.ThrowIfNull(kem);
        ArgumentNullException.ThrowIfNull(kdf);
        ArgumentNullException.ThrowIfNull(aead);
        Kem = kem;
        Kdf = kdf;
        Aead = aead;
        SuiteId = [(byte)'H', (byte)'P', (byte)'K', (byte)'E',
            (byte)(kem.Id >> 8), (byte)kem.Id, (byte)(kdf.Id >> 8), (byte)kdf.Id, (byte)(aead.Id >> 8), (byte)aead.Id];
    }

    /// <summary>The KEM.</summary>
    public HpkeKem Kem { get; }

    /// <summary>The KDF of the key schedule (the DHKEMs keep their own HKDF inside the KEM).</summary>
    public HpkeKdf Kdf { get; }

    /// <summary>The AEAD.</summary>
    public HpkeAead Aead { get; }

    /// <summary>suite_id (RFC 9180 §5.1).</summary>
    internal byte[] SuiteId { get; }

    private int SecretsSize => Aead.KeySizeInBytes + Aead.NonceSizeInBytes + Kdf.HashSizeInBytes;

    /// <summary>What single-shot calls derive: key and base_nonce only with HKDF (exporter_secret is never used there);
    /// the one-stage KDFs derive all three at once, since L is part of their input.</summary>
    private int SingleShotSecretsSize => Kdf.IsOneStage ? SecretsSize : Aead.KeySizeInBytes + Aead.NonceSizeInBytes;

    /// <summary>Returns "KEM, KDF, AEAD".</summary>
    public override string ToString() => $"{Kem.Name}, {Kdf.Name}, {Aead.Name}";

    /// <summary>
    /// SetupBaseS / SetupPSKS / SetupAuthS / SetupAuthPSKS (RFC 9180 §5.1): encapsulates to
    /// <paramref name="recipientPublicKey"/>, writes <paramref name="encapsulatedKey"/> (Nenc bytes, to send) and
    /// returns the sender context.
    /// </summary>
    /// <param name="recipientPublicKey">pkR, <see cref="HpkeKem.PublicKeySizeInBytes"/> bytes.</param>
    /// <param name="encapsulatedKey">Receives enc, <see cref="HpkeKem.EncapsulatedKeySizeInBytes"/> bytes.</param>
    /// <param name="info">Application-supplied context information.</param>
    /// <param name="psk">The pre-shared key (mode_psk / mode_auth_psk), or null.</param>
    /// <param name="pskId">The PSK identifier; required exactly when <paramref name="psk"/> is given.</param>
    /// <param name="senderKey">The sender's private key (mode_auth / mode_auth_psk), or null.</param>
    /// <param name="options">Secret-memory options for the context's secrets.</param>
    /// <exception cref="ArgumentException">A size is wrong (including an <paramref name="info"/>, <paramref name="psk"/> or
    /// <paramref name="pskId"/> longer than <see cref="HpkeKdf.MaxInputSizeInBytes"/>), <paramref name="encapsulatedKey"/>
    /// overlaps an input, a key belongs to another KEM, or the PSK inputs are inconsistent, or an auth mode was asked of a KEM without AuthEncap/AuthDecap. Nothing is written.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.EncapsulationFailed"/> (invalid recipient key).</exception>
    /// <exception cref="ObjectDisposedException">A key or the PSK was disposed.</exception>
    public HpkeSenderContext SetupSender(ReadOnlySpan<byte> recipientPublicKey, Span<byte> encapsulatedKey, ReadOnlySpan<byte> info = default,
        Secret? psk = null, ReadOnlySpan<byte> pskId = default, HpkePrivateKey? senderKey = null, SecretOptions? options = null) =>
        SetupSenderCore(recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey, default, options);

    /// <summary>
    /// SetupBaseR / SetupPSKR / SetupAuthR / SetupAuthPSKR (RFC 9180 §5.1): decapsulates
    /// <paramref name="encapsulatedKey"/> with <paramref name="recipientKey"/> and returns the recipient context.
    /// </summary>
    /// <param name="recipientKey">skR.</param>
    /// <param name="encapsulatedKey">enc as received, <see cref="HpkeKem.EncapsulatedKeySizeInBytes"/> bytes.</param>
    /// <param name="info">The same info the sender used.</param>
    /// <param name="psk">The pre-shared key, or null.</param>
    /// <param name="pskId">The PSK identifier; required exactly when <paramref name="psk"/> is given.</param>
    /// <param name="senderPublicKey">pkS for mode_auth / mode_auth_psk; empty otherwise.</param>
    /// <param name="options">Secret-memory options for the context's secrets.</param>
    /// <exception cref="ArgumentException">A size is wrong (including an <paramref name="info"/>, <paramref name="psk"/> or
    /// <paramref name="pskId"/> longer than <see cref="HpkeKdf.MaxInputSizeInBytes"/>), the key belongs to another KEM, or
    /// the PSK inputs are inconsistent, or an auth mode was asked of a KEM without AuthEncap/AuthDecap.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.DecapsulationFailed"/> (enc or pkS is not a valid key, or
    /// the DH result is all zero).</exception>
    /// <exception cref="ObjectDisposedException">The key or the PSK was disposed.</exception>
    public HpkeRecipientContext SetupRecipient(HpkePrivateKey recipientKey, ReadOnlySpan<byte> encapsulatedKey, ReadOnlySpan<byte> info = default,
        Secret? psk = null, ReadOnlySpan<byte> pskId = default, ReadOnlySpan<byte> senderPublicKey = default, SecretOptions? options = null)
    {
        HpkeMode mode = CheckRecipient(recipientKey, encapsulatedKey, info, psk, pskId, senderPublicKey);
        Secret secrets = Secret.Allocate(SecretsSize, options);
        try
        {
            bool ok;
            using (SecretWriteLease lease = secrets.OpenWrite()) ok = RecipientKeySchedule(mode, recipientKey, encapsulatedKey, info, psk, pskId, senderPublicKey, lease.Span);
            if (!ok) CryptoThrowHelper.Hpke(HpkeError.DecapsulationFailed);
            secrets.Freeze();
            return new HpkeRecipientContext(this, mode, secrets);
        }
        catch
        {
            secrets.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Single-shot Seal (RFC 9180 §6.1): sets up a sender context, seals one message (sequence number 0) and forgets
    /// the context. Writes enc (Nenc bytes) and the ciphertext (plaintext + Nt bytes).
    /// </summary>
    /// <remarks>The ciphertext may start exactly where the plaintext starts (in-place encryption); any other overlap of
    /// an output (<paramref name="encapsulatedKey"/>, <paramref name="ciphertext"/>) with an input is refused.</remarks>
    /// <exception cref="ArgumentException">A size is wrong (including an <paramref name="info"/>, <paramref name="psk"/> or
    /// <paramref name="pskId"/> longer than <see cref="HpkeKdf.MaxInputSizeInBytes"/>), an output overlaps an input or the
    /// other output, a key belongs to another KEM, or the PSK inputs are inconsistent, or an auth mode was asked of a KEM without AuthEncap/AuthDecap. Nothing is written.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.EncapsulationFailed"/>.</exception>
    /// <exception cref="InvalidOperationException">The suite's AEAD is export-only.</exception>
    /// <exception cref="ObjectDisposedException">A key or the PSK was disposed.</exception>
    public void Seal(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, Span<byte> encapsulatedKey, Span<byte> ciphertext,
        ReadOnlySpan<byte> info = default, ReadOnlySpan<byte> associatedData = default, Secret? psk = null, ReadOnlySpan<byte> pskId = default,
        HpkePrivateKey? senderKey = null)
    {
        if (Aead.IsExportOnly) CryptoThrowHelper.HpkeExportOnly();
        CheckSingleShotSealBuffers(recipientPublicKey, plaintext, encapsulatedKey, ciphertext, info, associatedData, pskId);
        SealCore(recipientPublicKey, plaintext, encapsulatedKey, ciphertext, info, associatedData, psk, pskId, senderKey, default);
    }

    /// <summary>
    /// Single-shot Open (RFC 9180 §6.1): sets up a recipient context and opens one message (sequence number 0).
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when authentic; <see langword="false"/> when anything was tampered with or does not match
    /// (enc, ciphertext, AAD, info, PSK, sender key), with <paramref name="plaintext"/> cleared.
    /// </returns>
    /// <remarks>The plaintext may start exactly where the ciphertext starts (in-place decryption); any other overlap of
    /// <paramref name="plaintext"/> with an input is refused.</remarks>
    /// <exception cref="ArgumentException">A size is wrong (including an <paramref name="info"/>, <paramref name="psk"/> or
    /// <paramref name="pskId"/> longer than <see cref="HpkeKdf.MaxInputSizeInBytes"/>), the plaintext overlaps an input,
    /// the key belongs to another KEM, or the PSK inputs are inconsistent, or an auth mode was asked of a KEM without AuthEncap/AuthDecap. Nothing is written.</exception>
    /// <exception cref="InvalidOperationException">The suite's AEAD is export-only.</exception>
    /// <exception cref="ObjectDisposedException">The key or the PSK was disposed.</exception>
    public bool Open(HpkePrivateKey recipientKey, ReadOnlySpan<byte> encapsulatedKey, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext,
        ReadOnlySpan<byte> info = default, ReadOnlySpan<byte> associatedData = default, Secret? psk = null, ReadOnlySpan<byte> pskId = default,
        ReadOnlySpan<byte> senderPublicKey = default)
    {
        if (Aead.IsExportOnly) CryptoThrowHelper.HpkeExportOnly();
        HpkeMode mode = CheckRecipient(recipientKey, encapsulatedKey, info, psk, pskId, senderPublicKey);
        CheckOpenBuffers(Aead, ciphertext, plaintext, associatedData);
        if (plaintext.Overlaps(encapsulatedKey) || plaintext.Overlaps(info) || plaintext.Overlaps(pskId) || plaintext.Overlaps(senderPublicKey))
            CryptoThrowHelper.Overlap(nameof(plaintext));
        Span<byte> secrets = stackalloc byte[MaxSecretsSize];
        secrets = secrets[..SingleShotSecretsSize];
        Span<byte> nonce = stackalloc byte[12];
        try
        {
            if (!RecipientKeySchedule(mode, recipientKey, encapsulatedKey, info, psk, pskId, senderPublicKey, secrets))
            {
                CryptographicOperations.ZeroMemory(plaintext);
                return false;
            }
            int nk = Aead.KeySizeInBytes, nn = Aead.NonceSizeInBytes;
            HpkeContext.ComputeNonce(secrets.Slice(nk, nn), 0, nonce[..nn]);
            return Aead.OpenCore(secrets[..nk], nonce[..nn], associatedData, ciphertext, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>The ciphertext size for a plaintext of <paramref name="plaintextLength"/> bytes (plus Nt).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plaintextLength"/> is negative, or so large that the
    /// ciphertext would not fit in a span (more than <see cref="int.MaxValue"/> − Nt).</exception>
    public int GetCiphertextSize(int plaintextLength)
    {
        int max = int.MaxValue - Aead.TagSizeInBytes;
        if (plaintextLength < 0 || plaintextLength > max) CryptoThrowHelper.OutOfRange(nameof(plaintextLength), 0, max);
        return plaintextLength + Aead.TagSizeInBytes;
    }

    /// <summary>SetupS with caller-chosen KEM randomness (ikmE of the test vectors). For tests only: reuse breaks HPKE.</summary>
    internal HpkeSenderContext SetupSenderDeterministic(ReadOnlySpan<byte> recipientPublicKey, Span<byte> encapsulatedKey, ReadOnlySpan<byte> info,
        Secret? psk, ReadOnlySpan<byte> pskId, HpkePrivateKey? senderKey, ReadOnlySpan<byte> randomness)
    {
        if (randomness.Length != Kem.Core.EncapRandomnessSize) CryptoThrowHelper.WrongSize(nameof(randomness), Kem.Core.EncapRandomnessSize);
        return SetupSenderCore(recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey, randomness, null);
    }

    /// <summary>Single-shot Seal with caller-chosen KEM randomness. For tests and benchmarks only.</summary>
    internal void SealDeterministic(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, Span<byte> encapsulatedKey, Span<byte> ciphertext,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> randomness)
    {
        if (randomness.Length != Kem.Core.EncapRandomnessSize) CryptoThrowHelper.WrongSize(nameof(randomness), Kem.Core.EncapRandomnessSize);
        CheckSingleShotSealBuffers(recipientPublicKey, plaintext, encapsulatedKey, ciphertext, info, associatedData, default);
        SealCore(recipientPublicKey, plaintext, encapsulatedKey, ciphertext, info, associatedData, null, default, null, randomness);
    }

    internal static void CheckSealBuffers(HpkeAead aead, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        if (ciphertext.Length != plaintext.Length + aead.TagSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(ciphertext), plaintext.Length + aead.TagSizeInBytes);
        if (ciphertext.Overlaps(plaintext, out int offset) && offset != 0) CryptoThrowHelper.Overlap(nameof(ciphertext));
        if (ciphertext.Overlaps(associatedData)) CryptoThrowHelper.Overlap(nameof(ciphertext));
    }

    /// <summary>Single-shot Seal's overlap rules: each output against every input span and the other output.</summary>
    private void CheckSingleShotSealBuffers(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, Span<byte> encapsulatedKey,
        Span<byte> ciphertext, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> pskId)
    {
        CheckSealBuffers(Aead, plaintext, ciphertext, associatedData);
        if (ciphertext.Overlaps(encapsulatedKey) || ciphertext.Overlaps(recipientPublicKey) || ciphertext.Overlaps(info) || ciphertext.Overlaps(pskId))
            CryptoThrowHelper.Overlap(nameof(ciphertext));
        // enc is written before the key schedule reads info and psk_id and before the AEAD reads the plaintext and AAD:
        // an enc on top of any of them would seal something no recipient can open. enc against pkR, info, psk_id: CheckSender.
        if (encapsulatedKey.Overlaps(plaintext) || encapsulatedKey.Overlaps(associatedData))
            CryptoThrowHelper.Overlap(nameof(encapsulatedKey));
    }

    internal static void CheckOpenBuffers(HpkeAead aead, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        if (ciphertext.Length < aead.TagSizeInBytes) CryptoThrowHelper.TooSmall(nameof(ciphertext), aead.TagSizeInBytes);
        if (plaintext.Length != ciphertext.Length - aead.TagSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(plaintext), ciphertext.Length - aead.TagSizeInBytes);
        if (plaintext.Overlaps(ciphertext, out int offset) && offset != 0) CryptoThrowHelper.Overlap(nameof(plaintext));
        if (plaintext.Overlaps(associatedData)) CryptoThrowHelper.Overlap(nameof(plaintext));
    }

    private HpkeSenderContext SetupSenderCore(ReadOnlySpan<byte> recipientPublicKey, Span<byte> encapsulatedKey, ReadOnlySpan<byte> info,
        Secret? psk, ReadOnlySpan<byte> pskId, HpkePrivateKey? senderKey, ReadOnlySpan<byte> randomness, SecretOptions? options)
    {
        HpkeMode mode = CheckSender(recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey);
        Secret secrets = Secret.Allocate(SecretsSize, options);
        try
        {
            using (SecretWriteLease lease = secrets.OpenWrite())
                SenderKeySchedule(mode, recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey, randomness, lease.Span);
            secrets.Freeze();
            return new HpkeSenderContext(this, mode, secrets);
        }
        catch
        {
            secrets.Dispose();
            throw;
        }
    }

    private void SealCore(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, Span<byte> encapsulatedKey, Span<byte> ciphertext,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, Secret? psk, ReadOnlySpan<byte> pskId, HpkePrivateKey? senderKey,
        ReadOnlySpan<byte> randomness)
    {
        HpkeMode mode = CheckSender(recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey);
        Span<byte> secrets = stackalloc byte[MaxSecretsSize];
        secrets = secrets[..SingleShotSecretsSize];
        Span<byte> nonce = stackalloc byte[12];
        try
        {
            SenderKeySchedule(mode, recipientPublicKey, encapsulatedKey, info, psk, pskId, senderKey, randomness, secrets);
            int nk = Aead.KeySizeInBytes, nn = Aead.NonceSizeInBytes;
            HpkeContext.ComputeNonce(secrets.Slice(nk, nn), 0, nonce[..nn]);
            Aead.SealCore(secrets[..nk], nonce[..nn], associatedData, plaintext, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>(Auth)Encap then KeySchedule into <paramref name="secrets"/>; throws EncapsulationFailed (enc cleared).</summary>
    private void SenderKeySchedule(HpkeMode mode, ReadOnlySpan<byte> pkR, Span<byte> enc, ReadOnlySpan<byte> info, Secret? psk,
        ReadOnlySpan<byte> pskId, HpkePrivateKey? skS, ReadOnlySpan<byte> randomness, Span<byte> secrets)
    {
        Span<byte> sharedSecret = stackalloc byte[MaxSharedSecretSize];
        sharedSecret = sharedSecret[..Kem.SharedSecretSizeInBytes];
        try
        {
            bool ok = skS is null
                ? Kem.Core.Encap(pkR, randomness, enc, sharedSecret)
                : Kem.Core.AuthEncap(pkR, skS, randomness, enc, sharedSecret);
            if (!ok)
            {
                enc.Clear();
                CryptoThrowHelper.Hpke(HpkeError.EncapsulationFailed);
            }
            KeySchedule(mode, sharedSecret, info, psk, pskId, secrets);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    /// <summary>(Auth)Decap then KeySchedule into <paramref name="secrets"/>; false on DecapError.</summary>
    private bool RecipientKeySchedule(HpkeMode mode, HpkePrivateKey skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, Secret? psk,
        ReadOnlySpan<byte> pskId, ReadOnlySpan<byte> pkS, Span<byte> secrets)
    {
        Span<byte> sharedSecret = stackalloc byte[MaxSharedSecretSize];
        sharedSecret = sharedSecret[..Kem.SharedSecretSizeInBytes];
        try
        {
            bool ok = pkS.IsEmpty
                ? Kem.Core.Decap(skR, enc, sharedSecret)
                : Kem.Core.AuthDecap(skR, enc, pkS, sharedSecret);
            if (!ok) return false;
            KeySchedule(mode, sharedSecret, info, psk, pskId, secrets);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    internal void KeySchedule(HpkeMode mode, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info, Secret? psk, ReadOnlySpan<byte> pskId, Span<byte> secrets)
    {
        int nk = Aead.KeySizeInBytes, nn = Aead.NonceSizeInBytes;
        if (Kdf.IsOneStage)
        {
            if (psk is null)
            {
                Kdf.KeySchedule(SuiteId, mode, sharedSecret, info, default, pskId, nk, nn, secrets);
                return;
            }
            using SecretReadLease pskLease = psk.OpenRead();
            Kdf.KeySchedule(SuiteId, mode, sharedSecret, info, pskLease.Span, pskId, nk, nn, secrets);
            return;
        }
        // Two-stage: key_schedule_context is public, and its two hashes are cached (see HashCache).
        int nh = Kdf.HashSizeInBytes;
        Span<byte> keyScheduleContext = stackalloc byte[1 + 2 * 64];
        keyScheduleContext = keyScheduleContext[..(1 + 2 * nh)];
        keyScheduleContext[0] = (byte)mode;
        _pskIdHashes.Get(this, pskId, isInfo: false, keyScheduleContext.Slice(1, nh));
        _infoHashes.Get(this, info, isInfo: true, keyScheduleContext.Slice(1 + nh, nh));
        if (psk is null)
        {
            Kdf.KeyScheduleTwoStage(SuiteId, keyScheduleContext, sharedSecret, default, nk, nn, secrets);
            return;
        }
        using SecretReadLease lease = psk.OpenRead();
        Kdf.KeyScheduleTwoStage(SuiteId, keyScheduleContext, sharedSecret, lease.Span, nk, nn, secrets);
    }

    /// <summary>
    /// A one-entry cache of LabeledExtract("", label, x) for the public inputs of the key schedule (psk_id, info): a
    /// suite used again with the same info (a protocol's fixed info string, the empty psk_id of mode_base) skips the
    /// hash. Only public values are cached; the entry is immutable and swapped atomically, so the suite stays thread-safe.
    /// </summary>
    private struct HashCache
    {
        private const int MaxCachedInputSize = 256;
        private Entry? _entry;

        internal void Get(HpkeSuite suite, ReadOnlySpan<byte> input, bool isInfo, Span<byte> hash)
        {
            Entry? entry = Volatile.Read(ref _entry);
            if (entry is not null && input.SequenceEqual(entry.Input))
            {
                entry.Hash.CopyTo(hash);
                return;
            }
            if (isInfo) suite.Kdf.InfoHash(suite.SuiteId, input, hash);
            else suite.Kdf.PskIdHash(suite.SuiteId, input, hash);
            if (input.Length <= MaxCachedInputSize) Volatile.Write(ref _entry, new Entry(input.ToArray(), hash.ToArray()));
        }

        private sealed record Entry(byte[] Input, byte[] Hash);
    }

    private HpkeMode CheckSender(ReadOnlySpan<byte> pkR, Span<byte> enc, ReadOnlySpan<byte> info, Secret? psk, ReadOnlySpan<byte> pskId, HpkePrivateKey? skS)
    {
        if (pkR.Length != Kem.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize("recipientPublicKey", Kem.PublicKeySizeInBytes);
        if (enc.Length != Kem.EncapsulatedKeySizeInBytes) CryptoThrowHelper.WrongSize("encapsulatedKey", Kem.EncapsulatedKeySizeInBytes);
        // enc is written by Encap, before the key schedule reads info and psk_id.
        if (enc.Overlaps(pkR) || enc.Overlaps(info) || enc.Overlaps(pskId)) CryptoThrowHelper.Overlap("encapsulatedKey");
        if (skS is not null)
        {
            if (skS.Kem != Kem) CryptoThrowHelper.HpkeKemMismatch("senderKey");
            skS.ThrowIfDisposed();
        }
        return ModeOf(info, psk, pskId, auth: skS is not null, authParam: "senderKey");
    }

    private HpkeMode CheckRecipient(HpkePrivateKey skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, Secret? psk, ReadOnlySpan<byte> pskId,
        ReadOnlySpan<byte> pkS)
    {
        ArgumentNullException.ThrowIfNull(skR, "recipientKey");
        if (skR.Kem != Kem) CryptoThrowHelper.HpkeKemMismatch("recipientKey");
        skR.ThrowIfDisposed();
        if (enc.Length != Kem.EncapsulatedKeySizeInBytes) CryptoThrowHelper.WrongSize("encapsulatedKey", Kem.EncapsulatedKeySizeInBytes);
        if (!pkS.IsEmpty && pkS.Length != Kem.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize("senderPublicKey", Kem.PublicKeySizeInBytes);
        return ModeOf(info, psk, pskId, auth: !pkS.IsEmpty, authParam: "senderPublicKey");
    }

    /// <summary>
    /// VerifyPSKInputs (§5.1) and the mode the inputs select; the KDF's input limits (draft-ietf-hpke-hpke, Input Length
    /// Restrictions) for info, psk and psk_id; refuses auth for KEMs without AuthEncap.
    /// </summary>
    private HpkeMode ModeOf(ReadOnlySpan<byte> info, Secret? psk, ReadOnlySpan<byte> pskId, bool auth, string authParam)
    {
        bool gotPsk = psk is not null;
        if (gotPsk != !pskId.IsEmpty) CryptoThrowHelper.HpkePskInputs(gotPsk ? "pskId" : "psk");
        if (psk is not null) ObjectDisposedException.ThrowIf(psk.IsDisposed, psk);
        Kdf.CheckInputLength(info.Length, nameof(info));
        Kdf.CheckInputLength(pskId.Length, nameof(pskId));
        if (psk is not null) Kdf.CheckInputLength(psk.Length, nameof(psk));
        if (auth && !Kem.SupportsAuthentication) CryptoThrowHelper.HpkeAuthNotSupported(authParam);
        return (gotPsk, auth) switch
        {
            (false, false) => HpkeMode.Base,
            (true, false) => HpkeMode.Psk,
            (false, true) => HpkeMode.Auth,
            _ => HpkeMode.AuthPsk,
        };
    }
}
