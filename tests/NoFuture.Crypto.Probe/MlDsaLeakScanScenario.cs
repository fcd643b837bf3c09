// No ML-DSA secret on the GC heap: for ML-DSA-44, -65 and -87, rounds of key generation, signing (pure, HashML-DSA
// and external mu), verification, and a second key imported from the first key's seed (exported into a Secret) that
// signs too, with the secrets of FIPS 204's key tagged: the seed xi, K, and the encodings of s1, s2 and t0, read from
// the key's own Secrets. Then the whole process is scanned for the first 8 bytes of each outside the pools. The keys
// stay alive until the scan, so each tag must also be found inside the pools (positive control).
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NoFuture.Memory;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Crypto.Probe;

internal static class MlDsaLeakScanScenario
{
    private const int RoundsPerSet = 4;
    private const string Sha512Oid = "2.16.840.1.101.3.4.2.3";

    internal static int Run()
    {
        MLDsaAlgorithm[] algorithms = [MLDsaAlgorithm.MLDsa44, MLDsaAlgorithm.MLDsa65, MLDsaAlgorithm.MLDsa87];
        var complements = new List<ulong>();
        var keep = new List<IDisposable>();
        foreach (MLDsaAlgorithm algorithm in algorithms)
            for (int round = 0; round < RoundsPerSet; round++) Round(algorithm, complements, keep);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        Report("secrets", complements.Count);
        Report("outsidePools", MemoryScan.Count(complements, pools, insidePools: false));
        Report("insidePools", MemoryScan.Count(complements, pools, insidePools: true));
        foreach (IDisposable d in keep) d.Dispose();
        return 0;
    }

    private static void Round(MLDsaAlgorithm algorithm, List<ulong> complements, List<IDisposable> keep)
    {
        MlDsaKey key = MlDsaKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport);
        byte[] message = new byte[100], context = [1, 2, 3], mu = new byte[64], hash = SHA512.HashData(message);
        byte[] signature = new byte[algorithm.SignatureSizeInBytes];
        key.SignData(message, signature, context);
        bool ok = key.VerifyData(message, signature, context);
        // The BCL marks the pre-hash and mu members evaluation-only (SYSLIB5006); MlDsaKey implements their Core methods.
#pragma warning disable SYSLIB5006
        key.SignPreHash(hash, signature, Sha512Oid, context);
        ok &= key.VerifyPreHash(hash, signature, Sha512Oid, context);
        RandomNumberGenerator.Fill(mu);
        key.SignMu(mu, signature);
        ok &= key.VerifyMu(mu, signature);
#pragma warning restore SYSLIB5006

        Secret seed = Secret.Allocate(32);
        using (SecretWriteLease lease = seed.OpenWrite()) key.ExportMLDsaPrivateSeed(lease.Span);
        MlDsaKey imported = MlDsaKey.ImportPrivateSeed(algorithm, seed);
        imported.SignData(message, signature, context);
        ok &= key.VerifyData(message, signature, context);
        if (!ok) throw new InvalidOperationException("an ML-DSA round trip failed");

        // skEncode (FIPS 204, Algorithm 24): rho (32) || K (32) || tr (64) || s1 || s2 || t0.
        int etaBits = algorithm == MLDsaAlgorithm.MLDsa65 ? 4 : 3;
        (int k, int l) = algorithm == MLDsaAlgorithm.MLDsa44 ? (4, 4) : algorithm == MLDsaAlgorithm.MLDsa65 ? (6, 5) : (8, 7);
        Secret sk = key.PrivateKeyForTesting!;
        Record(complements, key.SeedForTesting!, 0);          // xi
        Record(complements, sk, 32);                         // K
        Record(complements, sk, 128);                        // s1
        Record(complements, sk, 128 + 32 * etaBits * l);       // s2
        Record(complements, sk, 128 + 32 * etaBits * (k + l)); // t0
        keep.AddRange([key, seed, imported]);
    }

    private static void Record(List<ulong> complements, Secret secret, int offset) =>
        complements.Add(secret.Read(offset, static (s, o) => ~BinaryPrimitives.ReadUInt64LittleEndian(s[o..])));

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
