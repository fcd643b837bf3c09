// An ML-DSA signing key of the SignatureAlgorithm family: the key's Secret holds the 32-byte seed xi (the exportable
// private key) followed by the expanded private key sk of FIPS 204 Algorithm 24, so signing re-derives nothing but
// A-hat = ExpandA(rho), which is public and cached on first use. Signing is hedged (FIPS 204 section 3.4: rnd from the
// OS CSPRNG, wiped) and constant time in the secrets apart from which rejection check fails (MlDsaCore).
using System.Security.Cryptography;
using NoFuture.Crypto.MlDsa;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class MlDsaSigningKey : SigningKey
{
    private const int SeedSize = MlDsaParameters.SeedSizeInBytes;
    private readonly MlDsaParameters _parameters;
    private int[]? _aHat; // public

    private MlDsaSigningKey(MlDsaAlgorithm algorithm, Secret key, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(algorithm, key, publicKey, exportPolicy)
    {
        _parameters = algorithm.Parameters;
    }

    internal static MlDsaSigningKey Create(MlDsaAlgorithm algorithm, ReadOnlySpan<byte> seed, SecretOptions? options,
        KeyExportPolicies exportPolicy)
    {
        MlDsaParameters p = algorithm.Parameters;
        byte[] publicKey = new byte[p.PublicKeySizeInBytes];
        Secret key = Secret.Allocate(SeedSize + p.PrivateKeySizeInBytes, options);
        try
        {
            using (SecretWriteLease lease = key.OpenWrite())
            {
                seed.CopyTo(lease.Span);
                MlDsaCore.KeyGenInternal(p, seed, publicKey, lease.Span[SeedSize..]);
            }
            return new MlDsaSigningKey(algorithm, key, publicKey, exportPolicy);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private int[] AHat
    {
        get
        {
            int[]? aHat = Volatile.Read(ref _aHat);
            if (aHat is null)
            {
                aHat = new int[256 * _parameters.K * _parameters.L];
                Sampling.ExpandA(_parameters, PublicKeyBytes[..32], aHat);
                aHat = Interlocked.CompareExchange(ref _aHat, aHat, null) ?? aHat;
            }
            return aHat;
        }
    }

    private protected override int SignCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        int[] aHat = AHat;
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        Span<byte> rnd = stackalloc byte[MlDsaParameters.RndSizeInBytes];
        using SecretReadLease lease = Key.OpenRead();
        try
        {
            ReadOnlySpan<byte> sk = lease.Span[SeedSize..];
            MlDsaCore.ComputeMu(sk.Slice(64, MlDsaParameters.TrSizeInBytes), context, default, message, mu);
            RandomNumberGenerator.Fill(rnd);
            // KeyGen made sk, so its s1 and s2 are in range.
            if (!MlDsaCore.SignInternal(_parameters, sk, aHat, mu, rnd, signature)) CryptoThrowHelper.Unreachable();
        }
        catch
        {
            CryptographicOperations.ZeroMemory(signature);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rnd);
        }
        return _parameters.SignatureSizeInBytes;
    }
}
