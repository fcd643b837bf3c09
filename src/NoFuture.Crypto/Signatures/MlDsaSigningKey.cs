// An ML-DSA signing key of the SignatureAlgorithm family: the key's Secret holds the 32-byte seed xi (the exportable
// private key), the expanded private key sk of FIPS 204 Algorithm 24, and Algorithm 7 steps 1-4 for that key
// (NTT(s1) || NTT(s2) || NTT(t0), MlDsaCore.ComputeNttForms, made once with the key), so signing re-derives nothing
// but A-hat = ExpandA(rho), which is public and cached on first use (both on the fastest path, as MlDsaKey does).
// Signing is hedged (FIPS 204 section 3.4: rnd from the OS CSPRNG, wiped) and constant time in the secrets apart from
// which rejection check fails (MlDsaCore). Disposing the key wipes all three with the one Secret.
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
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
        int skSize = p.PrivateKeySizeInBytes;
        Secret key = Secret.Allocate(SeedSize + skSize + sizeof(int) * MlDsaCore.NttFormsLength(p), options);
        try
        {
            using (SecretWriteLease lease = key.OpenWrite())
            {
                seed.CopyTo(lease.Span);
                Span<byte> sk = lease.Span.Slice(SeedSize, skSize);
                MlDsaCore.KeyGenInternal(p, Path, seed, publicKey, sk);
                // KeyGen made sk, so its s1 and s2 are in range.
                if (!MlDsaCore.ComputeNttForms(p, Path, sk, MemoryMarshal.Cast<byte, int>(lease.Span[(SeedSize + skSize)..])))
                    CryptoThrowHelper.Unreachable();
            }
            return new MlDsaSigningKey(algorithm, key, publicKey, exportPolicy);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The path every computation of this key runs on (the NTT forms are only valid for it).</summary>
    private static MlDsaPath Path => MlDsaPaths.Best;

    private int[] AHat
    {
        get
        {
            int[]? aHat = Volatile.Read(ref _aHat);
            if (aHat is null)
            {
                aHat = new int[256 * _parameters.K * _parameters.L];
                Sampling.ExpandA(_parameters, Path, PublicKeyBytes[..32], aHat);
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
            int skSize = _parameters.PrivateKeySizeInBytes;
            ReadOnlySpan<byte> sk = lease.Span.Slice(SeedSize, skSize);
            ReadOnlySpan<int> forms = MemoryMarshal.Cast<byte, int>(lease.Span[(SeedSize + skSize)..]);
            MlDsaCore.ComputeMu(sk.Slice(64, MlDsaParameters.TrSizeInBytes), context, default, message, mu);
            RandomNumberGenerator.Fill(rnd);
            MlDsaCore.SignWithNttForms(_parameters, Path, sk.Slice(32, 32), forms, aHat, mu, rnd, signature, out _);
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
