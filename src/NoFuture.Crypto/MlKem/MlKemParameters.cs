// ML-KEM parameter sets: FIPS 203, section 8, Table 2 (k, eta1, eta2, du, dv) and Table 3 (sizes in bytes).
//   ML-KEM-512:  k = 2, eta1 = 3, eta2 = 2, du = 10, dv = 4; ek 800,  dk 1632, c 768
//   ML-KEM-768:  k = 3, eta1 = 2, eta2 = 2, du = 10, dv = 4; ek 1184, dk 2400, c 1088
//   ML-KEM-1024: k = 4, eta1 = 2, eta2 = 2, du = 11, dv = 5; ek 1568, dk 3168, c 1568
// Shared secret 32 bytes; private seed d || z 64 bytes.
using System.Security.Cryptography;

namespace NoFuture.Crypto.MlKem;

/// <summary>One ML-KEM parameter set (a sealed singleton per set, like the BCL's <see cref="MLKemAlgorithm"/>).</summary>
internal sealed class MlKemParameters
{
    internal const int MaxK = 4;
    internal const int SharedSecretSizeInBytes = 32, PrivateSeedSizeInBytes = 64, SeedPartSizeInBytes = 32;
    internal const int MaxEncapsulationKeySizeInBytes = 1568, MaxDecapsulationKeySizeInBytes = 3168, MaxCiphertextSizeInBytes = 1568;

    internal static MlKemParameters MlKem512 { get; } = new("ML-KEM-512", k: 2, eta1: 3, eta2: 2, du: 10, dv: 4);

    internal static MlKemParameters MlKem768 { get; } = new("ML-KEM-768", k: 3, eta1: 2, eta2: 2, du: 10, dv: 4);

    internal static MlKemParameters MlKem1024 { get; } = new("ML-KEM-1024", k: 4, eta1: 2, eta2: 2, du: 11, dv: 5);

    private MlKemParameters(string name, int k, int eta1, int eta2, int du, int dv)
    {
        Name = name;
        K = k;
        Eta1 = eta1;
        Eta2 = eta2;
        Du = du;
        Dv = dv;
    }

    internal string Name { get; }
    internal int K { get; }
    internal int Eta1 { get; }
    internal int Eta2 { get; }
    internal int Du { get; }
    internal int Dv { get; }

    /// <summary>384k: ByteEncode12 of a vector of k polynomials (t-hat in ek, s-hat in dk).</summary>
    internal int EncodedVectorSizeInBytes => 384 * K;

    internal int EncapsulationKeySizeInBytes => 384 * K + 32;

    internal int DecapsulationKeySizeInBytes => 768 * K + 96;

    internal int CiphertextSizeInBytes => 32 * (Du * K + Dv);

    /// <summary>c1 = ByteEncode_du(Compress_du(u)): 32 du k bytes.</summary>
    internal int C1SizeInBytes => 32 * Du * K;

    /// <summary>The parameter set for a BCL algorithm, or null when it is not ML-KEM-512/768/1024.</summary>
    internal static MlKemParameters? From(MLKemAlgorithm algorithm) =>
        algorithm == MLKemAlgorithm.MLKem512 ? MlKem512 :
        algorithm == MLKemAlgorithm.MLKem768 ? MlKem768 :
        algorithm == MLKemAlgorithm.MLKem1024 ? MlKem1024 : null;

    public override string ToString() => Name;
}
