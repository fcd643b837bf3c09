// The two SHA-2 paths of HashAlgorithm and KdfAlgorithm: the public singletons use OpenSSL's low-level SHA-2 where
// libcrypto.so.3 is present (Interop/LibCrypto) and the BCL elsewhere. The tests build the BCL-path instances
// explicitly, so the fallback that macOS and Windows run is exercised here too.
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Kdf;

namespace NoFuture.Crypto.Tests.Hashing;

internal static class HashKdfPaths
{
    /// <summary>The BCL-path twin of <paramref name="hash"/> (SHA-3 has one path: itself).</summary>
    internal static HashAlgorithm Fallback(HashAlgorithm hash) =>
        hash is Sha2HashAlgorithm sha2 ? new Sha2HashAlgorithm(sha2.Variant, native: false) : hash;

    /// <summary>The BCL-path twin of <paramref name="kdf"/>.</summary>
    internal static KdfAlgorithm Fallback(KdfAlgorithm kdf) =>
        new HkdfAlgorithm((Sha2HashAlgorithm)Fallback(kdf.HashAlgorithm));

    /// <summary>Every public singleton of <typeparamref name="T"/> (public static properties of its own type), by reflection,
    /// so members added later join the tests that use this.</summary>
    internal static List<T> Singletons<T>() =>
        typeof(T).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(T))
            .Select(p => (T)p.GetValue(null)!)
            .ToList();

    /// <summary>Each public singleton, then its BCL-path twin where it has one.</summary>
    internal static IEnumerable<HashAlgorithm> HashesBothPaths() =>
        Singletons<HashAlgorithm>().SelectMany(h => Fallback(h) is var f && f != h ? new[] { h, f } : new[] { h });

    internal static IEnumerable<KdfAlgorithm> KdfsBothPaths() =>
        Singletons<KdfAlgorithm>().SelectMany(k => new[] { k, Fallback(k) });
}
