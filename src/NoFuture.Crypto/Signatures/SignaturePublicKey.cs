// A public key of a SignatureAlgorithm that passed the algorithm's import check (SignatureAlgorithm.ImportPublicKey),
// so verifying with it skips nothing the one-shot SignatureAlgorithm.Verify does: the same core runs, and only the
// key's length is known to be right already.
using System.Diagnostics;

namespace NoFuture.Crypto;

/// <summary>A validated public key of a <see cref="SignatureAlgorithm"/>; create it with <see cref="SignatureAlgorithm.ImportPublicKey"/>.</summary>
/// <remarks>Immutable; safe to use from several threads at once.</remarks>
[DebuggerDisplay("SignaturePublicKey {Algorithm.Name}")]
public sealed class SignaturePublicKey
{
    private readonly byte[] _publicKey;

    internal SignaturePublicKey(SignatureAlgorithm algorithm, byte[] publicKey)
    {
        Debug.Assert(publicKey.Length == algorithm.PublicKeySizeInBytes);
        Algorithm = algorithm;
        _publicKey = publicKey;
    }

    /// <summary>The key's algorithm.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The encoded public key (<see cref="SignatureAlgorithm.PublicKeySizeInBytes"/> bytes).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/>.</summary>
    /// <param name="message">The signed message.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="context">The signer's context (Ed448, Ed448ph); must be empty for the other algorithms.</param>
    /// <returns>
    /// <see langword="true"/> for a valid signature; <see langword="false"/> for anything else, including a signature
    /// of the wrong length or (DER) not strict DER.
    /// </returns>
    /// <exception cref="ArgumentException">The context is not empty and the algorithm takes none, or it is longer than 255 bytes.</exception>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context = default)
    {
        Algorithm.CheckContext(context, nameof(context));
        return Algorithm.VerifyCore(_publicKey, message, signature, context);
    }

    /// <summary>Writes the public key into <paramref name="destination"/> (exactly <see cref="SignatureAlgorithm.PublicKeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        if (destination.Length != _publicKey.Length) CryptoThrowHelper.WrongSize(nameof(destination), _publicKey.Length);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it is large enough.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten) =>
        KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);

    /// <summary>Returns a copy of the public key.</summary>
    public byte[] ExportPublicKey() => (byte[])_publicKey.Clone();

    /// <summary>Returns the type and algorithm name.</summary>
    public override string ToString() => $"SignaturePublicKey {Algorithm.Name}";
}
