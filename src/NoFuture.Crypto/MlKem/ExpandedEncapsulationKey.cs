// The public part of K-PKE.Encrypt (FIPS 203, Algorithm 14, steps 2-8) done once per encapsulation key: t-hat
// decoded, the transpose of A-hat sampled from rho, and H(ek) (Algorithm 17, step 1). Encapsulation to the same key
// and the re-encryption inside decapsulation (Algorithm 18, step 8) then skip the matrix sampling and both hashes of ek.
//
// Choices:
// - Everything here is derived from ek alone, which is public, so it lives in ordinary managed arrays.
// - The arrays are in the standard NTT order every path uses (all paths sample and decode identically), so one
//   expansion serves any MlKemPath.
// - The caller has done the FIPS 203 section 7.2 modulus check on ek, or owns ek (its own key generation).
// Size: (k^2 + k) * 512 bytes of shorts plus 32, i.e. 6 KiB for ML-KEM-768.
using System.Diagnostics;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.MlKem;

internal sealed class ExpandedEncapsulationKey
{
    private readonly short[] _aTranspose;
    private readonly short[] _tHat;
    private readonly byte[] _hEk = new byte[32];

    private ExpandedEncapsulationKey(MlKemParameters p)
    {
        Parameters = p;
        _aTranspose = new short[p.K * p.K * Ntt.N];
        _tHat = new short[p.K * Ntt.N];
    }

    internal MlKemParameters Parameters { get; }

    /// <summary>A-hat^T: entry (i, j), 256 coefficients at (i k + j) 256, is A-hat[j, i].</summary>
    internal ReadOnlySpan<short> ATranspose => _aTranspose;

    /// <summary>t-hat = ByteDecode12(ek[0 : 384k]), k polynomials.</summary>
    internal ReadOnlySpan<short> THat => _tHat;

    /// <summary>H(ek) = SHA3-256(ek).</summary>
    internal ReadOnlySpan<byte> HEk => _hEk;

    /// <summary>Expands <paramref name="ek"/> (public, already checked) using the fastest path.</summary>
    internal static ExpandedEncapsulationKey Expand(MlKemParameters p, ReadOnlySpan<byte> ek) => Expand(p, MlKemPaths.Best, ek);

    /// <summary>Expands <paramref name="ek"/> (public, already checked) using <paramref name="path"/>.</summary>
    internal static ExpandedEncapsulationKey Expand(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> ek)
    {
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes);
        var expanded = new ExpandedEncapsulationKey(p);
        KPke.ExpandEncryptionKey(p, path, ek, expanded._aTranspose, expanded._tHat);
        Sha3.Sha3_256(ek, expanded._hEk);
        return expanded;
    }
}
