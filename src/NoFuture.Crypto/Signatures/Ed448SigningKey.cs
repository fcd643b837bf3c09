// An Ed448 / Ed448ph signing key (RFC 8032 §5.2.5): the key's Secret holds the 57-byte seed (the RFC's private key, the
// only exportable part) followed by the expanded key, s mod L (56 bytes) ‖ prefix (57 bytes), so signing re-derives
// nothing. Signing is constant time in the key and the secret nonce (Ed448Core).
using System.Security.Cryptography;
using NoFuture.Crypto.Curves.Curve448;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class Ed448SigningKey : SigningKey
{
    private const int SeedSize = Ed448Core.SeedSize;
    private readonly byte _phflag;

    private Ed448SigningKey(Ed448Algorithm algorithm, Secret key, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(algorithm, key, publicKey, exportPolicy)
    {
        _phflag = algorithm.PhFlag;
    }

    internal static Ed448SigningKey Create(Ed448Algorithm algorithm, ReadOnlySpan<byte> seed, SecretOptions? options,
        KeyExportPolicies exportPolicy)
    {
        byte[] publicKey = new byte[Ed448Core.PublicKeySize];
        Secret key = Secret.Allocate(SeedSize + Ed448Core.ExpandedSize, options);
        try
        {
            using (SecretWriteLease lease = key.OpenWrite())
            {
                seed.CopyTo(lease.Span);
                Ed448Core.ExpandSeed(seed, lease.Span[SeedSize..], publicKey);
            }
            return new Ed448SigningKey(algorithm, key, publicKey, exportPolicy);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private protected override int SignCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        Span<byte> ph = stackalloc byte[Ed448Core.PrehashSize];
        scoped ReadOnlySpan<byte> phM = message;
        if (_phflag == 1)
        {
            Ed448Core.Prehash(message, ph);
            phM = ph;
        }
        using SecretReadLease lease = Key.OpenRead();
        try
        {
            Ed448Core.Sign(lease.Span[SeedSize..], PublicKeyBytes, _phflag, context, phM, signature);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(signature);
            throw;
        }
        return Ed448Core.SignatureSize;
    }
}
