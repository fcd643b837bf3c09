// The recipient's context (RFC 9180 §5.2, ContextR): Open with increasing sequence numbers, and Export.
namespace NoFuture.Crypto;

/// <summary>
/// The recipient side of an HPKE context, from <see cref="HpkeSuite.SetupRecipient"/>: decrypts messages in the order
/// they were sealed and exports secrets.
/// </summary>
public sealed class HpkeRecipientContext : HpkeContext
{
    internal HpkeRecipientContext(HpkeSuite suite, HpkeMode mode, NoFuture.Memory.Secret secrets)
        : base(suite, mode, secrets)
    {
    }

    /// <summary>
    /// Open(aad, ct) (§5.2): verifies and decrypts <paramref name="ciphertext"/> (AEAD ciphertext then tag) with the next
    /// nonce into <paramref name="plaintext"/> (exactly ciphertext − <see cref="HpkeAead.TagSizeInBytes"/> bytes;
    /// typically a write lease's span when the message is secret).
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when authentic (the sequence number advances); <see langword="false"/> otherwise, with
    /// <paramref name="plaintext"/> cleared and the sequence number unchanged, so the next message can still be opened.
    /// </returns>
    /// <exception cref="ArgumentException">The ciphertext is shorter than the tag, the plaintext buffer has the wrong size,
    /// or it partly overlaps an input.</exception>
    /// <exception cref="InvalidOperationException">The suite's AEAD is export-only.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.MessageLimitReached"/>.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public bool Open(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        CheckCanProcess();
        HpkeSuite.CheckOpenBuffers(Suite.Aead, ciphertext, plaintext, associatedData);
        return OpenCore(associatedData, ciphertext, plaintext);
    }
}
