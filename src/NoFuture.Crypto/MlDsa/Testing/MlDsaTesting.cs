// Derandomized ML-DSA for tests (FIPS 204, Algorithm 7 with a caller-chosen rnd; rnd = 0^32 is the deterministic
// variant of section 3.4). Internal, and in its own namespace, so it cannot be reached by accident.
namespace NoFuture.Crypto.MlDsa.Testing;

/// <summary>Signing with a caller-chosen rnd for known-answer tests and cross-checks.</summary>
internal static class MlDsaTesting
{
    /// <summary>Pure ML-DSA (Algorithm 2) over <paramref name="data"/> with <paramref name="context"/> and the 32-byte rnd.</summary>
    internal static void SignData(MlDsaKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, ReadOnlySpan<byte> rnd, Span<byte> destination) =>
        Sign(key, data, context, default, rnd, destination);

    /// <summary>HashML-DSA (Algorithm 4) over PH(M) = <paramref name="hash"/> with its DER OID.</summary>
    internal static void SignPreHash(MlDsaKey key, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> context, string hashAlgorithmOid, ReadOnlySpan<byte> rnd, Span<byte> destination)
    {
        Span<byte> oid = stackalloc byte[PreHash.OidSizeInBytes];
        if (!PreHash.TryGetOid(hashAlgorithmOid, oid, out _)) CryptoThrowHelper.UnknownPreHashOid(nameof(hashAlgorithmOid));
        Sign(key, hash, context, oid, rnd, destination);
    }

    /// <summary>Sign_internal from an external mu (64 bytes) with the 32-byte rnd.</summary>
    internal static void SignMu(MlDsaKey key, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        Check(key, rnd, destination);
        if (mu.Length != MlDsaParameters.MuSizeInBytes) CryptoThrowHelper.WrongSize(nameof(mu), MlDsaParameters.MuSizeInBytes);
        key.SignMuWithRnd(mu, rnd, destination);
    }

    private static void Sign(MlDsaKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, ReadOnlySpan<byte> oid, ReadOnlySpan<byte> rnd, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        Check(key, rnd, destination);
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        key.ComputeMu(message, context, oid, mu);
        key.SignMuWithRnd(mu, rnd, destination);
    }

    private static void Check(MlDsaKey key, ReadOnlySpan<byte> rnd, Span<byte> destination)
    {
        if (rnd.Length != MlDsaParameters.RndSizeInBytes) CryptoThrowHelper.WrongSize(nameof(rnd), MlDsaParameters.RndSizeInBytes);
        if (destination.Length != key.Algorithm.SignatureSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), key.Algorithm.SignatureSizeInBytes);
    }
}
