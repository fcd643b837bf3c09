// RFC 9420 §5.1.2: SignWithLabel(SignatureKey, Label, Content) = Signature.Sign(SignatureKey, SignContent),
//   SignContent = struct { opaque label<V> = "MLS 1.0 " + Label; opaque content<V> = Content; }
// and VerifyWithLabel the matching Signature.Verify. ECDSA signatures are DER (the suite's SignatureAlgorithm says so).
// Verification returns false for any bad signature (docs/failure-policy.md); the caller turns that into its reason.
using NoFuture.Crypto;

namespace NoFuture.Mls.Crypto;

/// <summary>SignWithLabel and VerifyWithLabel (RFC 9420 §5.1.2).</summary>
internal static class LabeledSignature
{
    /// <summary>Signs SignContent(label, content) into <paramref name="destination"/> (at least
    /// <see cref="SignatureAlgorithm.SignatureSizeInBytes"/>); returns the signature's length.</summary>
    internal static int SignWithLabel(SigningKey key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> content, Span<byte> destination)
    {
        int size = LabeledInput.SizeOf(label.Length, content.Length, withLength: false);
        Span<byte> tbs = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(tbs, null, label, content);
        return key.Sign(tbs[..written], destination);
    }

    /// <summary>SignWithLabel as a new array (a signature is public).</summary>
    internal static byte[] SignWithLabel(SigningKey key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> content)
    {
        byte[] signature = new byte[key.Algorithm.SignatureSizeInBytes];
        int length = SignWithLabel(key, label, content, signature);
        return length == signature.Length ? signature : signature[..length];
    }

    /// <summary>VerifyWithLabel with an imported (checked) public key; false for any bad signature.</summary>
    internal static bool VerifyWithLabel(SignaturePublicKey publicKey, ReadOnlySpan<byte> label, ReadOnlySpan<byte> content,
        ReadOnlySpan<byte> signature)
    {
        int size = LabeledInput.SizeOf(label.Length, content.Length, withLength: false);
        Span<byte> tbs = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(tbs, null, label, content);
        return publicKey.Verify(tbs[..written], signature);
    }

    /// <summary>VerifyWithLabel with raw public key bytes; false for a bad signature or a key that is not a valid point.</summary>
    internal static bool VerifyWithLabel(SignatureAlgorithm algorithm, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != algorithm.PublicKeySizeInBytes) return false;
        int size = LabeledInput.SizeOf(label.Length, content.Length, withLength: false);
        Span<byte> tbs = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(tbs, null, label, content);
        return algorithm.Verify(publicKey, tbs[..written], signature);
    }
}
