// TEMPORARY stub until the real primitives land.
namespace NoFuture.Memory.Primitives;
internal static class ChaCha20Poly1305Core
{
    internal const int KeySize = 32, NonceSize = 12, TagSize = 16;
    internal static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag)
    { using var c = new System.Security.Cryptography.ChaCha20Poly1305(key); c.Encrypt(nonce, plaintext, ciphertext, tag, associatedData); }
    internal static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    { using var c = new System.Security.Cryptography.ChaCha20Poly1305(key); try { c.Decrypt(nonce, ciphertext, tag, plaintext, associatedData); return true; } catch (System.Security.Cryptography.AuthenticationTagMismatchException) { plaintext.Clear(); return false; } }
}
internal static class ChaCha20
{
    internal static void HChaCha20(ReadOnlySpan<byte> key32, ReadOnlySpan<byte> nonce16, Span<byte> output32)
    { System.Security.Cryptography.SHA256.HashData(key32, output32); output32[0] ^= nonce16[0]; }
}
