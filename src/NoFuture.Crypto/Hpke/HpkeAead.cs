// HPKE AEADs (RFC 9180 §7.3): AES-128-GCM (0x0001), AES-256-GCM (0x0002), ChaCha20-Poly1305 (0x0003), and the
// export-only marker (0xFFFF), which has no key, nonce or tag and refuses Seal/Open.
// The ciphertext is HPKE's: the AEAD ciphertext followed by its 16-byte tag (Nt). AES-GCM is the BCL's AesGcm
// (OpenSSL): each call keys a fresh object from the caller's span (OpenSSL copies the key into its cipher context and
// cleanses it on dispose), so the key itself stays in the context's Secret. ChaCha20-Poly1305 is libsodium's, which
// reads the key from the span directly (Aead/SodiumChaCha20Poly1305.cs).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Aead;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE AEAD identifier (RFC 9180 §7.3): <see cref="Aes128Gcm"/>, <see cref="Aes256Gcm"/>,
/// <see cref="ChaCha20Poly1305"/>, or <see cref="ExportOnly"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class HpkeAead
{
    private HpkeAead(ushort id, string name, int keySize, int nonceSize, int tagSize)
    {
        Id = id;
        Name = name;
        KeySizeInBytes = keySize;
        NonceSizeInBytes = nonceSize;
        TagSizeInBytes = tagSize;
    }

    /// <summary>AES-128-GCM (0x0001): Nk 16, Nn 12, Nt 16.</summary>
    public static HpkeAead Aes128Gcm { get; } = new(0x0001, "AES-128-GCM", 16, 12, 16);

    /// <summary>AES-256-GCM (0x0002): Nk 32, Nn 12, Nt 16.</summary>
    public static HpkeAead Aes256Gcm { get; } = new(0x0002, "AES-256-GCM", 32, 12, 16);

    /// <summary>ChaCha20-Poly1305 (0x0003): Nk 32, Nn 12, Nt 16.</summary>
    public static HpkeAead ChaCha20Poly1305 { get; } = new(0x0003, "ChaCha20-Poly1305", 32, 12, 16);

    /// <summary>Export-only (0xFFFF): contexts can only export secrets; Seal and Open throw.</summary>
    public static HpkeAead ExportOnly { get; } = new(0xFFFF, "Export-only", 0, 0, 0);

    /// <summary>The AEAD identifier registered with IANA.</summary>
    public ushort Id { get; }

    /// <summary>The name, for example "AES-128-GCM".</summary>
    public string Name { get; }

    /// <summary>Nk: the key size in bytes (0 for export-only).</summary>
    public int KeySizeInBytes { get; }

    /// <summary>Nn: the nonce size in bytes (0 for export-only).</summary>
    public int NonceSizeInBytes { get; }

    /// <summary>Nt: the tag size in bytes, the ciphertext's expansion (0 for export-only).</summary>
    public int TagSizeInBytes { get; }

    /// <summary>True for <see cref="ExportOnly"/>.</summary>
    public bool IsExportOnly => Id == 0xFFFF;

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
        Span<byte> body = ciphertext[..plaintext.Length], tag = ciphertext[plaintext.Length..];
        if (Id == 0x0003)
        {
            SodiumChaCha20Poly1305.Seal(key, nonce, plaintext, body, tag, associatedData);
        }
        else
        {
            using var aes = new AesGcm(key, TagSizeInBytes);
            aes.Encrypt(nonce, plaintext, body, tag, associatedData);
        }
    }

    /// <summary>Open(key, nonce, aad, ct): false, with <paramref name="plaintext"/> cleared, when not authentic.</summary>
    internal bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Debug.Assert(!IsExportOnly && key.Length == KeySizeInBytes && nonce.Length == NonceSizeInBytes);
        Debug.Assert(plaintext.Length == ciphertext.Length - TagSizeInBytes);
        ReadOnlySpan<byte> body = ciphertext[..plaintext.Length], tag = ciphertext[plaintext.Length..];
        if (Id == 0x0003) return SodiumChaCha20Poly1305.Open(key, nonce, body, tag, plaintext, associatedData);
        try
        {
            using var aes = new AesGcm(key, TagSizeInBytes);
            aes.Decrypt(nonce, body, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }
}
