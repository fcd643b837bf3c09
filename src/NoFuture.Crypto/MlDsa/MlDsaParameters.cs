// ML-DSA parameter sets: FIPS 204, section 4, Table 1 (q, d, tau, lambda, gamma1, gamma2, k, l, eta, beta, omega)
// and Table 2 (sizes in bytes).
//   ML-DSA-44: tau 39, lambda 128, gamma1 2^17, gamma2 (q-1)/88, (k, l) = (4, 4), eta 2, beta  78, omega 80;
//              pk 1312, sk 2560, sig 2420
//   ML-DSA-65: tau 49, lambda 192, gamma1 2^19, gamma2 (q-1)/32, (k, l) = (6, 5), eta 4, beta 196, omega 55;
//              pk 1952, sk 4032, sig 3309
//   ML-DSA-87: tau 60, lambda 256, gamma1 2^19, gamma2 (q-1)/32, (k, l) = (8, 7), eta 2, beta 120, omega 75;
//              pk 2592, sk 4896, sig 4627
// Private seed xi: 32 bytes.
using System.Security.Cryptography;

namespace NoFuture.Crypto.MlDsa;

/// <summary>One ML-DSA parameter set (a sealed singleton per set, like the BCL's <see cref="MLDsaAlgorithm"/>).</summary>
internal sealed class MlDsaParameters
{
    internal const int N = 256, Q = 8380417, D = 13;
    internal const int MaxK = 8, MaxL = 7;
    internal const int SeedSizeInBytes = 32, TrSizeInBytes = 64, MuSizeInBytes = 64, RndSizeInBytes = 32;
    internal const int MaxPublicKeySizeInBytes = 2592, MaxPrivateKeySizeInBytes = 4896, MaxSignatureSizeInBytes = 4627;
    internal const int MaxCTildeSizeInBytes = 64, MaxW1PackedSizeInBytes = MaxK * 192;

    internal static MlDsaParameters MlDsa44 { get; } = new("ML-DSA-44", tau: 39, lambda: 128, gamma1Bits: 17, gamma2: (Q - 1) / 88, k: 4, l: 4, eta: 2, omega: 80);

    internal static MlDsaParameters MlDsa65 { get; } = new("ML-DSA-65", tau: 49, lambda: 192, gamma1Bits: 19, gamma2: (Q - 1) / 32, k: 6, l: 5, eta: 4, omega: 55);

    internal static MlDsaParameters MlDsa87 { get; } = new("ML-DSA-87", tau: 60, lambda: 256, gamma1Bits: 19, gamma2: (Q - 1) / 32, k: 8, l: 7, eta: 2, omega: 75);

    private MlDsaParameters(string name, int tau, int lambda, int gamma1Bits, int gamma2, int k, int l, int eta, int omega)
    {
        Name = name;
        Tau = tau;
        Lambda = lambda;
        Gamma1Bits = gamma1Bits;
        Gamma1 = 1 << gamma1Bits;
        Gamma2 = gamma2;
        K = k;
        L = l;
        Eta = eta;
        Beta = tau * eta;
        Omega = omega;
    }

    internal string Name { get; }
    internal int Tau { get; }
    internal int Lambda { get; }
    internal int Gamma1Bits { get; }
    internal int Gamma1 { get; }
    internal int Gamma2 { get; }
    internal int K { get; }
    internal int L { get; }
    internal int Eta { get; }

    /// <summary>beta = tau eta (Table 1).</summary>
    internal int Beta { get; }
    internal int Omega { get; }

    /// <summary>c-tilde is lambda/4 bytes (Algorithm 7, step 15).</summary>
    internal int CTildeSizeInBytes => Lambda / 4;

    /// <summary>Bits per coefficient of s1 and s2 in sk: bitlen(2 eta) = 3 (eta 2) or 4 (eta 4).</summary>
    internal int EtaBits => Eta == 2 ? 3 : 4;

    /// <summary>Bits per coefficient of z: 1 + bitlen(gamma1 - 1).</summary>
    internal int ZBits => Gamma1Bits + 1;

    /// <summary>Bits per coefficient of w1: bitlen((q-1)/(2 gamma2) - 1) = 6 (ML-DSA-44) or 4.</summary>
    internal int W1Bits => Gamma2 == (Q - 1) / 88 ? 6 : 4;

    internal int W1PackedSizeInBytes => K * 32 * W1Bits;

    internal int PublicKeySizeInBytes => 32 + 320 * K;

    internal int PrivateKeySizeInBytes => 128 + 32 * EtaBits * (K + L) + 416 * K;

    internal int SignatureSizeInBytes => CTildeSizeInBytes + 32 * ZBits * L + Omega + K;

    /// <summary>The parameter set for a BCL algorithm, or null when it is not ML-DSA-44/65/87.</summary>
    internal static MlDsaParameters? From(MLDsaAlgorithm algorithm) =>
        algorithm == MLDsaAlgorithm.MLDsa44 ? MlDsa44 :
        algorithm == MLDsaAlgorithm.MLDsa65 ? MlDsa65 :
        algorithm == MLDsaAlgorithm.MLDsa87 ? MlDsa87 : null;

    public override string ToString() => Name;
}
