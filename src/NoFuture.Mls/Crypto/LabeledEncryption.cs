// RFC 9420 §5.1.3: EncryptWithLabel(PublicKey, Label, Context, Plaintext) = SealBase(PublicKey, EncryptContext, "", Plaintext)
// and DecryptWithLabel the matching OpenBase, with
//   EncryptContext = struct { opaque label<V> = "MLS 1.0 " + Label; opaque context<V> = Context; }
// as HPKE's info (RFC 9180 §6.1 single-shot, base mode) and empty associated data. The result travels as
// HPKECiphertext { opaque kem_output<V>; opaque ciphertext<V>; }. The plaintext is often secret (path secrets, group
// secrets): it is read from and written to the caller's spans only.
using NoFuture.Crypto;

namespace NoFuture.Mls.Crypto;

/// <summary>EncryptWithLabel and DecryptWithLabel (RFC 9420 §5.1.3) with a suite's HPKE.</summary>
internal static class LabeledEncryption
{
    /// <summary>Seals <paramref name="plaintext"/> to <paramref name="publicKey"/>; <paramref name="kemOutput"/> is
    /// Nenc bytes, <paramref name="ciphertext"/> is <c>suite.Hpke.GetCiphertextSize(plaintext.Length)</c> bytes.</summary>
    internal static void EncryptWithLabel(MlsCipherSuite suite, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> context, ReadOnlySpan<byte> plaintext, Span<byte> kemOutput, Span<byte> ciphertext)
    {
        int size = LabeledInput.SizeOf(label.Length, context.Length, withLength: false);
        Span<byte> info = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(info, null, label, context);
        suite.Hpke.Seal(publicKey, plaintext, kemOutput, ciphertext, info[..written]);
    }

    /// <summary>Opens a ciphertext sealed by <see cref="EncryptWithLabel"/> into <paramref name="plaintext"/>
    /// (ciphertext length minus the tag); false, with the plaintext cleared, if anything was altered.</summary>
    /// <remarks>kem_output and ciphertext come from a peer: a kem_output of the wrong size or a ciphertext shorter than the
    /// tag is a failed decryption (false), not a caller mistake.</remarks>
    internal static bool DecryptWithLabel(MlsCipherSuite suite, HpkePrivateKey privateKey, ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> context, ReadOnlySpan<byte> kemOutput, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (kemOutput.Length != suite.Kem.EncapsulatedKeySizeInBytes || ciphertext.Length < suite.HpkeAead.TagSizeInBytes)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
        int size = LabeledInput.SizeOf(label.Length, context.Length, withLength: false);
        Span<byte> info = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(info, null, label, context);
        return suite.Hpke.Open(privateKey, kemOutput, ciphertext, plaintext, info[..written]);
    }
}
