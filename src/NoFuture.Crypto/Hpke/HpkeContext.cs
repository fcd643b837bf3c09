// The encryption context of RFC 9180 §5.2-5.3, shared by the sender and the recipient: key, base_nonce and
// exporter_secret live in one NoFuture.Memory Secret (key || base_nonce || exporter_secret), frozen once derived.
// Nonces: nonce = base_nonce XOR I2OSP(seq, Nn) (§5.2). The sequence number is a 64-bit counter: RFC 9180 allows
// 2^96 - 1 messages with 12-byte nonces, we stop at 2^64 - 1 (MessageLimitReached), which no caller will reach.
// A failed Open does not advance it (§5.2: the counter moves only on success), nor does a refused Seal.
// Thread-safe: Seal and Open of one context are serialised by a lock (held for the AEAD call), so two threads can never
// use the same sequence number, i.e. the same nonce. Messages still have to be opened in the order they were sealed.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE context (RFC 9180 §5): the base for <see cref="HpkeSenderContext"/> and <see cref="HpkeRecipientContext"/>,
/// with the secret exporter (§5.3). Dispose it to wipe its secrets.
/// </summary>
/// <remarks>Thread-safe: concurrent <c>Seal</c>/<c>Open</c> calls are serialised, so each message gets its own sequence
/// number and nonce. Messages must still be opened in the order they were sealed.</remarks>
[DebuggerDisplay("{GetType().Name,nq} {Suite}")]
public abstract class HpkeContext : IDisposable
{
    private const int MaxNonceSize = 12;
    private readonly Secret _secrets;
    private readonly Lock _sequenceLock = new();
    private ulong _sequence;

    private protected HpkeContext(HpkeSuite suite, HpkeMode mode, Secret secrets)
    {
        Suite = suite;
        Mode = mode;
        _secrets = secrets;
    }

    /// <summary>The suite (KEM, KDF, AEAD).</summary>
    public HpkeSuite Suite { get; }

    /// <summary>The mode the context was set up in.</summary>
    public HpkeMode Mode { get; }

    /// <summary>The sequence number of the next message (0 for a fresh context).</summary>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public ulong SequenceNumber
    {
        get
        {
            ObjectDisposedException.ThrowIf(_secrets.IsDisposed, this);
            return _sequence;
        }
    }

    /// <summary>
    /// Context.Export(exporter_context, L) (RFC 9180 §5.3): derives a secret of <paramref name="destination"/>'s length
    /// (typically a write lease's span) bound to this context and <paramref name="exporterContext"/>.
    /// </summary>
    /// <remarks>The exporter context may have any length with every KDF (RFC 9180 §7.2.1; draft-ietf-hpke-hpke, Input
    /// Length Restrictions): it is public, and is hashed where it lies, never copied into secret memory.</remarks>
    /// <exception cref="ArgumentException">The destination is empty, longer than <see cref="HpkeKdf.MaxExportSizeInBytes"/>,
    /// or overlaps the exporter context.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public void Export(ReadOnlySpan<byte> exporterContext, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_secrets.IsDisposed, this);
        int max = Suite.Kdf.MaxExportSizeInBytes;
        if (destination.Length < 1 || destination.Length > max) CryptoThrowHelper.OutputSize(nameof(destination), max);
        if (destination.Overlaps(exporterContext)) CryptoThrowHelper.Overlap(nameof(destination));
        ExportCore(exporterContext, destination);
    }

    /// <summary>Context.Export into a new <see cref="Secret"/> of <paramref name="length"/> bytes the caller owns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not between 1 and <see cref="HpkeKdf.MaxExportSizeInBytes"/>.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public Secret Export(ReadOnlySpan<byte> exporterContext, int length, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_secrets.IsDisposed, this);
        int max = Suite.Kdf.MaxExportSizeInBytes;
        if (length < 1 || length > max) CryptoThrowHelper.OutOfRange(nameof(length), 1, max);
        Secret exported = Secret.Allocate(length, options);
        try
        {
            using (SecretWriteLease lease = exported.OpenWrite()) ExportCore(exporterContext, lease.Span);
            return exported;
        }
        catch
        {
            exported.Dispose();
            throw;
        }
    }

    /// <summary>Wipes and frees the context's key, base nonce and exporter secret.</summary>
    public void Dispose()
    {
        _secrets.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the type and suite only.</summary>
    public override string ToString() => $"{GetType().Name} {Suite}";

    /// <summary>For known-answer tests only: key || base_nonce || exporter_secret.</summary>
    internal Secret SecretsForTesting => _secrets;

    /// <summary>For tests of the message limit only: moves the sequence number.</summary>
    internal void SetSequenceNumberForTesting(ulong sequence) => _sequence = sequence;

    /// <summary>Checks disposal, the AEAD (not export-only) and the message limit, before any output is written.</summary>
    private protected void CheckCanProcess()
    {
        ObjectDisposedException.ThrowIf(_secrets.IsDisposed, this);
        if (Suite.Aead.IsExportOnly) CryptoThrowHelper.HpkeExportOnly();
        if (_sequence == ulong.MaxValue) CryptoThrowHelper.Hpke(HpkeError.MessageLimitReached);
    }

    /// <summary>Seal with ComputeNonce(seq), then IncrementSeq (§5.2). Arguments are validated.</summary>
    private protected void SealCore(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
        _ = ProcessCore(seal: true, associatedData, plaintext, ciphertext);

    /// <summary>Open with ComputeNonce(seq); IncrementSeq only on success (§5.2). Arguments are validated.</summary>
    private protected bool OpenCore(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) =>
        ProcessCore(seal: false, associatedData, ciphertext, plaintext);

    /// <summary>One Seal or Open at the current sequence number, under the lock; the number moves only on success.</summary>
    private bool ProcessCore(bool seal, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> input, Span<byte> output)
    {
        HpkeAead aead = Suite.Aead;
        Span<byte> nonce = stackalloc byte[MaxNonceSize];
        nonce = nonce[..aead.NonceSizeInBytes];
        using SecretReadLease lease = _secrets.OpenRead();
        ReadOnlySpan<byte> key = lease.Span[..aead.KeySizeInBytes];
        lock (_sequenceLock)
        {
            if (_sequence == ulong.MaxValue) CryptoThrowHelper.Hpke(HpkeError.MessageLimitReached);
            ComputeNonce(lease.Span.Slice(aead.KeySizeInBytes, aead.NonceSizeInBytes), _sequence, nonce);
            if (seal) aead.SealCore(key, nonce, associatedData, input, output);
            else if (!aead.OpenCore(key, nonce, associatedData, input, output)) return false;
            _sequence++;
            return true;
        }
    }

    /// <summary>ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn) (§5.2).</summary>
    internal static void ComputeNonce(ReadOnlySpan<byte> baseNonce, ulong sequence, Span<byte> nonce)
    {
        Debug.Assert(nonce.Length == baseNonce.Length && nonce.Length >= 8);
        nonce.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[^8..], sequence);
        for (int i = 0; i < nonce.Length; i++) nonce[i] ^= baseNonce[i];
    }

    private void ExportCore(ReadOnlySpan<byte> exporterContext, Span<byte> destination)
    {
        HpkeAead aead = Suite.Aead;
        using SecretReadLease lease = _secrets.OpenRead();
        Suite.Kdf.Export(Suite.SuiteId, lease.Span[(aead.KeySizeInBytes + aead.NonceSizeInBytes)..], exporterContext, destination);
    }
}
