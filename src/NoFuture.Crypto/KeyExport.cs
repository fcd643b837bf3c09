// The checks behind KeyExportPolicies and the public-output Try pattern, shared by every key type so
// they behave the same: an unknown policy flag is refused at creation, a refused export throws before any byte moves,
// and a Try method that returns false has written nothing.
using NoFuture.Memory;

namespace NoFuture.Crypto;

internal static class KeyExport
{
    private const KeyExportPolicies Known = KeyExportPolicies.AllowPlaintextExport;

    /// <summary>Refuses flags this version does not know, so a typo cannot silently mean "exportable".</summary>
    internal static void ValidatePolicy(KeyExportPolicies exportPolicy, string paramName)
    {
        if ((exportPolicy & ~Known) != 0) CryptoThrowHelper.UnknownExportPolicy(paramName);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> unless the policy allows a plaintext export.</summary>
    internal static void Demand(KeyExportPolicies exportPolicy)
    {
        if ((exportPolicy & KeyExportPolicies.AllowPlaintextExport) == 0) CryptoThrowHelper.ExportNotAllowed();
    }

    /// <summary>
    /// A private part's export, the same for every key type: refused (<see cref="InvalidOperationException"/>) when the
    /// key lacks that part or its policy forbids plaintext export, before any byte moves; else copied from its
    /// <see cref="Secret"/> into <paramref name="destination"/>, whose size the caller has checked.
    /// </summary>
    internal static void CopyPrivate(Secret? source, string part, KeyExportPolicies exportPolicy, Span<byte> destination)
    {
        if (source is null) CryptoThrowHelper.KeyLacks(part);
        Demand(exportPolicy);
        using SecretReadLease lease = source.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <summary>
    /// The Try pattern for public output: copies <paramref name="source"/> when <paramref name="destination"/> is large
    /// enough; otherwise writes nothing and reports 0 bytes.
    /// </summary>
    internal static bool TryCopyPublic(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < source.Length)
        {
            bytesWritten = 0;
            return false;
        }
        source.CopyTo(destination);
        bytesWritten = source.Length;
        return true;
    }
}
