// The sender's context (RFC 9180 §5.2, ContextS): Seal with increasing sequence numbers, and Export.
// No byte[]-returning Seal(plaintext, associatedData): next to Seal(plaintext, ciphertext) a call with two arrays would
// silently bind to it and treat the ciphertext buffer as AAD.
namespace NoFuture.Crypto;

/// <summary>
/// The sender side of an HPKE context, from <see cref="HpkeSuite.SetupSender"/>: encrypts messages in order
/// (<see cref="Seal(ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>) and exports secrets.
/// </summary>
public sealed class HpkeSenderContext : HpkeContext
{
    internal HpkeSenderContext(HpkeSuite suite, HpkeMode mode, NoFuture.Memory.Secret secrets)
        : base(suite, mode, secrets)
    {
    }

    /// <summary>
    /// Seal(aad, pt) (§5.2): encrypts <paramref name="plaintext"/> with the next nonce into <paramref name="ciphertext"/>
    /// (exactly plaintext + <see cref="HpkeAead.TagSizeInBytes"/> bytes: the AEAD ciphertext, then the tag) and advances
    /// the sequence number.
    /// </summary>
    /// <exception cref="ArgumentException">The ciphertext buffer has the wrong size or overlaps an input.</exception>
    /// <exception cref="InvalidOperationException">The suite's AEAD is export-only.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.MessageLimitReached"/>;
    /// nothing is written and the sequence number does not move.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, ReadOnlySpan<byte> associatedData = default)
    {
        CheckCanProcess();
        HpkeSuite.CheckSealBuffers(Suite.Aead, plaintext, ciphertext, associatedData);
        SealCore(associatedData, plaintext, ciphertext);
    }
}
