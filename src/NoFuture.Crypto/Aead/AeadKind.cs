namespace NoFuture.Crypto.Aead;

/// <summary>Which implementation family an <see cref="AeadAlgorithm"/> dispatches to.</summary>
internal enum AeadKind
{
    AesGcm,
    ChaCha20Poly1305,
    XChaCha20Poly1305,
}
