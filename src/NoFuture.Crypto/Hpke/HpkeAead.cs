// HPKE AEADs (RFC 9180 §7.3): AES-128-GCM (0x0001), AES-256-GCM (0x0002), ChaCha20-Poly1305 (0x0003), and the
// export-only marker (0xFFFF), which has no key, nonce or tag and refuses Seal/Open.
// Each one is an AeadAlgorithm (export-only: none), and Seal/Open run through it, so HPKE and the public AEAD API share
// one implementation per cipher (AES-GCM: the BCL's AesGcm, keyed per call from the caller's span; ChaCha20-Poly1305:
// libsodium, which reads the key from the span directly; docs/dependencies.md). The ciphertext is HPKE's: the AEAD
// ciphertext followed by its 16-byte tag (Nt).
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE AEAD identifier (RFC 9180 §7.3): <see cref="Aes128Gcm"/>, <see cref="Aes256Gcm"/>,
/// <see cref="ChaCha20Poly1305"/>, or <see cref="ExportOnly"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class HpkeAead
{
    private HpkeAead(ushort id, string name, AeadAlgorithm? algorithm)
    {
        Id = id;
        Name = name;
        Algorithm = algorithm;
        KeySizeInBytes = algorithm?.KeySizeInBytes ?? 0;
        NonceSizeInBytes = algorithm?.NonceSizeInBytes ?? 0;
        TagSizeInBytes = algorithm?.TagSizeInBytes ?? 0;
    }

    /// <summary>AES-128-GCM (0x0001): Nk 16, Nn 12, Nt 16.</summary>
    public static HpkeAead Aes128Gcm { get; } = new(0x0001, "AES-128-GCM", AeadAlgorithm.Aes128Gcm);

    /// <summary>AES-256-GCM (0x0002): Nk 32, Nn 12, Nt 16.</summary>
    public static HpkeAead Aes256Gcm { get; } = new(0x0002, "AES-256-GCM", AeadAlgorithm.Aes256Gcm);

    /// <summary>ChaCha20-Poly1305 (0x0003): Nk 32, Nn 12, Nt 16.</summary>
    public static HpkeAead ChaCha20Poly1305 { get; } = new(0x0003, "ChaCha20-Poly1305", AeadAlgorithm.ChaCha20Poly1305);

    /// <summary>Export-only (0xFFFF): contexts can only export secrets; Seal and Open throw.</summary>
    public static HpkeAead ExportOnly { get; } = new(0xFFFF, "Export-only", null);

    /// <summary>The AEAD identifier registered with IANA.</summary>
    public ushort Id { get; }

    /// <summary>The name, for example "AES-128-GCM".</summary>
    public string Name { get; }

    /// <summary>
    /// The AEAD that seals and opens HPKE's messages, the same object as the public <see cref="AeadAlgorithm"/> of that
    /// name; <see langword="null"/> for <see cref="ExportOnly"/>.
    /// </summary>
    public AeadAlgorithm? Algorithm { get; }

    /// <summary>Nk: the key size in bytes (0 for export-only).</summary>
    public int KeySizeInBytes { get; }

    /// <summary>Nn: the nonce size in bytes (0 for export-only).</summary>
    public int NonceSizeInBytes { get; }

    /// <summary>Nt: the tag size in bytes, the ciphertext's expansion (0 for export-only).</summary>
    public int TagSizeInBytes { get; }

    /// <summary>True for <see cref="ExportOnly"/>.</summary>
    [MemberNotNullWhen(false, nameof(Algorithm))]
    public bool IsExportOnly => Algorithm is null;

    /// <summary>The AEAD with identifier <paramref name="id"/>, or null when it is not implemented here.</summary>
    public static HpkeAead? FromId(ushort id) => id switch
    {
        0x0001 => Aes128Gcm,
        0x0002 => Aes256Gcm,
        0x0003 => ChaCha20Poly1305,
        0xFFFF => ExportOnly,
        _ => null,
    };

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    /// <summary>Seal(key, nonce, aad, pt): writes ct || tag into <paramref name="ciphertext"/> (pt + Nt bytes).</summary>
    internal void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Debug.Assert(!IsExportOnly && key.Length == KeySizeInBytes && nonce.Length == NonceSizeInBytes);
        Debug.Assert(ciphertext.Length == plaintext.Length + TagSizeInBytes);
        Algorithm.SealCore(key, nonce, plaintext, ciphertext[..plaintext.Length], ciphertext[plaintext.Length..], associatedData);
    }

    /// <summary>Open(key, nonce, aad, ct): false, with <paramref name="plaintext"/> cleared, when not authentic.</summary>
    internal bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Debug.Assert(!IsExportOnly && key.Length == KeySizeInBytes && nonce.Length == NonceSizeInBytes);
        Debug.Assert(plaintext.Length == ciphertext.Length - TagSizeInBytes);
        return Algorithm.OpenCore(key, nonce, ciphertext[..plaintext.Length], ciphertext[plaintext.Length..], plaintext, associatedData);
    }
}
